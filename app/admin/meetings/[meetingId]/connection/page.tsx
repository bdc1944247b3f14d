import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ConnectionForm } from "@/components/admin/connection-form.tsx";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { saveConnectionInstructionsAction } from "@/lib/meetings/actions.ts";
import { countNoticeRecipients, latestNoticeProgress } from "@/lib/notices/queries.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("editConnection") };
}

export default async function ConnectionPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const db = getDatabase();
  const access = await requireMeetingPage(db, (await params).meetingId, "notify");
  const { meeting } = access;
  const t = await getTranslations("admin");
  const locale = await getLocale();
  const [confirmedCount, notice] = await Promise.all([
    countNoticeRecipients(db, meeting.id, "connection-updated"),
    latestNoticeProgress(db, meeting.id, "connection-updated"),
  ]);
  return (
    <>
      <p>
        <a href={`/admin/meetings/${meeting.id}`}>{t("backToList")}</a>
      </p>
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("editConnection")}</h1>
      <p>{t("connectionHint")}</p>
      {notice && (
        <div className="notice" role="status">
          {t("noticeProgress", {
            status: notice.status,
            time: formatInstant(notice.createdAt, meeting.timeZone, locale),
            sent: notice.sent,
            total: notice.total,
          })}
        </div>
      )}
      <ConnectionForm
        action={saveConnectionInstructionsAction.bind(null, meeting.id)}
        confirmedCount={confirmedCount}
        initialValues={{
          connectionJoinUrl: meeting.connectionJoinUrl ?? "",
          connectionMeetingId: meeting.connectionMeetingId ?? "",
          connectionPasscode: meeting.connectionPasscode ?? "",
          connectionDialIn: meeting.connectionDialIn ?? "",
          connectionNotes: meeting.connectionNotes ?? "",
        }}
      />
    </>
  );
}
