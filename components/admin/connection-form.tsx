"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary.tsx";
import { ErrorMessage } from "@/components/forms/field-parts.tsx";
import type { ConnectionFormState } from "@/lib/meetings/actions.ts";
import { CONNECTION_FIELDS } from "@/lib/meetings/schema.ts";

type Props = {
  action: (previous: ConnectionFormState, formData: FormData) => Promise<ConnectionFormState>;
  initialValues: Record<string, string>;
  confirmedCount: number;
};

const MULTILINE = new Set(["connectionDialIn", "connectionNotes"]);

export function ConnectionForm({ action, initialValues, confirmedCount }: Props) {
  const t = useTranslations("admin");
  const common = useTranslations("common");
  const [state, formAction, isPending] = useActionState(action, { fieldErrors: {}, values: initialValues });
  const message = (key: string | undefined) =>
    key ? (t.has(`fieldErrors.${key}`) ? t(`fieldErrors.${key}`) : t("fieldErrors.text.invalid")) : undefined;
  const items = CONNECTION_FIELDS.flatMap((field) =>
    state.fieldErrors[field] ? [{ fieldId: field, message: message(state.fieldErrors[field]) ?? "" }] : [],
  );
  return (
    <>
      <ErrorSummary title={common("errorSummaryTitle")} items={items} focusKey={state.answerId} />
      <form action={formAction} noValidate>
        {CONNECTION_FIELDS.map((field) => {
          const error = message(state.fieldErrors[field]);
          const props = {
            id: field,
            name: field,
            defaultValue: state.values[field] ?? "",
            "aria-describedby": error ? `${field}-error` : undefined,
            "aria-invalid": error ? true : undefined,
          };
          return (
            <div key={field} className={`form-group${error ? " form-group--error" : ""}`}>
              <label className="label" htmlFor={field}>
                {t(`fields.${field}`)} {common("optional")}
              </label>
              <ErrorMessage id={`${field}-error`} label={common("errorLabel")} message={error} />
              {MULTILINE.has(field) ? (
                <textarea className="textarea" rows={4} {...props} />
              ) : (
                <input type="text" className="input" {...props} />
              )}
            </div>
          );
        })}
        <div className="form-group">
          <div className="choice">
            <input id="notify" name="notify" type="checkbox" value="yes" />
            <label htmlFor="notify">{t("notifyConfirmed", { count: confirmedCount })}</label>
          </div>
        </div>
        <button type="submit" className="button" disabled={isPending}>
          {t("saveConnection")}
        </button>
      </form>
    </>
  );
}
