// Shapes shared by the registration action and the form that renders its answers.
import type { FieldErrors } from "@/lib/forms/errors.ts";
import type { RegistrationField } from "@/lib/registration/fields.ts";
import type { RegisterRejection } from "@/lib/registration/service-types.ts";

export type RegisterFormState = {
  status: "idle" | "invalid" | "rejected" | "saved";
  fieldErrors: FieldErrors<RegistrationField>;
  /** What was typed, so a re-rendered form (also without JavaScript) keeps it. */
  values: Partial<Record<RegistrationField, string>>;
  reason?: RegisterRejection | "closed" | "withdrawn" | "erased";
  /** Changes on every answer, so the error summary takes focus again. */
  answerId?: string;
};

/** Holds the address for the "check your email" page for a few minutes. */
export const REGISTERED_COOKIE = "quorum-registered";
