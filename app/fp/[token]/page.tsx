import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PostbackForm } from "@/components/forms/postback-form.tsx";
import { getDatabase } from "@/lib/db/client.ts";
import { decideAsFocalPointAction } from "@/lib/focal-points/decision-actions.ts";
import { openDecisionLink } from "@/lib/focal-points/decisions.ts";
import { formatInstant, formatMeetingDates } from "@/lib/i18n/format.ts";
import { oneOf } from "@/lib/i18n/keys.ts";
import { countryName } from "@/lib/participants/country-names.ts";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ answer?: string; error?: string }> };

// The token in the URL is a credential: no search engine, no referrer to other sites, no cache
// (proxy.ts). `same-origin`, as the manage page, so that its own forms post without JavaScript.
export const metadata: Metadata = { referrer: "same-origin", robots: { index: false, follow: false } };

const ANSWERS = ["approve", "reject"] as const;

/**
 * A designated focal point's decision link. Opening it (GET, HEAD, a mail scanner) only shows the
 * request; the buttons post the decision. A link that may not decide says why, plainly.
 */
export default async function FocalPointDecisionPage({ params, searchParams }: Props) {
  const { token } = await params;
  const { answer, error } = await searchParams;
  const t = await getTranslations("focalPointDecision");
  const categoryLabel = await getTranslations("meeting.categories");
  const locale = await getLocale();
  const view = await openDecisionLink(getDatabase(), { token, now: new Date() });
  // After a decision, the page says it was recorded; any refusal is read again from the database.
  const answered = oneOf(answer, ANSWERS, "none");
  const request = view.request;
  if (!request) {
    return (
      <>
        <title>{t("invalidTitle")}</title>
        <h1>{t("invalidTitle")}</h1>
        {/* An unknown link, or one that no longer shows its request (expired, out of scope): its reason only. */}
        <p>{t(`refusals.${view.ok ? "invalid" : view.reason}`)}</p>
      </>
    );
  }
  const { registration, meeting } = request;
  const name = `${registration.givenName} ${registration.familyName}`;
  const title = t("title", { meeting: meeting.shortName });
  const refusal = view.ok ? null : view.reason;
  const decided =
    registration.focalPointDecidedBy && registration.focalPointDecidedAt
      ? t(registration.focalPointDecision === "rejected" ? "decidedRejected" : "decidedApproved", {
          email: registration.focalPointDecidedBy,
          date: formatInstant(registration.focalPointDecidedAt, meeting.timeZone, locale),
        })
      : null;
  const decide = decideAsFocalPointAction.bind(null, token);
  const permalink = `/fp/${token}`;
  return (
    <>
      <title>{title}</title>
      {answered === "approve" || answered === "reject" ? (
        <div className="notification-banner notification-banner--success" role="status">
          <p>{t(answered === "approve" ? "answers.approve" : "answers.reject", { name })}</p>
        </div>
      ) : null}
      {error === "reason" || error === "decision" ? (
        <div className="error-summary" role="alert">
          <h2>{t("problem")}</h2>
          <ul>
            <li>
              <a href={error === "reason" ? "#reason" : "#approve"}>{t(error === "reason" ? "errors.reason" : "errors.decision")}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <h1>{title}</h1>
      <p>{t("intro", { name, meeting: meeting.title })}</p>
      <dl className="summary-list">
        <dt>{t("name")}</dt>
        <dd>
          <bdi>{name}</bdi>
        </dd>
        <dt>{t("email")}</dt>
        <dd>
          <bdi>{registration.email}</bdi>
        </dd>
        <dt>{t("category")}</dt>
        <dd>{categoryLabel(registration.category)}</dd>
        {registration.memberState && (
          <>
            <dt>{t("memberState")}</dt>
            <dd>{countryName(registration.memberState, locale)}</dd>
          </>
        )}
        {registration.organization && (
          <>
            <dt>{t("organization")}</dt>
            <dd>
              <bdi>{registration.organization}</bdi>
            </dd>
          </>
        )}
        <dt>{t("country")}</dt>
        <dd>{countryName(registration.country, locale)}</dd>
        {registration.jobTitle && (
          <>
            <dt>{t("jobTitle")}</dt>
            <dd>
              <bdi>{registration.jobTitle}</bdi>
            </dd>
          </>
        )}
        <dt>{t("reference")}</dt>
        <dd>{registration.reference}</dd>
        <dt>{t("meeting")}</dt>
        <dd>
          <bdi>{meeting.title}</bdi>
          <br />
          {formatMeetingDates(meeting.startsAt, meeting.endsAt, meeting.timeZone, locale)}
        </dd>
      </dl>
      {refusal ? (
        <>
          <h2>{t("cannotDecide")}</h2>
          <p>{t(`refusals.${refusal}`)}</p>
          {decided && <p>{decided}</p>}
        </>
      ) : (
        <>
          <p>
            {t("expires", {
              date: formatInstant(request.expiresAt, meeting.timeZone, locale),
            })}
          </p>
          <h2>{t("approveHeading")}</h2>
          <PostbackForm action={decide} permalink={permalink}>
            <input type="hidden" name="decision" value="approve" />
            <button id="approve" type="submit" className="button">
              {t("approve")}
            </button>
          </PostbackForm>
          <h2>{t("rejectHeading")}</h2>
          <PostbackForm action={decide} permalink={permalink}>
            <input type="hidden" name="decision" value="reject" />
            <div className={`form-group${error === "reason" ? " form-group--error" : ""}`}>
              <label className="label" htmlFor="reason">
                {t("reason")}
              </label>
              <div id="reason-hint" className="hint">
                {t("reasonHint")}
              </div>
              <textarea id="reason" name="reason" className="textarea" rows={3} maxLength={1000} aria-describedby="reason-hint" />
            </div>
            <button type="submit" className="button button--warning">
              {t("reject")}
            </button>
          </PostbackForm>
        </>
      )}
    </>
  );
}
