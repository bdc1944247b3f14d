// The registration form's one schema: react-hook-form validates with it in the browser, and the
// server action re-checks with it before anything is stored. Isomorphic: no Prisma, no Node APIs.
// Messages are i18n keys under "registration.errors" in messages/<locale>.json.
import { z } from "zod";
import { emailAddressSchema } from "@/lib/forms/email-address.ts";
import { optionalText, requiredText } from "@/lib/forms/text.ts";
import { CATEGORIES_WITH_ORGANIZATION, PARTICIPANT_CATEGORIES } from "@/lib/participants/categories.ts";
import { isIsoCountryCode, isItuMemberState } from "@/lib/participants/countries.ts";

// Names: GOV.UK accepts any character people use in names; 100 covers very long real names.
const MAX_NAME_LENGTH = 100;
const MAX_ORGANIZATION_LENGTH = 200;
const MAX_JOB_TITLE_LENGTH = 150;
const MAX_ACCESSIBILITY_LENGTH = 1000;

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
    givenName: requiredText(
      { required: "givenName.required", tooLong: "givenName.tooLong", invalid: "givenName.invalid" },
      { max: MAX_NAME_LENGTH },
    ),
    familyName: requiredText(
      { required: "familyName.required", tooLong: "familyName.tooLong", invalid: "familyName.invalid" },
      { max: MAX_NAME_LENGTH },
    ),
    category: z.enum(PARTICIPANT_CATEGORIES, { error: "category.required" }),
    memberState: z.string({ error: "memberState.invalid" }).trim().optional(),
    organization: optionalText({ tooLong: "organization.tooLong", invalid: "organization.invalid" }, { max: MAX_ORGANIZATION_LENGTH }),
    country: countryCode({ required: "country.required", invalid: "country.invalid" }),
    jobTitle: optionalText({ tooLong: "jobTitle.tooLong", invalid: "jobTitle.invalid" }, { max: MAX_JOB_TITLE_LENGTH }),
    needsCaptioning: checkbox,
    needsSignLanguage: checkbox,
    accessibilityOther: optionalText(
      { tooLong: "accessibilityOther.tooLong", invalid: "accessibilityOther.invalid" },
      { max: MAX_ACCESSIBILITY_LENGTH, multiline: true },
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
