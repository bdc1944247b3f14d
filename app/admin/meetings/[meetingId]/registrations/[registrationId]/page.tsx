import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AuditTrail } from "@/components/admin/audit-trail.tsx";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { roleAllows } from "@/lib/auth/meeting-access.ts";
import { countryName } from "@/lib/participants/country-names.ts";
import { revokeJoinLinksAction } from "@/lib/attendance/actions.ts";
import { decideRegistrationsAction, resendConfirmationAction } from "@/lib/registrants/actions.ts";
import { getRegistrantDetails } from "@/lib/registrants/queries.ts";
import { keyFromData, oneOf } from "@/lib/i18n/keys.ts";
import { AWAITING_ORGANIZERS } from "@/lib/notices/approval-rules.ts";

type Props = {
  params: Promise<{ meetingId: string; registrationId: string }>;
  searchParams: Promise<{ done?: string; error?: string; changed?: string }>;
};

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("registrantTitle") };
}

export default async function RegistrantPage({ params, searchParams }: Props) {
  const db = getDatabase();
  const { meetingId, registrationId } = await params;
  const access = await requireMeetingPage(db, meetingId, "read");
  const details = await getRegistrantDetails(db, access.meeting.id, registrationId);
  if (!details) notFound();
  const { registration, emails, history } = details;
  const { done, error, changed } = await searchParams;
  const attendanceT = await getTranslations("attendance");
  const t = await getTranslations("admin");
  const categoryLabel = await getTranslations("meeting.categories");
  const locale = await getLocale();
  const zone = access.meeting.timeZone;
  const canDecide = roleAllows(access.role, "decide");
  // Waiting for someone: the organizers may approve or reject at every such stage.
  const waiting = (AWAITING_ORGANIZERS as readonly string[]).includes(registration.status);
  const decide = decideRegistrationsAction.bind(null, access.meeting.id);
  const name = `${registration.givenName} ${registration.familyName}`;

  return (
    <>
      <p>
        <a href={`/admin/meetings/${access.meeting.id}`}>{t("backToList")}</a>
      </p>
      <span className="caption">{access.meeting.shortName}</span>
      <h1>{name}</h1>
      {done && (
        <div className="notice" role="status">
          {done === "links-revoked"
            ? attendanceT("linksRevoked", { count: Number(changed ?? 0) })
            : t(`done.${oneOf(done, ["approve", "reject", "withdraw", "resent", "resent-recently", "not-active"] as const, "saved")}`, {
                changed: 1,
                notified: 0,
              })}
        </div>
      )}
      {error === "reason-required" && (
        <div className="error-summary" role="alert">
          <h2>{t("problem")}</h2>
          <ul>
            <li>
              <a href="#reason">{t("errors.reason-required")}</a>
            </li>
          </ul>
        </div>
      )}
      <dl className="summary-list">
        <dt>{t("reference")}</dt>
        <dd>{registration.reference}</dd>
        <dt>{t("status")}</dt>
        <dd>
          <strong className={`tag tag--${registration.status}`}>{t(`statuses.${registration.status}`)}</strong>
          {registration.decisionReason && <p>{registration.decisionReason}</p>}
        </dd>
        {registration.focalPointDecidedBy && registration.focalPointDecidedAt && (
          <>
            <dt>{t("focalPointDecision.label")}</dt>
            <dd>
              {t(registration.focalPointDecision === "rejected" ? "focalPointDecision.rejected" : "focalPointDecision.approved", {
                email: registration.focalPointDecidedBy,
                date: formatInstant(registration.focalPointDecidedAt, zone, locale),
              })}
            </dd>
          </>
        )}
        <dt>{t("email")}</dt>
        <dd>{registration.email}</dd>
        <dt>{t("category")}</dt>
        <dd>{categoryLabel(registration.category)}</dd>
        {registration.memberState && (
          <>
            <dt>{t("memberState")}</dt>
            <dd>{countryName(registration.memberState, locale)}</dd>
          </>
        )}
        <dt>{t("organization")}</dt>
        <dd>{registration.organization ?? "–"}</dd>
        <dt>{t("country")}</dt>
        <dd>{countryName(registration.country, locale)}</dd>
        <dt>{t("jobTitle")}</dt>
        <dd>{registration.jobTitle ?? "–"}</dd>
        <dt>{t("accessibility")}</dt>
        <dd>
          {[
            registration.needsCaptioning && t("captioning"),
            registration.needsSignLanguage && t("signLanguage"),
            registration.accessibilityOther,
          ]
            .filter(Boolean)
            .join("; ") || "–"}
        </dd>
        <dt>{t("listConsent")}</dt>
        <dd>{registration.listConsent ? t("yes") : t("no")}</dd>
        <dt>{t("registered")}</dt>
        <dd>{formatInstant(registration.createdAt, zone, locale)}</dd>
      </dl>

      {canDecide && (
        <>
          <h2 id="decide">{t("actions")}</h2>
          <form action={decide} className="filters">
            <input type="hidden" name="registrationId" value={registration.id} />
            <input type="hidden" name="returnTo" value="registrant" />
            <div className="form-group" style={{ flexBasis: "100%" }}>
              <label className="label" htmlFor="reason">
                {t("reason")}
              </label>
              <span className="hint">{t("reasonHint")}</span>
              <textarea id="reason" name="reason" className="textarea" rows={2} maxLength={1000} />
            </div>
            {(waiting || registration.status === "REJECTED") && (
              <button type="submit" name="decision" value="approve" className="button">
                {t("approve")}
              </button>
            )}
            {(waiting || registration.status === "CONFIRMED") && (
              <>
                <button type="submit" name="decision" value="reject" className="button button--warning">
                  {t("reject")}
                </button>
                <button type="submit" name="decision" value="withdraw" className="button button--secondary">
                  {t("markWithdrawn")}
                </button>
              </>
            )}
          </form>
          {(waiting || registration.status === "CONFIRMED") && (
            <form action={resendConfirmationAction.bind(null, access.meeting.id, registration.id)}>
              <button type="submit" className="button button--secondary">
                {t("resend")}
              </button>
            </form>
          )}
          <h3 id="join-links">{attendanceT("joinLinksHeading")}</h3>
          <p className="hint">{attendanceT("revokeHint")}</p>
          <form action={revokeJoinLinksAction.bind(null, access.meeting.id, registration.id)}>
            <button type="submit" className="button button--warning">
              {attendanceT("revokeJoinLinks")}
            </button>
          </form>
        </>
      )}

      <h2>{t("emailsTitle")}</h2>
      <div className="table-wrapper">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("emailKind")}</th>
              <th scope="col">{t("emailStatus")}</th>
              <th scope="col">{t("queuedAt")}</th>
              <th scope="col">{t("sentAt")}</th>
              <th scope="col">{t("attempts")}</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((email) => (
              <tr key={email.id}>
                <td>{t.has(keyFromData(`emailKinds.${email.kind}`)) ? t(keyFromData(`emailKinds.${email.kind}`)) : email.kind}</td>
                <td>
                  <strong className={`tag tag--${email.status}`}>{t(`emailStatuses.${email.status}`)}</strong>
                  {email.lastError && <span className="hint">{email.lastError}</span>}
                </td>
                <td>{formatInstant(email.createdAt, zone, locale)}</td>
                <td>{email.sentAt ? formatInstant(email.sentAt, zone, locale) : "–"}</td>
                <td>{email.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("historyTitle")}</h2>
      <AuditTrail
        entries={history}
        meetingId={access.meeting.id}
        timeZone={zone}
        showLinks={false}
        countryName={(code) => countryName(code, locale)}
      />
    </>
  );
}
