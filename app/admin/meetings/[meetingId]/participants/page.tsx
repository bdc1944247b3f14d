import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ParticipantsTable } from "@/components/attendance/participants-table.tsx";
import { listLabels, listOfParticipants, participantsTableProps } from "@/lib/attendance/participants.ts";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatMeetingDates } from "@/lib/i18n/format.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("participantsList");
  return { title: t("title") };
}

/** The official list of participants, printable (A4, print CSS in app/globals.css). */
export default async function ParticipantsPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const db = getDatabase();
  const { meeting } = await requireMeetingPage(db, (await params).meetingId, "read");
  const t = await getTranslations("participantsList");
  const locale = await getLocale();
  const list = await listOfParticipants(db, { meetingId: meeting.id, locale, audience: "organizers" });
  const labels = listLabels(locale, meeting.timeZone);
  return (
    <div className="participants-print">
      <p className="no-print">
        <a href={`/admin/meetings/${meeting.id}`}>{t("backToMeeting")}</a>
      </p>
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("title")}</h1>
      <p>
        {meeting.title} · {formatMeetingDates(meeting.startsAt, meeting.endsAt, meeting.timeZone, locale)}
      </p>
      <p>{t("total", { count: list.total })}</p>
      <ul className="button-group no-print" style={{ listStyle: "none", padding: 0 }}>
        <li>
          <a href={`/admin/meetings/${meeting.id}/participants/export?format=csv`}>{t("exportCsv")}</a>
        </li>
        <li>
          <a href={`/admin/meetings/${meeting.id}/participants/export?format=xlsx`}>{t("exportXlsx")}</a>
        </li>
      </ul>
      <p className="hint no-print">{t("printHint")}</p>
      {list.total === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ParticipantsTable
          {...participantsTableProps(list, labels, { attendance: true })}
          labels={{
            name: t("name"),
            organization: t("organization"),
            country: t("country"),
            email: t("email"),
            attended: t("attended"),
            absent: t("absent"),
            caption: t("title"),
          }}
          showEmail
        />
      )}
    </div>
  );
}
