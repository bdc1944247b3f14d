import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { requireOrganizerPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatTimeLeft } from "@/lib/i18n/durations.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { languageMark, meetingText } from "@/lib/i18n/meeting-texts.ts";
import { listMeetingsForOrganizer } from "@/lib/meetings/queries.ts";
import { timeUntilRegistrationCloses } from "@/lib/meetings/rules.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("meetingsTitle") };
}

export default async function AdminHomePage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const db = getDatabase();
  const organizer = await requireOrganizerPage(db);
  const { error } = await searchParams;
  const t = await getTranslations("admin");
  const locale = await getLocale();
  const meetings = await listMeetingsForOrganizer(db, organizer.userId);
  const now = new Date();
  return (
    <>
      {error === "forbidden" && (
        <div className="error-summary" role="alert">
          <h2>{t("forbiddenTitle")}</h2>
          <p>{t("forbiddenBody")}</p>
        </div>
      )}
      <h1>{t("meetingsTitle")}</h1>
      {organizer.canCreateMeetings && (
        <p className="button-group">
          <a className="button" href="/admin/meetings/new">
            {t("createMeeting")}
          </a>
          <a className="button button--secondary" href="/admin/focal-points">
            {t("focalPointsLink")}
          </a>
        </p>
      )}
      {meetings.length === 0 ? (
        <p>{t("noMeetings")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">{t("meetingsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meeting")}</th>
                <th scope="col">{t("yourRole")}</th>
                <th scope="col">{t("statuses.CONFIRMED")}</th>
                <th scope="col">{t("statuses.PENDING")}</th>
                <th scope="col">{t("statuses.WITHDRAWN")}</th>
                <th scope="col">{t("deadline")}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map(({ meeting, role, counts }) => {
                const left = timeUntilRegistrationCloses(meeting, now);
                // The title in the organizer's language, or in the meeting's own, marked with its language.
                const title = meetingText(meeting, "title", locale) ?? { text: meeting.title, lang: locale };
                return (
                  <tr key={meeting.id}>
                    <td>
                      <a href={`/admin/meetings/${meeting.id}`}>{meeting.shortName}</a>
                      <br />
                      <span className="hint" {...languageMark(title, locale)}>
                        {title.text}
                      </span>
                    </td>
                    <td>{t(`roles.${role}`)}</td>
                    <td>{counts.CONFIRMED}</td>
                    <td>{counts.PENDING}</td>
                    <td>{counts.WITHDRAWN}</td>
                    <td>
                      {formatInstant(meeting.registrationClosesAt, meeting.timeZone, locale)}
                      <br />
                      <span className="hint">{left > 0 ? t("timeLeft", { time: formatTimeLeft(left, locale) }) : t("closed")}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
