import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MeetingForm } from "@/components/admin/meeting-form.tsx";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { toZonedDateTimeLocal } from "@/lib/i18n/zoned-time.ts";
import { saveMeetingAction } from "@/lib/meetings/actions.ts";
import { translationFormValues } from "@/lib/i18n/meeting-texts.ts";
import { listMeetingSessions } from "@/lib/meetings/queries.ts";
import { sessionFormValues } from "@/lib/meetings/session-rows.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("editMeeting") };
}

export default async function EditMeetingPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const db = getDatabase();
  const access = await requireMeetingPage(db, (await params).meetingId, "edit-meeting");
  const { meeting } = access;
  const t = await getTranslations("admin");
  const local = (instant: Date | null) => (instant ? toZonedDateTimeLocal(instant, meeting.timeZone) : "");
  return (
    <>
      <p>
        <a href={`/admin/meetings/${meeting.id}`}>{t("backToList")}</a>
      </p>
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("editMeeting")}</h1>
      <MeetingForm
        action={saveMeetingAction.bind(null, meeting.id)}
        submitLabel={t("saveMeeting")}
        initialValues={{
          defaultLocale: meeting.defaultLocale,
          slug: meeting.slug,
          title: meeting.title,
          shortName: meeting.shortName,
          circularReference: meeting.circularReference ?? "",
          summary: meeting.summary ?? "",
          format: meeting.format,
          timeZone: meeting.timeZone,
          startsAt: local(meeting.startsAt),
          endsAt: local(meeting.endsAt),
          registrationOpensAt: local(meeting.registrationOpensAt),
          registrationClosesAt: local(meeting.registrationClosesAt),
          documentDeadline: local(meeting.documentDeadline),
          documentSubmission: meeting.documentSubmission ?? "",
          documentSeriesPrefix: meeting.documentSeriesPrefix ?? "",
          documentMaxMegabytes: String(Math.round(meeting.documentMaxBytes / (1024 * 1024))),
          documentLatePolicy: meeting.documentLatePolicy,
          documentTemplateUrl: meeting.documentTemplateUrl ?? "",
          languages: meeting.languages,
          fee: meeting.fee,
          contactName: meeting.contactName,
          contactEmail: meeting.contactEmail,
          contactPhone: meeting.contactPhone ?? "",
          homePageUrl: meeting.homePageUrl ?? "",
          eligibleCategories: meeting.eligibleCategories,
          eligibilityNote: meeting.eligibilityNote ?? "",
          approvalMode: meeting.approvalMode,
          confirmFocalPointApprovals: meeting.confirmFocalPointApprovals ? "yes" : "",
          focalPointReminderHours: String(meeting.focalPointReminderHours),
          focalPointEscalationHours: String(meeting.focalPointEscalationHours),
          focalPointEscalationBeforeCloseHours: String(meeting.focalPointEscalationBeforeCloseHours),
          capacity: meeting.capacity?.toString() ?? "",
          retentionDays: String(meeting.retentionDays),
          connectionJoinUrl: meeting.connectionJoinUrl ?? "",
          connectionMeetingId: meeting.connectionMeetingId ?? "",
          connectionPasscode: meeting.connectionPasscode ?? "",
          connectionDialIn: meeting.connectionDialIn ?? "",
          connectionNotes: meeting.connectionNotes ?? "",
          personalJoinLinks: meeting.personalJoinLinks ? "yes" : "no",
          joinOpensMinutesBefore: String(meeting.joinOpensMinutesBefore),
          reminderOffsetsMinutes: meeting.reminderOffsetsMinutes.length > 0 ? meeting.reminderOffsetsMinutes.map(String) : ["off"],
          ...translationFormValues(meeting.texts),
          ...sessionFormValues(await listMeetingSessions(db, meeting.id), (instant) => toZonedDateTimeLocal(instant, meeting.timeZone)),
        }}
      />
    </>
  );
}
