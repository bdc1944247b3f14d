import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "./sign-in-form.tsx";

export const metadata: Metadata = { robots: { index: false } };

type Props = { searchParams: Promise<{ signedOut?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { signedOut, error } = await searchParams;
  const t = await getTranslations("signIn");
  return (
    <>
      {signedOut && (
        <p className="notice" role="status">
          {t("signedOut")}
        </p>
      )}
      {error && (
        <p className="notice" role="status">
          {t("linkDidNotWork")}
        </p>
      )}
      <SignInForm />
    </>
  );
}
