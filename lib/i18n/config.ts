// Languages of the interface: ITU's six, in the order ITU lists them. Every string comes from
// messages/<locale>.json and the page direction from the locale (Arabic right to left). The locale
// is chosen per visitor — a shared link's ?lang=, then the cookie the choice left, then
// Accept-Language — not by URL prefix, so printed URLs stay as they are (docs/decisions/0004-i18n.md).

export const LOCALES = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "quorum-locale";
/** The query parameter that carries a language in a shared link: /meetings/fg-qit4n-10?lang=ru. */
export const LOCALE_PARAM = "lang";
/** Request header by which proxy.ts hands a link's ?lang= to the page it is rendering. */
export const LOCALE_HEADER = "x-quorum-locale";
/** Request header by which proxy.ts tells the layout the page's own path (for the switcher's links). */
export const PATH_HEADER = "x-quorum-path";

/** Each language named in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  ar: "العربية",
  zh: "中文",
  en: "English",
  fr: "Français",
  ru: "Русский",
  es: "Español",
};

const RIGHT_TO_LEFT = new Set(["ar", "he", "fa", "ur"]);

export function isLocale(value: string | undefined | null): value is Locale {
  return LOCALES.includes(value as Locale);
}

export function textDirection(locale: string): "ltr" | "rtl" {
  return RIGHT_TO_LEFT.has(locale.split("-")[0] ?? "") ? "rtl" : "ltr";
}

/** Best supported locale for an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const wanted = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const quality = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0 };
    })
    // q=0 means "not this one" (RFC 9110).
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of wanted) {
    const base = tag.split("-")[0];
    if (isLocale(tag)) return tag;
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/**
 * The locale a request is answered in: a link's ?lang= (which proxy.ts passes on as LOCALE_HEADER),
 * else the cookie an earlier choice left, else the browser's languages.
 */
export function chooseLocale(sources: { linked?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(sources.linked)) return sources.linked;
  if (isLocale(sources.cookie)) return sources.cookie;
  return negotiateLocale(sources.acceptLanguage);
}

/** The language cookie's value in a raw Cookie header (for code that runs before Next parses it). */
export function localeCookieIn(cookieHeader: string | null | undefined): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE) return value ?? null;
  }
  return null;
}
