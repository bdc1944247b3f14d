"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary.tsx";
import { ErrorMessage } from "@/components/forms/field-parts.tsx";
import { requestSignInLinkAction, type SignInFormState } from "@/lib/auth/actions.ts";
import { keyFromData } from "@/lib/i18n/keys.ts";

export function SignInForm() {
  const t = useTranslations("signIn");
  const common = useTranslations("common");
  const errors = useTranslations("registration.errors");
  const [state, formAction, isPending] = useActionState<SignInFormState, FormData>(
    requestSignInLinkAction,
    {},
    // Where the form posts before hydration and without JavaScript: this page (React would
    // otherwise write an empty action attribute, which is invalid HTML).
    "/sign-in",
  );
  const message = state.error
    ? errors.has(keyFromData(state.error))
      ? errors(keyFromData(state.error))
      : errors("email.invalid")
    : undefined;
  return (
    <>
      <title>{message ? common("errorPrefix", { title: t("title") }) : t("title")}</title>
      <ErrorSummary title={common("errorSummaryTitle")} items={message ? [{ fieldId: "email", message }] : []} focusKey={state.value} />
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <form action={formAction} noValidate>
        <div className={`form-group${message ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="email">
            {t("email")}
          </label>
          <ErrorMessage id="email-error" label={common("errorLabel")} message={message} />
          <input
            id="email"
            name="email"
            type="email"
            className={`input${message ? " input--error" : ""}`}
            autoComplete="email"
            spellCheck={false}
            defaultValue={state.value}
            aria-describedby={message ? "email-error" : undefined}
            aria-invalid={message ? true : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={isPending}>
          {t("submit")}
        </button>
      </form>
    </>
  );
}
