// The registration form's one schema: react-hook-form validates with it in the browser, and the
// server action re-checks with it before anything is stored. Isomorphic: no Prisma, no Node APIs.
// Messages are i18n keys under "registration.errors" in messages/<locale>.json.
import { z } from "zod";
import { isIsoCountryCode, isItuMemberState } from "@/lib/registration/countries.ts";

export const PARTICIPANT_CATEGORIES = ["MEMBER_STATE", "SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA", "INDIVIDUAL"] as const;
export type ParticipantCategoryValue = (typeof PARTICIPANT_CATEGORIES)[number];

/** Categories that register on behalf of an organization, whose name is then required. */
export const CATEGORIES_WITH_ORGANIZATION: readonly ParticipantCategoryValue[] = ["SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA"];

// RFC 5321 limits: 64 octets for the local part, 254 for a usable address.
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
// Names: GOV.UK accepts any character people use in names; 100 covers very long real names.
const MAX_NAME_LENGTH = 100;
const MAX_ORGANIZATION_LENGTH = 200;
const MAX_JOB_TITLE_LENGTH = 150;
const MAX_ACCESSIBILITY_LENGTH = 1000;

// A dot-atom local part only: no quoted strings, comments, display names, groups or whitespace,
// which is where mail libraries' address parsers have had their injection bugs.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// An ASCII (or punycode) host name with at least two labels and an alphabetic top-level label;
// no IP literals.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Unicode domain → ASCII (punycode) with the WHATWG URL parser; null if it is no host name. */
function domainToAscii(domain: string): string | null {
  if (/^[\x21-\x7e]+$/.test(domain)) return domain.toLowerCase();
  // Letters, marks, digits, hyphens and dots only: the URL parser would otherwise quietly drop
  // tabs, line breaks, ports, paths and queries that were typed after the host.
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(domain)) return null;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * Normalise and check an email address. Returns the address with its domain in lower-case ASCII,
 * the local part lower-cased too (registrations are unique per address case-insensitively), or
 * null when the address is not a plain, deliverable addr-spec.
 */
export function normalizeEmailAddress(input: string): string | null {
  const value = input.trim();
  // Length first, so a hostile megabyte never reaches a regular expression.
  if (value.length === 0 || value.length > MAX_EMAIL_LENGTH) return null;
  const at = value.lastIndexOf("@");
  if (at <= 0 || at !== value.indexOf("@")) return null;
  const localPart = value.slice(0, at);
  const domain = domainToAscii(value.slice(at + 1));
  if (!domain || localPart.length > MAX_LOCAL_PART_LENGTH) return null;
  if (!LOCAL_PART.test(localPart) || !DOMAIN.test(domain)) return null;
  const address = `${localPart.toLowerCase()}@${domain}`;
  return address.length <= MAX_EMAIL_LENGTH ? address : null;
}

export const emailAddressSchema = z
  .string({ error: "email.required" })
  .trim()
  .min(1, { error: "email.required" })
  .max(MAX_EMAIL_LENGTH, { error: "email.tooLong" })
  .transform((value, context) => {
    const normalized = normalizeEmailAddress(value);
    if (!normalized) {
      context.addIssue({ code: "custom", message: "email.invalid" });
      return z.NEVER;
    }
    return normalized;
  });

// C0/C1 controls (CR, LF, NUL, …) and the bidirectional overrides/isolates that can make a name
// display as something else. Zero-width joiners stay: several scripts need them in names.
const FORBIDDEN_IN_LINE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** One line of text, trimmed and NFC-normalised ("é" typed either way is stored the same). */
function lineOfText(options: { required: string; tooLong: string; invalid: string; max: number }) {
  return z
    .string({ error: options.required })
    .transform((value) => value.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, { error: options.required })
        .max(options.max, { error: options.tooLong })
        .refine((value) => !FORBIDDEN_IN_LINE.test(value), { error: options.invalid }),
    );
}

function optionalLineOfText(options: { tooLong: string; invalid: string; max: number }) {
  return z
    .string({ error: options.invalid })
    .optional()
    .transform((value) => value?.normalize("NFC").trim() || undefined)
    .pipe(
      z
        .string()
        .max(options.max, { error: options.tooLong })
        .refine((value) => !FORBIDDEN_IN_LINE.test(value), { error: options.invalid })
        .optional(),
    );
}

