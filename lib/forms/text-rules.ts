// The one text cleaner of every form: NFC-normalised ("é" typed either way is stored the same),
// trimmed, and refused when it carries characters that can hide or forge what a reader sees:
// C0/C1 controls and the bidirectional overrides and isolates (U+202A–202E, U+2066–2069), which
// can make a name or a note display as something else. Zero-width joiners stay: several scripts
// need them. Messages are i18n keys given by the caller. Isomorphic.
//
// Written with `zod/mini` and importing nothing else, so that a schema that runs in the browser
// (the registration form) does not pull in classic zod; lib/forms/text.ts offers the same rules
// to schemas written with classic zod.
import * as zm from "zod/mini";

/** One line: no control character at all (no line breaks, tabs), no bidi override. */
const FORBIDDEN_IN_LINE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** Several lines: line feed, carriage return and tab allowed; nothing else of the above. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export type TextKeys = { required?: string; tooLong: string; invalid: string };
export type TextOptions = { max: number; multiline?: boolean };

export function hasForbiddenCharacters(value: string, multiline = false): boolean {
  return (multiline ? FORBIDDEN_IN_TEXT : FORBIDDEN_IN_LINE).test(value);
}

const clean = (value: string) => value.normalize("NFC").trim();

/**
 * Text that must be given, as a `zod/mini` schema (`requiredText` in lib/forms/text.ts is the same
 * rule for schemas written with classic zod).
 */
export function miniRequiredText(keys: TextKeys & { required: string }, options: TextOptions) {
  return zm.pipe(
    zm.pipe(zm.string({ error: keys.required }), zm.transform(clean)),
    zm.string().check(
      zm.minLength(1, { error: keys.required }),
      zm.maxLength(options.max, { error: keys.tooLong }),
      zm.refine((value) => !hasForbiddenCharacters(value, options.multiline), { error: keys.invalid }),
    ),
  );
}

/** Text that may be left empty, as a `zod/mini` schema: empty (or only spaces) becomes undefined. */
export function miniOptionalText(keys: TextKeys, options: TextOptions) {
  return zm.pipe(
    zm.pipe(
      zm.optional(zm.string({ error: keys.invalid })),
      zm.transform((value: string | undefined) => (value === undefined ? undefined : clean(value) || undefined)),
    ),
    zm.optional(
      zm.string().check(
        zm.maxLength(options.max, { error: keys.tooLong }),
        zm.refine((value) => !hasForbiddenCharacters(value, options.multiline), { error: keys.invalid }),
      ),
    ),
  );
}
