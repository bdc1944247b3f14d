import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSelect } from "@/components/forms/language-select.tsx";
import { PostbackForm } from "@/components/forms/postback-form.tsx";
import { RegistrationForm } from "@/components/registration/registration-form.tsx";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { zoneOffsetMinutes } from "@/lib/i18n/instant-format.ts";
import { getRegistrationWindowState } from "@/lib/meetings/rules.ts";
import { listMeetingSessions } from "@/lib/meetings/queries.ts";
import { SessionList } from "@/components/session-list.tsx";
import { ITU_MEMBER_STATE_CODES } from "@/lib/participants/countries.ts";
import { countryName, countryOptions } from "@/lib/participants/country-names.ts";
import { emailLanguageAction, resendAction, updateDetailsAction, withdrawAction } from "@/lib/registration/manage-actions.ts";
import { isLocale, LOCALE_NAMES } from "@/lib/i18n/config.ts";
import { PARTICIPANT_CATEGORIES } from "@/lib/participants/categories.ts";
import { findRegistrationByManageToken } from "@/lib/registration/service.ts";
import { isWellFormedToken } from "@/lib/security/tokens.ts";
import { keyFromData } from "@/lib/i18n/keys.ts";
import { OPEN_STATUSES, registrationStage } from "@/lib/notices/approval-rules.ts";
import { scopeName } from "@/lib/notices/focal-point-requests.ts";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string; error?: string }> };

// The token in the URL is a credential: no search engine, no referrer, no cache (see proxy.ts).
export const metadata: Metadata = { referrer: "same-origin", robots: { index: false, follow: false } };

