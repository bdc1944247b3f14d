// A form's errors as the page shows them: the first problem of each field, as a message key.
// Isomorphic.
import type { core } from "zod";

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** The first issue's message for each of `fields`, in the order the issues came (classic zod or zod/mini). */
export function firstErrorPerField<Field extends string>(error: core.$ZodError, fields: readonly Field[]): FieldErrors<Field> {
  const result: FieldErrors<Field> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (field && fields.includes(field) && !result[field]) result[field] = issue.message;
  }
  return result;
}
