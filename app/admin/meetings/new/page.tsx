import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { MeetingForm } from "@/components/admin/meeting-form.tsx";
import { requireOrganizerPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { saveMeetingAction } from "@/lib/meetings/actions.ts";
import { DEFAULT_REMINDER_OFFSETS } from "@/lib/notices/reminders.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("createMeeting") };
}

export default async function NewMeetingPage() {
  const organizer = await requireOrganizerPage(getDatabase());
  if (!organizer.canCreateMeetings) redirect("/admin?error=forbidden");
  const t = await getTranslations("admin");
  // A new meeting's texts are written, by default, in the language the organizer reads the console in.
  const locale = await getLocale();
  return (
    <>
      <p>
        <a href="/admin">{t("allMeetings")}</a>
      </p>
      <h1>{t("createMeeting")}</h1>
      <MeetingForm
        action={saveMeetingAction.bind(null, null)}
        submitLabel={t("createMeeting")}
        initialValues={{
          defaultLocale: locale,
          timeZone: "Europe/Zurich",
          format: "REMOTE",
          approvalMode: "AUTOMATIC",
          retentionDays: "90",
          personalJoinLinks: "yes",
          joinOpensMinutesBefore: "30",
          documentMaxMegabytes: "25",
          documentLatePolicy: "REFUSE",
          focalPointReminderHours: "48",
          focalPointEscalationHours: "96",
          focalPointEscalationBeforeCloseHours: "48",
          reminderOffsetsMinutes: DEFAULT_REMINDER_OFFSETS.map(String),
          fee: t("defaults.fee"),
          eligibleCategories: ["MEMBER_STATE", "SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA", "INDIVIDUAL"],
        }}
      />
    </>
  );
}
