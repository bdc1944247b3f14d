import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant, formatMeetingDates } from "@/lib/i18n/format.ts";
import { listPublicMeetings } from "@/lib/meetings/queries.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("home");
  return { title: t("title") };
}

export default async function HomePage() {
  const now = new Date();
  const locale = await getLocale();
  const t = await getTranslations("home");
  const { open, other } = await listPublicMeetings(getDatabase(), now);
  return (
    <>
      <h1>{t("title")}</h1>
      <h2>{t("openHeading")}</h2>
      {open.length === 0 ? (
        <p>{t("noneOpen")}</p>
      ) : (
        <ul className="meeting-list">
          {open.map((meeting) => (
            <li key={meeting.id}>
              <h3>
                <a href={`/meetings/${meeting.slug}`}>{meeting.title}</a>
              </h3>
              <p>{formatMeetingDates(meeting.startsAt, meeting.endsAt, meeting.timeZone, locale)}</p>
              <p>{t("closesAt", { deadline: formatInstant(meeting.registrationClosesAt, meeting.timeZone, locale) })}</p>
            </li>
          ))}
        </ul>
      )}
      {other.length > 0 && (
        <>
          <h2>{t("otherHeading")}</h2>
          <ul className="meeting-list">
            {other.map((meeting) => (
              <li key={meeting.id}>
                <h3>
                  <a href={`/meetings/${meeting.slug}`}>{meeting.title}</a>
                </h3>
                <p>{formatMeetingDates(meeting.startsAt, meeting.endsAt, meeting.timeZone, locale)}</p>
                <p>
                  {now < meeting.registrationOpensAt
                    ? t("opensAt", { date: formatInstant(meeting.registrationOpensAt, meeting.timeZone, locale) })
                    : t("closed")}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
