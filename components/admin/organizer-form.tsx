"use client";
// Add an organizer to a meeting: an email address and a role (GOV.UK text input and radios, error
// summary and messages beside the fields). A plain form post without JavaScript.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary.tsx";
import { ErrorMessage, Hint } from "@/components/forms/field-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import type { OrganizerFormState } from "@/lib/organizers/actions.ts";
import { ADD_ORGANIZER_FIELDS, ORGANIZER_ROLES } from "@/lib/organizers/schema.ts";
import { keyFromData } from "@/lib/i18n/keys.ts";

type Props = {
  action: (previous: OrganizerFormState, formData: FormData) => Promise<OrganizerFormState>;
  /** The page's title: the form renders the <title>, so that an error puts "Error:" in it, also without JavaScript. */
  title: string;
  /** The page shows an error of its own (a refused change or removal). */
  pageHasError: boolean;
};

// Least rights first: the safe choice is the first one read.
const ROLE_CHOICES = [...ORGANIZER_ROLES].reverse();

export function OrganizerForm({ action, title, pageHasError }: Props) {
  const t = useTranslations("admin");
  const common = useTranslations("common");
  const [state, formAction, isPending] = useActionState(action, { fieldErrors: {}, values: {} });
  const message = (key: string | undefined) =>
    key
      ? t.has(keyFromData(`organizers.fieldErrors.${key}`))
        ? t(keyFromData(`organizers.fieldErrors.${key}`))
        : t("organizers.errors.invalid")
      : undefined;
  const emailError = message(state.fieldErrors.email);
  const roleError = message(state.fieldErrors.role);
  const items = ADD_ORGANIZER_FIELDS.flatMap((field) =>
    state.fieldErrors[field]
      ? [{ fieldId: field === "role" ? `role-${ROLE_CHOICES[0]}` : field, message: message(state.fieldErrors[field]) ?? "" }]
      : [],
  );
  return (
    <>
      <title>{items.length > 0 || pageHasError ? common("errorPrefix", { title }) : title}</title>
      <ErrorSummary title={common("errorSummaryTitle")} items={items} focusKey={state.answerId} />
      <form action={formAction} noValidate>
        <TextField
          name="email"
          type="email"
          label={t("organizers.email")}
          hint={t("organizers.emailHint")}
          error={emailError}
          errorLabel={common("errorLabel")}
          autoComplete="off"
          spellCheck={false}
          defaultValue={state.values.email ?? ""}
        />
        <div className={`form-group${roleError ? " form-group--error" : ""}`}>
          <fieldset aria-describedby={roleError ? "role-error" : undefined}>
            <legend>{t("organizers.role")}</legend>
            <ErrorMessage id="role-error" label={common("errorLabel")} message={roleError} />
            <div className="radios">
              {ROLE_CHOICES.map((role) => (
                <div key={role} className="choice">
                  <input
                    id={`role-${role}`}
                    name="role"
                    type="radio"
                    value={role}
                    defaultChecked={state.values.role === role}
                    aria-describedby={`role-${role}-hint`}
                  />
                  <div>
                    <label htmlFor={`role-${role}`}>{t(`roles.${role}`)}</label>
                    <Hint id={`role-${role}-hint`}>{t(`organizers.roleHints.${role}`)}</Hint>
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="button" disabled={isPending}>
          {t("organizers.add")}
        </button>
      </form>
    </>
  );
}
