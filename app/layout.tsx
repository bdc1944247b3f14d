import type { Metadata } from "next";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { textDirection } from "@/lib/i18n/config.ts";
import "./globals.css";

// No default title: every page sets its own (the registration form renders its <title> itself,
// so that a failed submission can start it with "Error:", also without JavaScript).
export const metadata: Metadata = {
  title: { template: "%s – Quorum", default: "" },
  robots: { index: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const messages = await getMessages();
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
                  <a href="/admin">{t("signIn")}</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <div className="wrapper">
          <main id="main-content" tabIndex={-1}>
            <NextIntlClientProvider locale={locale} messages={messages}>
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
