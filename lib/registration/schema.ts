// The registration form's one schema: react-hook-form validates with it in the browser, and the
// server action re-checks with it before anything is stored. Isomorphic: no Prisma, no Node APIs.
// Messages are i18n keys under "registration.errors" in messages/<locale>.json. Written with
// `zod/mini` (the same parser, a fifth of the size in the browser): one schema for both sides.
import * as z from "zod/mini";
import { emailAddressSchema } from "@/lib/forms/email-address.ts";
import { miniOptionalText, miniRequiredText } from "@/lib/forms/text-rules.ts";
import { CATEGORIES_WITH_ORGANIZATION, PARTICIPANT_CATEGORIES } from "@/lib/participants/categories.ts";
import { isIsoCountryCode, isItuMemberState } from "@/lib/participants/countries.ts";

// Names: GOV.UK accepts any character people use in names; 100 covers very long real names.
const MAX_NAME_LENGTH = 100;
const MAX_ORGANIZATION_LENGTH = 200;
const MAX_JOB_TITLE_LENGTH = 150;
const MAX_ACCESSIBILITY_LENGTH = 1000;

/** A checkbox: "yes" (form post) or true (react-hook-form; "true" once it fills a hidden input) means ticked. */
const isTicked = (value: unknown) => value === "yes" || value === true || value === "true" || value === "on";
const checkbox = z.pipe(z.transform(isTicked), z.boolean());
const requiredCheckbox = (error: string) => z.pipe(z.transform(isTicked), z.boolean().check(z.refine((value) => value, { error })));

const countryCode = (errors: { required: string; invalid: string }) =>
  z.pipe(
    z.string({ error: errors.required }).check(z.trim(), z.minLength(1, { error: errors.required }), z.toUpperCase()),
    z.string().check(z.refine(isIsoCountryCode, { error: errors.invalid })),
  );

const registrationFields = z
  .object({
    email: emailAddressSchema,
    givenName: miniRequiredText(
      { required: "givenName.required", tooLong: "givenName.tooLong", invalid: "givenName.invalid" },
      { max: MAX_NAME_LENGTH },
    ),
    familyName: miniRequiredText(
      { required: "familyName.required", tooLong: "familyName.tooLong", invalid: "familyName.invalid" },
      { max: MAX_NAME_LENGTH },
    ),
    category: z.enum(PARTICIPANT_CATEGORIES, { error: "category.required" }),
    memberState: z.optional(z.string({ error: "memberState.invalid" }).check(z.trim())),
    organization: miniOptionalText({ tooLong: "organization.tooLong", invalid: "organization.invalid" }, { max: MAX_ORGANIZATION_LENGTH }),
    country: countryCode({ required: "country.required", invalid: "country.invalid" }),
    jobTitle: miniOptionalText({ tooLong: "jobTitle.tooLong", invalid: "jobTitle.invalid" }, { max: MAX_JOB_TITLE_LENGTH }),
    needsCaptioning: checkbox,
    needsSignLanguage: checkbox,
    accessibilityOther: miniOptionalText(
      { tooLong: "accessibilityOther.tooLong", invalid: "accessibilityOther.invalid" },
      { max: MAX_ACCESSIBILITY_LENGTH, multiline: true },
    ),
    privacyAccepted: requiredCheckbox("privacyAccepted.required"),
    listConsent: checkbox,
  })
  .check(
    z.superRefine((input, context) => {
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
    }),
  );

export const registrationInputSchema = z.pipe(
  registrationFields,
  // Fields that do not apply to the chosen category are dropped, never stored.
  z.transform((input: z.output<typeof registrationFields>) => ({
    ...input,
    memberState: input.category === "MEMBER_STATE" ? input.memberState?.toUpperCase() : undefined,
  })),
);

/** What the browser form holds (all strings/booleans, before normalisation). */
export type RegistrationFormValues = z.input<typeof registrationInputSchema>;
/** What the server stores (normalised). */
export type RegistrationInput = z.output<typeof registrationInputSchema>;
