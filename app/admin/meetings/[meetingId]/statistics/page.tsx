// The meeting's charts on a console page of their own, linked from the registrant list: their
// query reads every registration of the meeting (about 125 ms at 100,000), which the list's
// first byte no longer waits for (issue 15).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MeetingCharts } from "@/components/admin/charts/meeting-charts.tsx";
import { attendancePerSession } from "@/lib/attendance/queries.ts";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { registrationStatistics } from "@/lib/registrants/statistics.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("charts");
  return { title: t("heading") };
}

export default async function MeetingStatisticsPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const db = getDatabase();
  const { meeting } = await requireMeetingPage(db, (await params).meetingId, "read");
  const t = await getTranslations("admin");
  const [statistics, attendance] = await Promise.all([
    registrationStatistics(db, meeting, new Date()),
    attendancePerSession(db, meeting.id),
  ]);
  return (
    <>
      <p>
        <a href={`/admin/meetings/${meeting.id}`}>{t("backToList")}</a>
      </p>
      <MeetingCharts
        caption={meeting.shortName}
        timeZone={meeting.timeZone}
        categories={meeting.eligibleCategories}
        statistics={statistics}
        attendance={attendance}
      />
    </>
  );
}
