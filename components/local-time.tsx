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
  /**
   * The meeting zone's offset at `instant` in minutes (zoneOffsetMinutes), when the server gives it:
   * the reader's own clock is then compared without an Intl.DateTimeFormat, and one is built only
   * when the two differ.
   */
  zoneOffsetMinutes?: number;
};

export function LocalTime({ instant, timeZone, block = false, zoneOffsetMinutes }: Props) {
  const locale = useLocale();
  const t = useTranslations("common");
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    // In a task of its own, after the hydration's: the page's first Intl.DateTimeFormat loads the
    // browser's date data (about 40 ms here, four times that on a slow phone), which would
    // otherwise lengthen the one long task in which React runs every effect of the page (issue 15).
    const timer = setTimeout(() => {
      const when = new Date(instant);
      if (zoneOffsetMinutes !== undefined && -when.getTimezoneOffset() === zoneOffsetMinutes) return;
      const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (own && !sameClockTime(when, timeZone, own)) setLocal(formatInstant(when, own, locale));
    }, 0);
    return () => clearTimeout(timer);
  }, [instant, timeZone, locale, zoneOffsetMinutes]);
  if (!local) return null;
  if (block) return <p className="local-time">({t("yourTime", { time: local })})</p>;
  return <span className="local-time"> ({t("yourTime", { time: local })})</span>;
}
