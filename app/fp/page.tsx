import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ErrorMessage } from "@/components/forms/field-parts.tsx";
import { PostbackForm } from "@/components/forms/postback-form.tsx";
import { requestListLinkAction } from "@/lib/focal-points/decision-actions.ts";

type Props = { searchParams: Promise<{ sent?: string; error?: string }> };

export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * A designated focal point asks for the link to their list of waiting requests. The answer is the
 * same whether or not the address is a focal point's (no way to find out who is one).
 */
export default async function FocalPointListRequestPage({ searchParams }: Props) {
  const { sent, error } = await searchParams;
  const t = await getTranslations("focalPointList");
  const common = await getTranslations("common");
  const invalid = error === "email";
  return (
    <>
      <title>{invalid ? common("errorPrefix", { title: t("title") }) : t("title")}</title>
      {sent === "1" && (
        <div className="notification-banner notification-banner--success" role="status">
          <p>{t("sent")}</p>
        </div>
      )}
      {invalid && (
        <div className="error-summary" role="alert">
          <h2>{common("errorSummaryTitle")}</h2>
          <ul>
            <li>
              <a href="#email">{t("emailInvalid")}</a>
            </li>
          </ul>
        </div>
      )}
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <PostbackForm action={requestListLinkAction} permalink="/fp" noValidate>
        <div className={`form-group${invalid ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="email">
            {t("email")}
          </label>
          <ErrorMessage id="email-error" label={common("errorLabel")} message={invalid ? t("emailInvalid") : undefined} />
          <input
            id="email"
            name="email"
            type="email"
            className="input"
            autoComplete="email"
            spellCheck={false}
            aria-describedby={invalid ? "email-error" : undefined}
          />
        </div>
        <button type="submit" className="button">
          {t("send")}
        </button>
      </PostbackForm>
    </>
  );
}
