"use server";
// The edge of "manage my registration": the private token in the link is the only credential,
// so every action looks the registration up by the token's hash again; nothing else is trusted.
import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { readFormFields, toPlainObject } from "@/lib/forms/form-data.ts";
import type { RegisterFormState } from "@/lib/registration/form-state.ts";
import { firstErrorPerField } from "@/lib/forms/errors.ts";
import { REGISTRATION_FIELDS, type RegistrationField } from "@/lib/registration/fields.ts";
import { registrationInputSchema } from "@/lib/registration/schema.ts";
import { resendConfirmation } from "@/lib/notices/registrant.ts";
import {
  changeEmailLanguage,
  findRegistrationByManageToken,
  updateRegistrationDetails,
  withdrawRegistration,
} from "@/lib/registration/service.ts";
import { isLocale } from "@/lib/i18n/config.ts";
import { isWellFormedToken } from "@/lib/security/tokens.ts";

function checkedToken(token: unknown): string | null {
  return typeof token === "string" && isWellFormedToken(token) ? token : null;
}

export async function updateDetailsAction(token: string, _previous: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  const read = readFormFields(formData, REGISTRATION_FIELDS);
  const { duplicated } = read;
  // React only passes plain objects back to the form.
  const values: Partial<Record<RegistrationField, string>> = toPlainObject(read.values);
  const answerId = crypto.randomUUID();
  const validToken = checkedToken(token);
  if (!validToken) return { status: "rejected", reason: "not-found", fieldErrors: {}, values, answerId };
  if (duplicated.length > 0) {
    return {
      status: "invalid",
      fieldErrors: Object.fromEntries(duplicated.map((field) => [field, "form.duplicateField"])),
      values,
      answerId,
    };
  }
  const parsed = registrationInputSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", fieldErrors: firstErrorPerField(parsed.error, REGISTRATION_FIELDS), values, answerId };
  const result = await updateRegistrationDetails(getDatabase(), {
    token: validToken,
    input: parsed.data,
    now: new Date(),
    appUrl: getEnv().APP_URL,
  });
  if (!result.ok) return { status: "rejected", reason: result.reason, fieldErrors: {}, values, answerId };
  // Sent back for approval: the page itself changes (status, no instructions), so it is loaded
  // again with a notice saying why, rather than keeping the form's "saved" answer.
  if (result.sentBack) redirect(`/manage/${validToken}?done=sent-back`);
  return { status: "saved", fieldErrors: {}, values, answerId };
}

// The three below take (token, previous state, form data): their forms are PostbackForms
// (components/forms/postback-form.tsx). They always redirect, so they never return a state.
export async function withdrawAction(token: string, _previous: null, formData: FormData): Promise<null> {
  const validToken = checkedToken(token);
  if (!validToken) redirect("/manage/invalid");
  if (formData.get("confirmWithdraw") !== "yes") redirect(`/manage/${validToken}?error=confirm#withdraw`);
  const result = await withdrawRegistration(getDatabase(), { token: validToken, now: new Date(), appUrl: getEnv().APP_URL });
  redirect(`/manage/${validToken}?${result.ok ? "done=withdrawn" : `error=${result.reason}`}`);
}

export async function resendAction(token: string, _previous: null, _formData: FormData): Promise<null> {
  const validToken = checkedToken(token);
  if (!validToken) redirect("/manage/invalid");
  const db = getDatabase();
  const registration = await findRegistrationByManageToken(db, validToken);
  if (!registration) redirect(`/manage/${validToken}`);
  const result = await resendConfirmation(db, {
    registrationId: registration.id,
    manageToken: validToken,
    now: new Date(),
    appUrl: getEnv().APP_URL,
    actor: { kind: "registrant" },
  });
  redirect(
    `/manage/${validToken}?${result.ok ? (result.queued ? "done=resent" : "done=resent-recently") : `error=${result.reason}`}#resend`,
  );
}

/** The manage page's "Language of your emails": one of the six, or the page again with an error. */
export async function emailLanguageAction(token: string, _previous: null, formData: FormData): Promise<null> {
  const validToken = checkedToken(token);
  if (!validToken) redirect("/manage/invalid");
  const chosen = formData.getAll("emailLanguage");
  const locale = chosen.length === 1 ? chosen[0] : null;
  if (typeof locale !== "string" || !isLocale(locale)) redirect(`/manage/${validToken}?error=language#language`);
  const result = await changeEmailLanguage(getDatabase(), { token: validToken, locale, now: new Date() });
  redirect(`/manage/${validToken}?${result.ok ? "done=language" : `error=${result.reason}`}#language`);
}