export default async function ManageRegistrationPage({ params, searchParams }: Props) {
  const { token } = await params;
  const { done, error } = await searchParams;
  const t = await getTranslations("manage");
  const locale = await getLocale();
  const registration = isWellFormedToken(token) ? await findRegistrationByManageToken(getDatabase(), token) : null;
  if (!registration || registration.erasedAt) {
    return (
      <>
        <title>{t("invalidTitle")}</title>
        <h1>{t("invalidTitle")}</h1>
        <p>{t("invalidBody")}</p>
      </>
    );
  }
  const { meeting } = registration;
  const sessions = await listMeetingSessions(getDatabase(), meeting.id);
  const sessionsT = await getTranslations("sessions");
  const categoryLabel = await getTranslations("meeting.categories");
  const registrationT = await getTranslations("registration");
  const common = await getTranslations("common");
  const participantsT = await getTranslations("participantsList");
  const documentsT = await getTranslations("documents");
  const stageT = await getTranslations("registrationStage");
  // What the registration waits for: a focal point (of which Member State or organization) or the secretariat.
  const stage = registrationStage(registration.status);
  const isActive = (OPEN_STATUSES as readonly string[]).includes(registration.status);
  const canChange = isActive && getRegistrationWindowState(meeting, new Date()) === "open";
  const deadline = formatInstant(meeting.registrationClosesAt, meeting.timeZone, locale);
  const title = t("title", { meeting: meeting.shortName });
  const accessibility = [
    registration.needsCaptioning ? registrationT("needsCaptioning") : null,
    registration.needsSignLanguage ? registrationT("needsSignLanguage") : null,
    registration.accessibilityOther,
  ].filter(Boolean);
  const emailLocale = isLocale(registration.locale) ? registration.locale : locale;
  const errorText =
    error === "confirm"
      ? t("withdrawConfirmRequired")
      : error === "language"
        ? t("languageRequired")
        : error && t.has(keyFromData(`errors.${error}`))
          ? t(keyFromData(`errors.${error}`))
          : null;

  return (
    <>
      <title>{errorText ? common("errorPrefix", { title }) : title}</title>
      {errorText && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{common("errorSummaryTitle")}</h2>
          <ul>
            <li>
              {error === "confirm" ? (
                <a href="#confirmWithdraw">{errorText}</a>
              ) : error === "language" ? (
                <a href="#emailLanguage">{errorText}</a>
              ) : (
                errorText
              )}
            </li>
          </ul>
        </div>
      )}
      {done === "withdrawn" && (
        <div className="notice" role="status">
          {t("withdrawn")}
        </div>
      )}
      {done === "resent" && (
        <div className="notice" role="status">
          {t("resent", { email: registration.email })}
        </div>
      )}
      {done === "resent-recently" && (
        <div className="notice" role="status">
          {t("resentRecently")}
        </div>
      )}
      {done === "language" && (
        <div className="notice" role="status">
          {t.rich("languageSaved", { language: () => <span lang={emailLocale}>{LOCALE_NAMES[emailLocale]}</span> })}
        </div>
      )}
      {done === "sent-back" && (
        <div className="notice" role="status">
          {t("sentBack")}
        </div>
      )}
      <h1>{title}</h1>
      <dl className="summary-list">
        <dt>{t("reference")}</dt>
        <dd>
          <bdi>{registration.reference}</bdi>
        </dd>
        <dt>{t("status")}</dt>
        <dd>
          <strong className={`tag tag--${registration.status}`}>{t(`statuses.${registration.status}`)}</strong>
          {stage === "focal-point" && <p>{stageT("focalPoint", { scope: scopeName(registration, locale) })}</p>}
          {stage === "secretariat" && <p>{stageT("secretariat")}</p>}
        </dd>
        <dt>{t("email")}</dt>
        <dd>
          <bdi>{registration.email}</bdi>
        </dd>
        <dt>{t("name")}</dt>
        <dd>
          <bdi>
            {registration.givenName} {registration.familyName}
          </bdi>
        </dd>
        <dt>{t("category")}</dt>
        <dd>{categoryLabel(registration.category)}</dd>
        {registration.memberState && (
          <>
            <dt>{t("memberState")}</dt>
            <dd>{countryName(registration.memberState, locale)}</dd>
          </>
        )}
        <dt>{t("organization")}</dt>
        <dd>{registration.organization ?? t("none")}</dd>
        <dt>{t("country")}</dt>
        <dd>{countryName(registration.country, locale)}</dd>
        <dt>{t("jobTitle")}</dt>
        <dd>{registration.jobTitle ?? t("none")}</dd>
        <dt>{t("accessibility")}</dt>
        <dd>{accessibility.length ? accessibility.join("; ") : t("none")}</dd>
        <dt>{t("listConsent")}</dt>
        <dd>{registration.listConsent ? t("yes") : t("no")}</dd>
      </dl>
      {sessions.length > 0 && (
        <>
          <h2>{sessionsT("pageHeading")}</h2>
          <p className="hint">{sessionsT("pageHint")}</p>
          <SessionList sessions={sessions} timeZone={meeting.timeZone} />
        </>
      )}

      {registration.status === "CONFIRMED" && (
        <p>
          <a href={`/manage/${token}/participants`}>{participantsT("participantsOnlyLink")}</a>
        </p>
      )}
      {isActive && meeting.documentSeriesPrefix && (
        <p>
          <a href={`/manage/${token}/documents`}>{documentsT("manageLink")}</a>
        </p>
      )}

      {canChange ? (
        <RegistrationForm
          mode="edit"
          action={updateDetailsAction.bind(null, token)}
          permalink={`/manage/${token}`}
          meetingTitle={meeting.shortName}
          deadline={deadline}
          deadlineAt={{
            instant: meeting.registrationClosesAt.toISOString(),
            timeZone: meeting.timeZone,
            offsetMinutes: zoneOffsetMinutes(meeting.registrationClosesAt, meeting.timeZone),
          }}
          categories={PARTICIPANT_CATEGORIES.filter((category) => meeting.eligibleCategories.includes(category))}
          countries={countryOptions(locale)}
          memberStateCodes={ITU_MEMBER_STATE_CODES}
          initialValues={{
            email: registration.email,
            givenName: registration.givenName,
            familyName: registration.familyName,
            category: registration.category,
            memberState: registration.memberState ?? "",
            organization: registration.organization ?? "",
            country: registration.country,
            jobTitle: registration.jobTitle ?? "",
            needsCaptioning: registration.needsCaptioning ? "yes" : "",
            needsSignLanguage: registration.needsSignLanguage ? "yes" : "",
            accessibilityOther: registration.accessibilityOther ?? "",
            listConsent: registration.listConsent ? "yes" : "",
            privacyAccepted: "yes",
          }}
        />
      ) : (
        isActive && <p>{t("changeClosed", { contact: meeting.contactEmail })}</p>
      )}

      <h2 id="language">{t("languageHeading")}</h2>
      <PostbackForm action={emailLanguageAction.bind(null, token)} permalink={`/manage/${token}`}>
        <LanguageSelect
          name="emailLanguage"
          label={t("languageLabel")}
          hint={t("languageHint")}
          error={error === "language" ? t("languageRequired") : undefined}
          errorLabel={common("errorLabel")}
          defaultValue={emailLocale}
        />
        <button type="submit" className="button button--secondary">
          {t("saveLanguage")}
        </button>
      </PostbackForm>

      {isActive && (
        <>
          <h2 id="resend">{t("resendHeading")}</h2>
          <PostbackForm action={resendAction.bind(null, token)} permalink={`/manage/${token}`}>
            <button type="submit" className="button button--secondary">
              {t("resend")}
            </button>
          </PostbackForm>
          <h2 id="withdraw">{t("withdrawHeading")}</h2>
          <p>{t("withdrawHint")}</p>
          <PostbackForm action={withdrawAction.bind(null, token)} permalink={`/manage/${token}`}>
            <div className={`form-group${error === "confirm" ? " form-group--error" : ""}`}>
              {error === "confirm" && (
                <p id="confirmWithdraw-error" className="error-message">
                  <span className="visually-hidden">{common("errorLabel")} </span>
                  {t("withdrawConfirmRequired")}
                </p>
              )}
              <div className="choice">
                <input
                  id="confirmWithdraw"
                  name="confirmWithdraw"
                  type="checkbox"
                  value="yes"
                  aria-describedby={error === "confirm" ? "confirmWithdraw-error" : undefined}
                />
                <label htmlFor="confirmWithdraw">{t("withdrawConfirm")}</label>
              </div>
            </div>
            <button type="submit" className="button button--warning">
              {t("withdraw")}
            </button>
          </PostbackForm>
        </>
      )}
    </>
  );
}
