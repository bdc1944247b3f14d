"use client";
// Add or change a focal point (GOV.UK text inputs, radios with their conditional fields, a select
// and checkboxes; error summary and messages beside the fields). A plain form post without
// JavaScript: every conditional field is simply shown.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary.tsx";
import { describedBy, ErrorMessage, Hint } from "@/components/forms/field-parts.tsx";
import { LanguageSelect } from "@/components/forms/language-select.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import type { FocalPointFormState } from "@/lib/focal-points/actions.ts";
import { FOCAL_POINT_FIELDS, FOCAL_POINT_ROLES, MEETING_CHOICES, SCOPE_TYPES } from "@/lib/focal-points/schema.ts";
import { keyFromData } from "@/lib/i18n/keys.ts";

type Props = {
  action: (previous: FocalPointFormState, formData: FormData) => Promise<FocalPointFormState>;
  /** The page's title: the form renders the <title>, so that an error puts "Error:" in it, also without JavaScript. */
  title: string;
  /** The focal point being changed, or none for a new one. */
  focalPointId?: string;
  initial: Record<string, string | string[]>;
  countries: { code: string; name: string }[];
  meetings: { id: string; shortName: string }[];
};

// Where the error summary sends the reader for each field.
const FIRST_INPUT: Partial<Record<(typeof FOCAL_POINT_FIELDS)[number], string>> = {
  scopeType: "scopeType-memberState",
  role: "role-PRIMARY",
  meetings: "meetings-all",
};

