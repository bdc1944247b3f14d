import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/local-time.tsx";
import { openJoinLink } from "@/lib/attendance/service.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";

type Props = { params: Promise<{ token: string }> };

// The token in the URL is a credential: no search engine, no referrer, no cache (see proxy.ts).
export const metadata: Metadata = { referrer: "no-referrer", robots: { index: false, follow: false } };

/**
 * A registrant's personal join link. Inside the window, for a confirmed registration, it forwards
 * to the meeting's platform link (the use is recorded); before, it says when to come back;
 * anything else (unknown, revoked, withdrawn, rejected) gets the same refusal: not-found.tsx.
 */
export default async function JoinPage({ params }: Props) {
  const { token } = await params;
  const decision = await openJoinLink(getDatabase(), { token, now: new Date() });
  if (decision.outcome === "refused" || !decision.meeting) notFound();
  if (decision.outcome === "forward") redirect(decision.url);
  const t = await getTranslations("join");
  const locale = await getLocale();
  const { shortName, timeZone } = decision.meeting;
  if (decision.outcome === "wait") {
    const title = t("waitTitle", { meeting: shortName });
    return (
      <>
        <title>{title}</title>
        <h1>{title}</h1>
        <dl className="summary-list">
          <dt>{t("waitOpens")}</dt>
          <dd>
            <time dateTime={decision.opensAt.toISOString()}>{formatInstant(decision.opensAt, timeZone, locale)}</time>
            <LocalTime instant={decision.opensAt.toISOString()} timeZone={timeZone} />
          </dd>
          <dt>{t("waitStarts")}</dt>
          <dd>
            <time dateTime={decision.startsAt.toISOString()}>{formatInstant(decision.startsAt, timeZone, locale)}</time>
            <LocalTime instant={decision.startsAt.toISOString()} timeZone={timeZone} />
          </dd>
        </dl>
        <p>{t("waitBody")}</p>
      </>
    );
  }
  const [titleKey, bodyKey] =
    decision.outcome === "ended" ? (["endedTitle", "endedBody"] as const) : (["noPlatformLinkTitle", "noPlatformLinkBody"] as const);
  const title = t(titleKey, { meeting: shortName });
  return (
    <>
      <title>{title}</title>
      <h1>{title}</h1>
      <p>{t(bodyKey)}</p>
    </>
  );
}
