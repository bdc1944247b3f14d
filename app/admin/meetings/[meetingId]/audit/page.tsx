import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("auditLog") };
}

export default async function AuditPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const db = getDatabase();
  const access = await requireMeetingPage(db, (await params).meetingId, "read");
  const t = await getTranslations("admin");
  const locale = await getLocale();
  const entries = await db.auditEntry.findMany({ where: { meetingId: access.meeting.id }, orderBy: { createdAt: "desc" }, take: 500 });
  return (
    <>
      <p>
        <a href={`/admin/meetings/${access.meeting.id}`}>{t("backToList")}</a>
      </p>
      <span className="caption">{access.meeting.shortName}</span>
      <h1>{t("auditLog")}</h1>
      <div className="table-wrapper">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("who")}</th>
              <th scope="col">{t("what")}</th>
              <th scope="col">{t("before")}</th>
              <th scope="col">{t("after")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatInstant(entry.createdAt, access.meeting.timeZone, locale)}</td>
                <td>{entry.actorLabel}</td>
                <td>
                  {entry.action}
                  {entry.entityType === "registration" && (
                    <>
                      {" "}
                      <a href={`/admin/meetings/${access.meeting.id}/registrations/${entry.entityId}`}>{t("open")}</a>
                    </>
                  )}
                </td>
                <td>
                  <code>{entry.before ? JSON.stringify(entry.before) : ""}</code>
                </td>
                <td>
                  <code>{entry.after ? JSON.stringify(entry.after) : ""}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
