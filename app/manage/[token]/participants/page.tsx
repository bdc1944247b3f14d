import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ParticipantsTable } from "@/components/attendance/participants-table.tsx";
import { listLabels, listOfParticipants, participantsTableProps } from "@/lib/attendance/participants.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { findRegistrationByManageToken } from "@/lib/registration/service.ts";
import { isWellFormedToken } from "@/lib/security/tokens.ts";

type Props = { params: Promise<{ token: string }> };

// The token in the URL is a credential: no search engine, no referrer, no cache (see proxy.ts).
export const metadata: Metadata = { referrer: "same-origin", robots: { index: false, follow: false } };

/**
 * The participants-only list of a meeting, for its confirmed registrants through their manage
 * link: only those who agreed to appear in it, no email addresses, no attendance.
 */
export default async function ParticipantsOnlyPage({ params }: Props) {
  const { token } = await params;
  const t = await getTranslations("participantsList");
  const manage = await getTranslations("manage");
  const locale = await getLocale();
  const db = getDatabase();
  const registration = isWellFormedToken(token) ? await findRegistrationByManageToken(db, token) : null;
  if (!registration || registration.erasedAt || registration.status !== "CONFIRMED") {
    return (
      <>
        <title>{t("notAvailableTitle")}</title>
        <h1>{t("notAvailableTitle")}</h1>
        <p>{t("notAvailableBody")}</p>
      </>
    );
  }
  const { meeting } = registration;
  const list = await listOfParticipants(db, { meetingId: meeting.id, locale, audience: "participants" });
  const title = `${t("title")} – ${meeting.shortName}`;
  return (
    <div className="participants-print">
      <title>{title}</title>
      <p className="no-print">
        <a href={`/manage/${token}`}>{manage("title", { meeting: meeting.shortName })}</a>
      </p>
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("title")}</h1>
      <p>{t("participantsOnlyIntro")}</p>
      <p>{t("total", { count: list.total })}</p>
      {list.total > 0 && (
        <ParticipantsTable
          {...participantsTableProps(list, listLabels(locale, meeting.timeZone), { attendance: false })}
          labels={{
            name: t("name"),
            organization: t("organization"),
            country: t("country"),
            email: t("email"),
            attended: t("attended"),
            absent: t("absent"),
            caption: t("title"),
          }}
          showEmail={false}
        />
      )}
    </div>
  );
}
