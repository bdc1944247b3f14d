"use client";
// The reader's own clock beside a time stated in the meeting's zone, when the two differ: a
// delegate in Tokyo reads "12 November 2021 at 23:59 CET (your time: 13 November 2021 at 07:59
// GMT+9)". The server cannot know the reader's zone, so this appears once the script runs; the
// meeting's time, with its zone named, is always there without it.
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { formatInstant, sameClockTime } from "@/lib/i18n/instant-format.ts";

type Props = {
  instant: string;
  timeZone: string;
  /**
   * A paragraph of its own below the sentence, instead of words added to it: the sentence is then
   * painted whole with the HTML, and does not grow (and count as painted again) once the script
   * runs, which Lighthouse would take as the page's largest paint (issue 15).
   */
  block?: boolean;
};

export function LocalTime({ instant, timeZone, block = false }: Props) {
  const locale = useLocale();
  const t = useTranslations("common");
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const when = new Date(instant);
    if (own && !sameClockTime(when, timeZone, own)) setLocal(formatInstant(when, own, locale));
  }, [instant, timeZone, locale]);
  if (!local) return null;
  if (block) return <p className="local-time">({t("yourTime", { time: local })})</p>;
  return <span className="local-time"> ({t("yourTime", { time: local })})</span>;
}