export function FocalPointForm({ action, title, focalPointId, initial, countries, meetings }: Props) {
  const t = useTranslations("admin.focalPoints");
  const common = useTranslations("common");
  const [state, formAction, isPending] = useActionState(action, { fieldErrors: {}, values: initial });
  const values = state.values;
  const value = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const selectedMeetings = new Set(Array.isArray(values.meetingIds) ? values.meetingIds : []);
  const message = (field: (typeof FOCAL_POINT_FIELDS)[number]) => {
    const key = state.fieldErrors[field];
    if (!key) return undefined;
    const path = keyFromData(`fieldErrors.${key}`);
    return t.has(path) ? t(path) : t("errors.invalid");
  };
  const items = FOCAL_POINT_FIELDS.flatMap((field) => {
    const text = message(field);
    return text
      ? [{ fieldId: FIRST_INPUT[field] ?? (field === "meetingIds" ? `meetingIds-${meetings[0]?.id ?? ""}` : field), message: text }]
      : [];
  });
  const errorLabel = common("errorLabel");
  const scopeError = message("scopeType");
  const roleError = message("role");
  const meetingsError = message("meetings");
  const meetingIdsError = message("meetingIds");
  const memberStateError = message("memberState");
  return (
    <>
      <title>{items.length > 0 ? common("errorPrefix", { title }) : title}</title>
      <ErrorSummary title={common("errorSummaryTitle")} items={items} focusKey={state.answerId} />
      <form action={formAction} noValidate>
        {focalPointId && <input type="hidden" name="focalPointId" value={focalPointId} />}
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          hint={t("fields.emailHint")}
          error={message("email")}
          errorLabel={errorLabel}
          autoComplete="off"
          spellCheck={false}
          defaultValue={value("email")}
        />
        <TextField
          name="name"
          label={t("fields.name")}
          error={message("name")}
          errorLabel={errorLabel}
          autoComplete="off"
          defaultValue={value("name")}
        />

        <div className={`form-group${scopeError ? " form-group--error" : ""}`}>
          <fieldset aria-describedby={scopeError ? "scopeType-error" : undefined}>
            <legend>{t("fields.scopeType")}</legend>
            <ErrorMessage id="scopeType-error" label={errorLabel} message={scopeError} />
            <div className="radios">
              {SCOPE_TYPES.map((scope) => (
                <div key={scope}>
                  <div className="choice">
                    <input
                      id={`scopeType-${scope}`}
                      name="scopeType"
                      type="radio"
                      value={scope}
                      defaultChecked={value("scopeType") === scope}
                    />
                    <label htmlFor={`scopeType-${scope}`}>{t(`fields.scopeTypes.${scope}`)}</label>
                  </div>
                  {scope === "memberState" ? (
                    <div className={`form-group conditional${memberStateError ? " form-group--error" : ""}`}>
                      <label className="label" htmlFor="memberState">
                        {t("fields.memberState")}
                      </label>
                      <ErrorMessage id="memberState-error" label={errorLabel} message={memberStateError} />
                      <select
                        id="memberState"
                        name="memberState"
                        className={`select${memberStateError ? " select--error" : ""}`}
                        aria-describedby={describedBy(memberStateError && "memberState-error")}
                        aria-invalid={memberStateError ? true : undefined}
                        defaultValue={value("memberState")}
                      >
                        <option value="">{t("fields.memberStateChoose")}</option>
                        {countries.map((country) => (
                          <option key={country.code} value={country.code}>
                            {country.name}
                          </option>
                        ))}
                      </select>
                    </div>
                  ) : (
                    <div className="conditional">
                      <TextField
                        name="organization"
                        label={t("fields.organization")}
                        hint={t("fields.organizationHint")}
                        error={message("organization")}
                        errorLabel={errorLabel}
                        autoComplete="off"
                        defaultValue={value("organization")}
                      />
                      <TextField
                        name="aliases"
                        multiline
                        rows={3}
                        label={t("fields.aliases")}
                        hint={t("fields.aliasesHint")}
                        error={message("aliases")}
                        errorLabel={errorLabel}
                        defaultValue={value("aliases")}
                      />
                    </div>
                  )}
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        <div className={`form-group${roleError ? " form-group--error" : ""}`}>
          <fieldset aria-describedby={roleError ? "role-error" : undefined}>
            <legend>{t("fields.role")}</legend>
            <ErrorMessage id="role-error" label={errorLabel} message={roleError} />
            <div className="radios">
              {FOCAL_POINT_ROLES.map((role) => (
                <div key={role} className="choice">
                  <input
                    id={`role-${role}`}
                    name="role"
                    type="radio"
                    value={role}
                    defaultChecked={value("role") === role}
                    aria-describedby={`role-${role}-hint`}
                  />
                  <div>
                    <label htmlFor={`role-${role}`}>{t(`roles.${role}`)}</label>
                    <Hint id={`role-${role}-hint`}>{t(`fields.roleHints.${role}`)}</Hint>
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        <LanguageSelect
          name="locale"
          label={t("fields.locale")}
          hint={t("fields.localeHint")}
          error={message("locale")}
          errorLabel={errorLabel}
          defaultValue={value("locale") || "en"}
        />

        <div className={`form-group${meetingsError || meetingIdsError ? " form-group--error" : ""}`}>
          <fieldset aria-describedby={describedBy(meetingsError && "meetings-error", meetingIdsError && "meetingIds-error")}>
            <legend>{t("fields.meetings")}</legend>
            <ErrorMessage id="meetings-error" label={errorLabel} message={meetingsError} />
            <div className="radios">
              {MEETING_CHOICES.map((choice) => (
                <div key={choice} className="choice">
                  <input
                    id={`meetings-${choice}`}
                    name="meetings"
                    type="radio"
                    value={choice}
                    defaultChecked={value("meetings") === choice}
                  />
                  <label htmlFor={`meetings-${choice}`}>{t(`fields.meetingChoices.${choice}`)}</label>
                </div>
              ))}
            </div>
            {meetings.length > 0 && (
              <fieldset className="conditional">
                <legend>{t("fields.meetingIds")}</legend>
                <ErrorMessage id="meetingIds-error" label={errorLabel} message={meetingIdsError} />
                <div className="checkboxes">
                  {meetings.map((meeting) => (
                    <div key={meeting.id} className="choice">
                      <input
                        id={`meetingIds-${meeting.id}`}
                        name="meetingIds"
                        type="checkbox"
                        value={meeting.id}
                        defaultChecked={selectedMeetings.has(meeting.id)}
                      />
                      <label htmlFor={`meetingIds-${meeting.id}`}>{meeting.shortName}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
            )}
          </fieldset>
        </div>

        <button type="submit" className="button" disabled={isPending}>
          {t("save")}
        </button>
      </form>
    </>
  );
}
