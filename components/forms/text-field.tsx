// A GOV.UK text input (or textarea): label, optional hint, the error beside the field worded as in
// the summary, and the input described by both. Every form of the product uses it, so the markup
// and its accessibility are written once. Works in server and client components; extra input
// attributes (autocomplete, react-hook-form's register(), a ref) pass through to the input.
import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from "react";
import { describedBy, ErrorMessage, Hint } from "@/components/forms/field-parts.tsx";

type Common = {
  /** The field's name and id. */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The translated error, or nothing. */
  error?: string;
  /** "Error:" in the page's language, read out before the message. */
  errorLabel: string;
  /** Extra class on the form group, e.g. "conditional". */
  groupClassName?: string;
  /** Ids of further descriptions (besides the hint and the error). */
  describedByIds?: string[];
};

type InputProps = Common & { multiline?: false; ref?: Ref<HTMLInputElement> } & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;
type TextareaProps = Common & { multiline: true; ref?: Ref<HTMLTextAreaElement> } & Omit<
    TextareaHTMLAttributes<HTMLTextAreaElement>,
    "name" | "id"
  >;

export function TextField(props: InputProps | TextareaProps) {
  const { name, label, hint, error, errorLabel, groupClassName, describedByIds = [], className, ...rest } = props;
  const described = describedBy(...describedByIds, hint ? `${name}-hint` : undefined, error ? `${name}-error` : undefined);
  const shared = { id: name, name, "aria-describedby": described, "aria-invalid": error ? true : undefined } as const;
  return (
    <div className={["form-group", groupClassName, error ? "form-group--error" : undefined].filter(Boolean).join(" ")}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      {hint && <Hint id={`${name}-hint`}>{hint}</Hint>}
      <ErrorMessage id={`${name}-error`} label={errorLabel} message={error} />
      {rest.multiline ? (
        <textarea
          {...(({ multiline: _multiline, ...textarea }) => textarea)(rest as Omit<TextareaProps, keyof Common>)}
          {...shared}
          className={`textarea${className ? ` ${className}` : ""}${error ? " textarea--error" : ""}`}
        />
      ) : (
        <input
          type="text"
          {...(({ multiline: _multiline, ...input }) => input)(rest as Omit<InputProps, keyof Common>)}
          {...shared}
          className={`input${className ? ` ${className}` : ""}${error ? " input--error" : ""}`}
        />
      )}
    </div>
  );
}
