import type { Metadata } from "next";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { NextIntlClientProvider } from "next-intl";
import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { currentOrganizer } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { headers } from "next/headers";
import { LanguageSwitcher } from "@/components/language-switcher.tsx";
import { PATH_HEADER, textDirection } from "@/lib/i18n/config.ts";
import { CLIENT_NAMESPACES, pickNamespaces } from "@/lib/i18n/messages.ts";
import { logEvent } from "@/lib/log.ts";
import "./globals.css";

// No default title: every page sets its own (the registration form renders its <title> itself,
// so that a failed submission can start it with "Error:", also without JavaScript).
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { template: `%s – ${t("appName")}`, default: "" }, robots: { index: false } };
}

/**
 * Whether the visitor is a signed-in organizer, for the header link only (every console page and
 * action checks again). Without a session cookie this costs no query; if the database cannot
 * answer, the public page still renders, as for a visitor.
 */
async function isSignedInOrganizer(): Promise<boolean> {
  try {
    return (await currentOrganizer(getDatabase())) !== null;
  } catch (error) {
    unstable_rethrow(error); // Next's own signals (dynamic rendering) are not failures
    logEvent("layout.session-unreadable", { error: (error as Error).message });
    return false;
  }
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const messages = await getMessages();
  const signedIn = await isSignedInOrganizer();
  const path = (await headers()).get(PATH_HEADER) ?? "/";
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body>
        <a href="#main-content" className="skip-link">
          {t("skipToContent")}
        </a>
        <header className="site-header">
          <div className="wrapper">
            <a href="/" className="service-name">
              {t("appName")}
            </a>
            <nav aria-label={t("serviceTagline")}>
              <ul>
                <li>
                  <a href="/admin">{signedIn ? t("console") : t("signIn")}</a>
                </li>
              </ul>
            </nav>
          </div>
          <div className="wrapper">
            <LanguageSwitcher current={locale} label={t("languageNav")} path={path} />
          </div>
        </header>
        <div className="wrapper">
          <main id="main-content" tabIndex={-1}>
            <NextIntlClientProvider locale={locale} messages={pickNamespaces(messages, CLIENT_NAMESPACES)}>
              {children}
            </NextIntlClientProvider>
          </main>
        </div>
        <footer className="site-footer">
          <div className="wrapper">
            <ul>
              <li>
                <a href="/privacy">{t("privacy")}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
