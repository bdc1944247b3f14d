"use client";
// The sessions part of the meeting form (GOV.UK "add another"): one row per session, date, start
// and end in the meeting's time zone, the session's id hidden so that editing keeps it. Always one
// blank row more than the filled ones; "Add another session" is a submit button that brings the
// form back with one more row, so it works without JavaScript. A row left blank is ignored.
import { useTranslations } from "next-intl";
import { TextField } from "@/components/forms/text-field.tsx";
import {
  ADD_SESSION_INTENT,
  MAX_SESSION_ROWS,
  SESSION_ROWS_FIELD,
  sessionFieldName,
  sessionRowCount,
} from "@/lib/meetings/session-rows.ts";

type Props = {
  values: Record<string, string | string[]>;
  /** The translated error of a field, or nothing. */
  error: (field: ReturnType<typeof sessionFieldName>) => string | undefined;
  errorLabel: string;
  disabled: boolean;
};

export function SessionRows({ values, error, errorLabel, disabled }: Props) {
  const t = useTranslations("sessions");
  const rows = sessionRowCount(values);
  const value = (name: string) => {
    const current = values[name];
    return typeof current === "string" ? current : "";
  };
  return (
    <div className="form-group">
      <fieldset aria-describedby="sessions-hint">
        <legend className="legend-large">{t("heading")}</legend>
        <div id="sessions-hint" className="hint">
          {t("hint")}
        </div>
        <input type="hidden" name={SESSION_ROWS_FIELD} value={rows} />
        {Array.from({ length: rows }, (_, index) => {
          const field = (part: "id" | "date" | "start" | "end") => sessionFieldName(index, part);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is its place in the form
            <fieldset key={index} className="session-row">
              <legend>{t("row", { number: index + 1 })}</legend>
              <input type="hidden" name={field("id")} value={value(field("id"))} />
              <TextField
                name={field("date")}
                type="date"
                label={t("date")}
                hint={t("dateHint")}
                error={error(field("date"))}
                errorLabel={errorLabel}
                defaultValue={value(field("date"))}
                className="input--date"
              />
              <TextField
                name={field("start")}
                type="time"
                label={t("start")}
                hint={t("timeHint")}
                error={error(field("start"))}
                errorLabel={errorLabel}
                defaultValue={value(field("start"))}
                className="input--time"
              />
              <TextField
                name={field("end")}
                type="time"
                label={t("end")}
                hint={t("timeHint")}
                error={error(field("end"))}
                errorLabel={errorLabel}
                defaultValue={value(field("end"))}
                className="input--time"
              />
            </fieldset>
          );
        })}
        {rows < MAX_SESSION_ROWS && (
          <button type="submit" name="intent" value={ADD_SESSION_INTENT} className="button button--secondary" disabled={disabled}>
            {t("addAnother")}
          </button>
        )}
      </fieldset>
    </div>
  );
}
