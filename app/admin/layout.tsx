import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requireOrganizerPage } from "@/lib/auth/session.ts";
import { signOutAction } from "@/lib/auth/actions.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { CONSOLE_CLIENT_NAMESPACES, pickNamespaces } from "@/lib/i18n/messages.ts";

export const metadata: Metadata = { referrer: "same-origin", robots: { index: false } };

// Convenience only: every page and action below checks the session and the role again itself.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const organizer = await requireOrganizerPage(getDatabase());
  const t = await getTranslations("admin");
  return (
    <>
      <div className="button-group" style={{ justifyContent: "space-between", marginBottom: "1rem" }}>
        <p style={{ margin: 0 }}>{t("signedInAs", { email: organizer.email })}</p>
        <form action={signOutAction}>
          <button type="submit" className="button button--secondary">
            {t("signOut")}
          </button>
        </form>
      </div>
      {/* The root layout gives client components the public namespaces; the console's forms read "admin" too. */}
      <NextIntlClientProvider messages={pickNamespaces(await getMessages(), CONSOLE_CLIENT_NAMESPACES)}>{children}</NextIntlClientProvider>
    </>
  );
}
