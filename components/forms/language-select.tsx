// A GOV.UK select of ITU's six languages, each named in itself (and marked with its language):
// the meeting's own language in the meeting form, a registrant's email language on the manage
// page. Works in server and client components.
import { describedBy, ErrorMessage, Hint } from "@/components/forms/field-parts.tsx";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/config.ts";

type Props = {
  /** The field's name and id. */
  name: string;
  label: string;
  hint: string;
  /** The translated error, or nothing. */
  error?: string;
  /** "Error:" in the page's language. */
  errorLabel: string;
  defaultValue: string;
};

export function LanguageSelect({ name, label, hint, error, errorLabel, defaultValue }: Props) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <Hint id={`${name}-hint`}>{hint}</Hint>
      <ErrorMessage id={`${name}-error`} label={errorLabel} message={error} />
      <select
        id={name}
        name={name}
        className={`select${error ? " select--error" : ""}`}
        aria-describedby={describedBy(`${name}-hint`, error && `${name}-error`)}
        aria-invalid={error ? true : undefined}
        defaultValue={defaultValue}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}
