// The language switcher of every page: a navigation landmark named "Language" in the page's
// language, one link per language named in its own language and script, each leading to the same
// page in that language (?lang=, which proxy.ts remembers in a cookie).
import { LOCALE_NAMES, LOCALE_PARAM, LOCALES, type Locale } from "@/lib/i18n/config.ts";

type Props = { current: string; label: string; path: string };

function withLanguage(path: string, locale: Locale): string {
  const url = new URL(path, "http://quorum.invalid");
  url.searchParams.set(LOCALE_PARAM, locale);
  return `${url.pathname}${url.search}`;
}

export function LanguageSwitcher({ current, label, path }: Props) {
  return (
    <nav aria-label={label} className="language-switcher">
      <ul>
        {LOCALES.map((locale) => (
          <li key={locale}>
            {locale === current ? (
              <span lang={locale} aria-current="true">
                {LOCALE_NAMES[locale]}
              </span>
            ) : (
              <a href={withLanguage(path, locale)} lang={locale} hrefLang={locale}>
                {LOCALE_NAMES[locale]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
