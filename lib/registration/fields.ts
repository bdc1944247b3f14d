// The registration form's field names, apart from its schema (lib/registration/schema.ts): the
// form needs them with the page, the schema (zod) only when the visitor starts filling it in.
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
