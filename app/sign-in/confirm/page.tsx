import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

// The page a sign-in link opens. Opening it (GET, as mail scanners do) spends nothing: only the
// button's POST to Auth.js uses the one-time token.
export const metadata: Metadata = { referrer: "same-origin", robots: { index: false } };

type Props = { searchParams: Promise<{ token?: string; email?: string }> };

export default async function ConfirmSignInPage({ searchParams }: Props) {
  const { token = "", email = "" } = await searchParams;
  const t = await getTranslations("signIn");
  const isWellFormed = /^[A-Za-z0-9_-]{10,200}$/.test(token) && email.length > 3 && email.length <= 254;
  if (!isWellFormed) {
    return (
      <>
        <title>{t("linkDidNotWork")}</title>
        <h1>{t("linkDidNotWork")}</h1>
        <p>
          <a href="/sign-in">{t("tryAgain")}</a>
        </p>
      </>
    );
  }
  const action = `/api/auth/callback/email?${new URLSearchParams({ token, email, callbackUrl: "/admin" }).toString()}`;
  return (
    <>
      <title>{t("confirmTitle")}</title>
      <h1>{t("confirmTitle")}</h1>
      <p>{t("confirmBody", { email })}</p>
      <form method="post" action={action}>
        <button type="submit" className="button">
          {t("confirmButton")}
        </button>
      </form>
    </>
  );
}
