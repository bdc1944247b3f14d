"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary.tsx";
import { Hint } from "@/components/forms/field-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import type { ConnectionFormState } from "@/lib/meetings/actions.ts";
import { CONNECTION_FIELDS } from "@/lib/meetings/schema.ts";
import { keyFromData } from "@/lib/i18n/keys.ts";

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
    key ? (t.has(keyFromData(`fieldErrors.${key}`)) ? t(keyFromData(`fieldErrors.${key}`)) : t("fieldErrors.text.invalid")) : undefined;
  const items = CONNECTION_FIELDS.flatMap((field) =>
    state.fieldErrors[field] ? [{ fieldId: field, message: message(state.fieldErrors[field]) ?? "" }] : [],
  );
  return (
    <>
      <ErrorSummary title={common("errorSummaryTitle")} items={items} focusKey={state.answerId} />
      <form action={formAction} noValidate>
        {CONNECTION_FIELDS.map((field) => (
          <TextField
            key={field}
            name={field}
            label={`${t(`fields.${field}`)} ${common("optional")}`}
            error={message(state.fieldErrors[field])}
            errorLabel={common("errorLabel")}
            defaultValue={state.values[field] ?? ""}
            {...(MULTILINE.has(field) ? { multiline: true as const, rows: 4 } : {})}
          />
        ))}
        <div className="form-group">
          <div className="choice">
            <input id="notify" name="notify" type="checkbox" value="yes" aria-describedby="notify-hint" />
            <label htmlFor="notify">{t("notifyConfirmed", { count: confirmedCount })}</label>
          </div>
          <Hint id="notify-hint">{t("notifyHint")}</Hint>
        </div>
        <button type="submit" className="button" disabled={isPending}>
          {t("saveConnection")}
        </button>
      </form>
    </>
  );
}
