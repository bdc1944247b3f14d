"use server";
// The edge of public registration: read the form, check it with the shared schema, call the
// service, answer. Authorization here is "anyone may register while the window is open", which
// the service re-checks inside its transaction.
import { randomUUID } from "node:crypto";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getDatabase } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config.ts";
import { readFormFields, toPlainObject } from "@/lib/forms/form-data.ts";
import { logEvent } from "@/lib/log.ts";
import { firstErrorPerField } from "@/lib/forms/errors.ts";
import { REGISTRATION_FIELDS, type RegistrationField } from "@/lib/registration/fields.ts";
import { registrationInputSchema } from "@/lib/registration/schema.ts";
import { REGISTERED_COOKIE, type RegisterFormState } from "@/lib/registration/form-state.ts";
import { registerForMeeting } from "@/lib/registration/service.ts";
import { generateReference } from "@/lib/security/tokens.ts";
import { isUuid } from "@/lib/forms/ids.ts";

const HONEYPOT_FIELD = "website";

async function answerSent(slug: string, email: string, reference: string): Promise<never> {
  // The "check your email" page echoes the address and reference from a short-lived cookie, not
  // the URL. A repeated registration shows the existing reference, a full meeting a random one:
  // the page looks the same whether or not the address was registered before (docs/decisions/0007).
  (await cookies()).set(REGISTERED_COOKIE, JSON.stringify({ email, reference }), {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().APP_URL.startsWith("https:"),
    path: `/meetings/${slug}/register/sent`,
    maxAge: 600,
  });
  redirect(`/meetings/${slug}/register/sent`);
}

export async function registerAction(slug: string, _previous: RegisterFormState, formData: FormData): Promise<RegisterFormState> {
  const read = readFormFields(formData, REGISTRATION_FIELDS);
  const { duplicated } = read;
  // React only passes plain objects back to the form.
  const values: Partial<Record<RegistrationField, string>> = toPlainObject(read.values);
  const answerId = randomUUID();
  if (typeof slug !== "string" || !/^[a-z0-9-]{1,64}$/.test(slug)) {
    return { status: "rejected", reason: "not-found", fieldErrors: {}, values, answerId };
  }
  if (duplicated.length > 0) {
    const fieldErrors = Object.fromEntries(duplicated.map((field) => [field, "form.duplicateField"]));
    return { status: "invalid", fieldErrors, values, answerId };
  }

  // Bots fill every field; people never see this one. Answer as if it worked, store nothing.
  const honeypot = formData.get(HONEYPOT_FIELD);
  const parsed = registrationInputSchema.safeParse(values);
  if (typeof honeypot === "string" && honeypot.length > 0) {
    logEvent("registration.honeypot", { slug });
    return answerSent(slug, parsed.success ? parsed.data.email : "", generateReference());
  }
  if (!parsed.success) {
    return { status: "invalid", fieldErrors: firstErrorPerField(parsed.error, REGISTRATION_FIELDS), values, answerId };
  }

  const submissionKey = formData.get("submissionKey");
  const locale = await getLocale();
  const options = {
    slug,
    input: parsed.data,
    submissionKey: isUuid(submissionKey) ? submissionKey : null,
    locale: isLocale(locale) ? locale : DEFAULT_LOCALE,
    appUrl: getEnv().APP_URL,
  };
  let result: Awaited<ReturnType<typeof registerForMeeting>>;
  try {
    result = await registerForMeeting(getDatabase(), { ...options, now: new Date() });
  } catch (error) {
    // A reference-number collision (about 1 in 10^10 per registration) is worth one more try.
    if (!String((error as Error).message).includes("reference collision")) throw error;
    result = await registerForMeeting(getDatabase(), { ...options, now: new Date() });
  }
  // No place left: answered like a registration (the service has emailed the address that it is
  // not registered), else "full" for a new address and "check your email" for a registered one
  // would tell who registered. The reference is random and unused, as for the honeypot.
  if (!result.ok && result.reason === "full") return answerSent(slug, parsed.data.email, generateReference());
  if (!result.ok) return { status: "rejected", reason: result.reason, fieldErrors: {}, values, answerId };
  return answerSent(slug, parsed.data.email, result.reference);
}