/** A checkbox: "yes" (form post) or true (react-hook-form; "true" once it fills a hidden input) means ticked. */
const checkbox = z.preprocess((value) => value === "yes" || value === true || value === "true" || value === "on", z.boolean());

const countryCode = (errors: { required: string; invalid: string }) =>
  z
    .string({ error: errors.required })
    .trim()
    .min(1, { error: errors.required })
    .transform((value) => value.toUpperCase())
    .refine(isIsoCountryCode, { error: errors.invalid });

export const registrationInputSchema = z
  .object({
    email: emailAddressSchema,
    givenName: lineOfText({
      required: "givenName.required",
      tooLong: "givenName.tooLong",
      invalid: "givenName.invalid",
      max: MAX_NAME_LENGTH,
    }),
    familyName: lineOfText({
      required: "familyName.required",
      tooLong: "familyName.tooLong",
      invalid: "familyName.invalid",
      max: MAX_NAME_LENGTH,
    }),
    category: z.enum(PARTICIPANT_CATEGORIES, { error: "category.required" }),
    memberState: z.string({ error: "memberState.invalid" }).trim().optional(),
    organization: optionalLineOfText({ tooLong: "organization.tooLong", invalid: "organization.invalid", max: MAX_ORGANIZATION_LENGTH }),
    country: countryCode({ required: "country.required", invalid: "country.invalid" }),
    jobTitle: optionalLineOfText({ tooLong: "jobTitle.tooLong", invalid: "jobTitle.invalid", max: MAX_JOB_TITLE_LENGTH }),
    needsCaptioning: checkbox,
    needsSignLanguage: checkbox,
    accessibilityOther: z
      .string({ error: "accessibilityOther.invalid" })
      .optional()
      .transform((value) => value?.normalize("NFC").trim() || undefined)
      .pipe(
        z
          .string()
          .max(MAX_ACCESSIBILITY_LENGTH, { error: "accessibilityOther.tooLong" })
          .refine((value) => !FORBIDDEN_IN_TEXT.test(value), { error: "accessibilityOther.invalid" })
          .optional(),
      ),
    privacyAccepted: checkbox.refine((value) => value, { error: "privacyAccepted.required" }),
    listConsent: checkbox,
  })
  .superRefine((input, context) => {
    if (input.category === "MEMBER_STATE") {
      if (!input.memberState) {
        context.addIssue({ code: "custom", path: ["memberState"], message: "memberState.required" });
      } else if (!isItuMemberState(input.memberState)) {
        context.addIssue({ code: "custom", path: ["memberState"], message: "memberState.invalid" });
      }
    }
    if (CATEGORIES_WITH_ORGANIZATION.includes(input.category) && !input.organization) {
      context.addIssue({ code: "custom", path: ["organization"], message: "organization.required" });
    }
    if (input.category === "INDIVIDUAL" && !isItuMemberState(input.country)) {
      context.addIssue({ code: "custom", path: ["country"], message: "country.notMember" });
    }
  })
  // Fields that do not apply to the chosen category are dropped, never stored.
  .transform((input) => ({
    ...input,
    memberState: input.category === "MEMBER_STATE" ? input.memberState?.toUpperCase() : undefined,
  }));

/** What the browser form holds (all strings/booleans, before normalisation). */
export type RegistrationFormValues = z.input<typeof registrationInputSchema>;
/** What the server stores (normalised). */
export type RegistrationInput = z.output<typeof registrationInputSchema>;

/** The form's own field names, in the order the error summary lists them. */
export const REGISTRATION_FIELDS = [
  "email",
  "givenName",
  "familyName",
  "category",
  "memberState",
  "organization",
  "country",
  "jobTitle",
  "needsCaptioning",
  "needsSignLanguage",
  "accessibilityOther",
  "privacyAccepted",
  "listConsent",
] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** First error key per field, from a zod error. */
export function firstErrorPerField<Field extends string>(error: z.ZodError, fields: readonly Field[]): FieldErrors<Field> {
  const result: FieldErrors<Field> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (field && fields.includes(field) && !result[field]) result[field] = issue.message;
  }
  return result;
}
