import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AuditTrail } from "@/components/admin/audit-trail.tsx";
import { listAuditEntries } from "@/lib/audit/queries.ts";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { countryName } from "@/lib/participants/country-names.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("auditLog") };
}

export default async function AuditPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const db = getDatabase();
  const access = await requireMeetingPage(db, (await params).meetingId, "read");
  const t = await getTranslations("admin");
  const locale = await getLocale();
  const entries = await listAuditEntries(db, access.meeting.id);
  return (
    <>
      <p>
        <a href={`/admin/meetings/${access.meeting.id}`}>{t("backToList")}</a>
      </p>
      <span className="caption">{access.meeting.shortName}</span>
      <h1>{t("auditLog")}</h1>
      <AuditTrail
        entries={entries}
        meetingId={access.meeting.id}
        timeZone={access.meeting.timeZone}
        showLinks
        countryName={(code) => countryName(code, locale)}
      />
    </>
  );
}
