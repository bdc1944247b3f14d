import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConnectionForm } from "@/components/admin/connection-form.tsx";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { saveConnectionInstructionsAction } from "@/lib/meetings/actions.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("editConnection") };
}

export default async function ConnectionPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const db = getDatabase();
  const access = await requireMeetingPage(db, (await params).meetingId, "notify");
  const { meeting } = access;
  const t = await getTranslations("admin");
  const confirmedCount = await db.registration.count({ where: { meetingId: meeting.id, status: "CONFIRMED" } });
  return (
    <>
      <p>
        <a href={`/admin/meetings/${meeting.id}`}>{t("backToList")}</a>
      </p>
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("editConnection")}</h1>
      <p>{t("connectionHint")}</p>
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
