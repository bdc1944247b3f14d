// The meeting form's reminders: when to remind confirmed registrants before the first session, or
// not at all. Plain checkboxes (no script): the hidden empty value tells the server the group was
// on the form even when nothing is ticked, which is an error, as is "none" with times.
import { useTranslations } from "next-intl";
import { ErrorMessage } from "@/components/forms/field-parts.tsx";
import { REMINDER_OFFSET_CHOICES } from "@/lib/notices/reminders.ts";

const FIELD = "reminderOffsetsMinutes";
const LABELS = { 10080: "offsets.10080", 1440: "offsets.1440", 60: "offsets.60" } as const satisfies Record<
  (typeof REMINDER_OFFSET_CHOICES)[number],
  string
>;

export function ReminderChoices({ ticked, error, errorLabel }: { ticked: readonly string[]; error?: string; errorLabel: string }) {
  const t = useTranslations("reminders");
  const describedBy = error ? `${FIELD}-hint ${FIELD}-error` : `${FIELD}-hint`;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend>{t("legend")}</legend>
        <div id={`${FIELD}-hint`} className="hint">
          {t("hint")}
        </div>
        <ErrorMessage id={`${FIELD}-error`} label={errorLabel} message={error} />
        <input type="hidden" name={FIELD} value="" />
        <div className="checkboxes">
          {REMINDER_OFFSET_CHOICES.map((offset, index) => (
            <div className="choice" key={offset}>
              <input
                id={index === 0 ? FIELD : `${FIELD}-${offset}`}
                type="checkbox"
                name={FIELD}
                value={String(offset)}
                defaultChecked={ticked.includes(String(offset))}
              />
              <label htmlFor={index === 0 ? FIELD : `${FIELD}-${offset}`}>{t(LABELS[offset])}</label>
            </div>
          ))}
          <p className="hint">{t("or")}</p>
          <div className="choice">
            <input id={`${FIELD}-off`} type="checkbox" name={FIELD} value="off" defaultChecked={ticked.includes("off")} />
            <label htmlFor={`${FIELD}-off`}>{t("off")}</label>
          </div>
        </div>
      </fieldset>
    </div>
  );
}
