"use server";
// Sign-in and sign-out at the edge. The answer to a sign-in request is the same whether or not
// the address belongs to an organizer, so the form cannot be used to find organizers.
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/auth.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { logEvent } from "@/lib/log.ts";
import { emailAddressSchema } from "@/lib/registration/schema.ts";
import { hitRateLimit } from "@/lib/security/rate-limit.ts";

export type SignInFormState = { error?: string; value?: string };

// Per address: at most this many links an hour, then silently none (no mail bombing).
const LINKS_PER_ADDRESS_PER_HOUR = 3;

export async function requestSignInLinkAction(_previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  const raw = formData.getAll("email");
  const value = typeof raw[0] === "string" ? raw[0] : "";
  const parsed = emailAddressSchema.safeParse(raw.length === 1 ? value : undefined);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "email.invalid", value };
  const verdict = await hitRateLimit(
    getDatabase(),
    { name: "sign-in-address", limit: LINKS_PER_ADDRESS_PER_HOUR, windowMs: 60 * 60 * 1000 },
    parsed.data,
    new Date(),
  );
  if (verdict.allowed) {
    await signIn("email", { email: parsed.data, redirect: false, redirectTo: "/admin" });
  } else {
    logEvent("auth.sign-in-link.throttled");
  }
  redirect("/sign-in/check-email");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
