"use client";
// Create or edit a meeting: every fact of the invitation, the registration window and the
// connection instructions. Times are typed in the meeting's own time zone.
import { useTranslations } from "next-intl";
import { Fragment, useActionState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary.tsx";
import { LanguageSelect } from "@/components/forms/language-select.tsx";
import { ErrorMessage } from "@/components/forms/field-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import type { MeetingFormState } from "@/lib/meetings/actions.ts";
import { APPROVAL_MODES, MEETING_FIELDS, type MeetingField } from "@/lib/meetings/schema.ts";
import { ReminderChoices } from "@/components/admin/reminder-choices.tsx";
import { MEETING_TEXT_FIELDS, type MeetingTextField, type TranslationField, translationFieldName } from "@/lib/i18n/meeting-texts.ts";
import { PARTICIPANT_CATEGORIES } from "@/lib/participants/categories.ts";
import { isLocale, LOCALE_NAMES, LOCALES, textDirection } from "@/lib/i18n/config.ts";
import { keyFromData } from "@/lib/i18n/keys.ts";
import type { SessionFieldName } from "@/lib/meetings/session-rows.ts";
import { SessionRows } from "@/components/admin/session-rows.tsx";
import { DocumentSettings, type DocumentSettingsField } from "@/components/admin/document-settings.tsx";

type Props = {
  action: (previous: MeetingFormState, formData: FormData) => Promise<MeetingFormState>;
  initialValues: Record<string, string | string[]>;
  submitLabel: string;
};

const TEXT_FIELDS: Array<{
  field: Exclude<
    MeetingField,
    | "defaultLocale"
    | "personalJoinLinks"
    | "reminderOffsetsMinutes"
    | "confirmFocalPointApprovals"
    | TranslationField
    | SessionFieldName
    | DocumentSettingsField
  >;
  type?: string;
  multiline?: boolean;
  optional?: boolean;
}> = [
  { field: "title" },
  { field: "shortName" },
  { field: "slug" },
  { field: "circularReference", optional: true },
  { field: "summary", multiline: true, optional: true },
  { field: "timeZone" },
  { field: "startsAt", type: "datetime-local" },
  { field: "endsAt", type: "datetime-local" },
  { field: "registrationOpensAt", type: "datetime-local" },
  { field: "registrationClosesAt", type: "datetime-local" },
  { field: "documentDeadline", type: "datetime-local", optional: true },
  { field: "documentSubmission", optional: true },
  { field: "languages" },
  { field: "fee" },
  { field: "contactName" },
  { field: "contactEmail", type: "email" },
  { field: "contactPhone", optional: true },
  { field: "homePageUrl", type: "url", optional: true },
  { field: "eligibilityNote", multiline: true, optional: true },
  { field: "capacity", type: "number", optional: true },
  { field: "retentionDays", type: "number" },
  { field: "connectionJoinUrl", type: "url", optional: true },
  { field: "connectionMeetingId", optional: true },
  { field: "connectionPasscode", optional: true },
  { field: "connectionDialIn", multiline: true, optional: true },
  { field: "connectionNotes", multiline: true, optional: true },
  { field: "joinOpensMinutesBefore", type: "number" },
  { field: "focalPointReminderHours", type: "number" },
  { field: "focalPointEscalationHours", type: "number" },
  { field: "focalPointEscalationBeforeCloseHours", type: "number" },
];

export function MeetingForm({ action, initialValues, submitLabel }: Props) {
  const t = useTranslations("admin");
  const common = useTranslations("common");
  const categoryLabel = useTranslations("meeting.categories");
  const formatLabel = useTranslations("meeting.formats");
  const sessionsT = useTranslations("sessions");
  const [state, formAction, isPending] = useActionState(action, { fieldErrors: {}, values: initialValues });
  const message = (key: string | undefined) =>
    key
      ? t.has(keyFromData(`fieldErrors.${key}`))
        ? t(keyFromData(`fieldErrors.${key}`))
        : t.has(keyFromData(`documents.settings.errors.${key}`))
          ? t(keyFromData(`documents.settings.errors.${key}`))
          : t("fieldErrors.text.invalid")
      : undefined;
  // A session's error names its row in the summary ("Session 7: …"): the rows share their labels.
  const summaryMessage = (field: MeetingField) => {
    const text = message(state.fieldErrors[field]) ?? "";
    const row = /^session-(\d+)-/.exec(field)?.[1];
    return row === undefined ? text : `${sessionsT("row", { number: Number(row) + 1 })}: ${text}`;
  };
  const items = MEETING_FIELDS.flatMap((field) => (state.fieldErrors[field] ? [{ fieldId: field, message: summaryMessage(field) }] : []));
  const value = (field: MeetingField) => {
    const current = state.values[field];
    return typeof current === "string" ? current : "";
  };
  const selectedCategories = Array.isArray(state.values.eligibleCategories) ? state.values.eligibleCategories : [];
  const error = (field: MeetingField) => message(state.fieldErrors[field]);
  const defaultLocale = isLocale(value("defaultLocale")) ? value("defaultLocale") : "en";
  const multilineText = (field: MeetingTextField) => TEXT_FIELDS.find((entry) => entry.field === field)?.multiline;

  return (
    <>
      <ErrorSummary title={common("errorSummaryTitle")} items={items} focusKey={state.answerId} />
      {state.error === "forbidden" && (
        <div className="error-summary" role="alert">
          <h2>{t("forbiddenTitle")}</h2>
          <p>{t("forbiddenBody")}</p>
        </div>
      )}
      <form action={formAction} noValidate>
        {/* Enter in a field submits with the form's first submit button: saving, not "Add another session". */}
        <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true" disabled={isPending}>
          {submitLabel}
        </button>
        <LanguageSelect
          name="defaultLocale"
          label={t("fields.defaultLocale")}
          hint={t("hints.defaultLocale")}
          error={error("defaultLocale")}
          errorLabel={common("errorLabel")}
          defaultValue={defaultLocale}
        />
        {TEXT_FIELDS.map(({ field, type, multiline, optional }) => {
          const hintKey = keyFromData(`hints.${field}`);
          const input = (
            <TextField
              key={field}
              name={field}
              label={optional ? `${t(`fields.${field}`)} ${common("optional")}` : t(`fields.${field}`)}
              hint={t.has(hintKey) ? t(hintKey) : undefined}
              error={error(field)}
              errorLabel={common("errorLabel")}
              defaultValue={value(field)}
              {...(multiline ? { multiline: true as const, rows: 3 } : { type: type ?? "text" })}
            />
          );
          // The sessions come right after the meeting's end, which they must lie within.
          return field !== "endsAt" ? (
            input
          ) : (
            <Fragment key={field}>
              {input}
              <SessionRows values={state.values} error={error} errorLabel={common("errorLabel")} disabled={isPending} />
            </Fragment>
          );
        })}
        <div className={`form-group${error("format") ? " form-group--error" : ""}`}>
          <fieldset>
            <legend>{t("fields.format")}</legend>
            <ErrorMessage id="format-error" label={common("errorLabel")} message={error("format")} />
            <div className="radios">
              {(["REMOTE", "HYBRID", "IN_PERSON"] as const).map((format, index) => (
                <div className="choice" key={format}>
                  <input
                    id={index === 0 ? "format" : `format-${format}`}
                    type="radio"
                    name="format"
                    value={format}
                    defaultChecked={value("format") === format}
                  />
                  <label htmlFor={index === 0 ? "format" : `format-${format}`}>{formatLabel(format)}</label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className={`form-group${error("eligibleCategories") ? " form-group--error" : ""}`}>
          <fieldset>
            <legend>{t("fields.eligibleCategories")}</legend>
            <ErrorMessage id="eligibleCategories-error" label={common("errorLabel")} message={error("eligibleCategories")} />
            <div className="checkboxes">
              {PARTICIPANT_CATEGORIES.map((category, index) => (
                <div className="choice" key={category}>
                  <input
                    id={index === 0 ? "eligibleCategories" : `eligibleCategories-${category}`}
                    type="checkbox"
                    name="eligibleCategories"
                    value={category}
                    defaultChecked={selectedCategories.includes(category)}
                  />
                  <label htmlFor={index === 0 ? "eligibleCategories" : `eligibleCategories-${category}`}>{categoryLabel(category)}</label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className={`form-group${error("approvalMode") ? " form-group--error" : ""}`}>
          <fieldset>
            <legend>{t("fields.approvalMode")}</legend>
            <ErrorMessage id="approvalMode-error" label={common("errorLabel")} message={error("approvalMode")} />
            <div className="radios">
              {APPROVAL_MODES.map((mode, index) => (
                <div className="choice" key={mode}>
                  <input
                    id={index === 0 ? "approvalMode" : `approvalMode-${mode}`}
                    type="radio"
                    name="approvalMode"
                    value={mode}
                    defaultChecked={value("approvalMode") === mode}
                  />
                  <label htmlFor={index === 0 ? "approvalMode" : `approvalMode-${mode}`}>{t(`approvalModes.${mode}`)}</label>
                </div>
              ))}
            </div>
            <div className="checkboxes">
              <div className="choice">
                <input
                  id="confirmFocalPointApprovals"
                  type="checkbox"
                  name="confirmFocalPointApprovals"
                  value="yes"
                  aria-describedby="confirmFocalPointApprovals-hint"
                  defaultChecked={value("confirmFocalPointApprovals") === "yes"}
                />
                {/* Label and hint stacked beside the box, as in the other choices with a hint. */}
                <div>
                  <label htmlFor="confirmFocalPointApprovals">{t("fields.confirmFocalPointApprovals")}</label>
                  <div id="confirmFocalPointApprovals-hint" className="hint">
                    {t("hints.confirmFocalPointApprovals")}
                  </div>
                </div>
              </div>
            </div>
          </fieldset>
        </div>
        <div className={`form-group${error("personalJoinLinks") ? " form-group--error" : ""}`}>
          <fieldset aria-describedby="personalJoinLinks-hint">
            <legend>{t("fields.personalJoinLinks")}</legend>
            <div id="personalJoinLinks-hint" className="hint">
              {t("hints.personalJoinLinks")}
            </div>
            <ErrorMessage id="personalJoinLinks-error" label={common("errorLabel")} message={error("personalJoinLinks")} />
            <div className="radios">
              {(["yes", "no"] as const).map((choice, index) => (
                <div className="choice" key={choice}>
                  <input
                    id={index === 0 ? "personalJoinLinks" : `personalJoinLinks-${choice}`}
                    type="radio"
                    name="personalJoinLinks"
                    value={choice}
                    defaultChecked={(value("personalJoinLinks") || "yes") === choice}
                  />
                  <label htmlFor={index === 0 ? "personalJoinLinks" : `personalJoinLinks-${choice}`}>
                    {t(choice === "yes" ? "personalJoinLinksOptions.on" : "personalJoinLinksOptions.off")}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <ReminderChoices
          ticked={Array.isArray(state.values.reminderOffsetsMinutes) ? state.values.reminderOffsetsMinutes : []}
          error={error("reminderOffsetsMinutes")}
          errorLabel={common("errorLabel")}
        />
        <DocumentSettings value={value} error={error} errorLabel={common("errorLabel")} />
        <h2>{t("otherLanguages")}</h2>
        <p className="hint">{t("otherLanguagesHint")}</p>
        {LOCALES.filter((locale) => locale !== defaultLocale).map((locale) => {
          const names = MEETING_TEXT_FIELDS.map((field) => translationFieldName(field, locale));
          // Open when it holds a text or an error, so that the error summary's links lead somewhere visible.
          const open = names.some((name) => value(name) !== "" || state.fieldErrors[name]);
          return (
            <details key={locale} className="details" open={open}>
              <summary>
                <span lang={locale}>{LOCALE_NAMES[locale]}</span>
              </summary>
              {MEETING_TEXT_FIELDS.map((field) => {
                const name = translationFieldName(field, locale);
                return (
                  <TextField
                    key={name}
                    name={name}
                    label={
                      <>
                        {t(`fields.${field}`)} <span lang={locale}>({LOCALE_NAMES[locale]})</span> {common("optional")}
                      </>
                    }
                    error={error(name)}
                    errorLabel={common("errorLabel")}
                    defaultValue={value(name)}
                    lang={locale}
                    dir={textDirection(locale)}
                    {...(multilineText(field) ? { multiline: true as const, rows: 3 } : { type: "text" })}
                  />
                );
              })}
            </details>
          );
        })}
        <button type="submit" className="button" disabled={isPending}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
