"use server";
// Sign-in and sign-out at the edge. The answer to a sign-in request is the same whether or not
// the address belongs to an organizer, so the form cannot be used to find organizers. The
// per-address limit on links is where every path ends, in the email provider (config.ts).
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/auth.ts";
import { emailAddressSchema } from "@/lib/forms/email-address.ts";

export type SignInFormState = { error?: string; value?: string };

export async function requestSignInLinkAction(_previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  const raw = formData.getAll("email");
  const value = typeof raw[0] === "string" ? raw[0] : "";
  const parsed = emailAddressSchema.safeParse(raw.length === 1 ? value : undefined);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "email.invalid", value };
  await signIn("email", { email: parsed.data, redirect: false, redirectTo: "/admin" });
  redirect("/sign-in/check-email");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
