// Locale negotiation, text direction, and the message catalogues. Message keys used in code are
// checked by the compiler (i18n/messages.d.ts, emails/types.ts), not by a scanner here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chooseLocale, DEFAULT_LOCALE, isLocale, LOCALES, localeCookieIn, negotiateLocale, textDirection } from "@/lib/i18n/config.ts";
import { renderPlainPage } from "@/lib/security/plain-page.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(ROOT, file), "utf8"));

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    [undefined, "en"],
    ["", "en"],
    ["en", "en"],
    ["EN", "en"],
    ["en-GB,en;q=0.9", "en"],
    ["en-US", "en"],
    ["fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr"],
    ["de-CH, de;q=0.9, es;q=0.5", "es"],
    ["zh-Hans-CN", "zh"],
    ["zh-TW, en;q=0.5", "zh"],
    ["ru;q=0, en;q=0.3", "en"],
    ["ar-EG", "ar"],
    ["de", "en"],
    ["*", "en"],
    ["ar;q=1, en;q=0.1", "ar"],
    ["en;q=0.1, ar;q=1", "ar"],
    [";;;,,,q=", "en"],
    ["en;q=abc", "en"],
  ])("Accept-Language %j → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it("always returns a supported locale", () => {
    for (const header of ["zh-Hans-CN", "x-klingon", "ru;q=0.9,es;q=0.8", "en-GB-oxendict"]) {
      expect(LOCALES).toContain(negotiateLocale(header));
    }
  });
});

describe("isLocale", () => {
  it.each([
    ["en", true],
    ["EN", false],
    ["fr", true],
    ["ar", true],
    ["zh", true],
    ["de", false],
    ["", false],
    [null, false],
    [undefined, false],
    ["__proto__", false],
  ])("%j → %s", (value, expected) => {
    expect(isLocale(value)).toBe(expected);
  });

  it("has English as the default and a supported locale", () => {
    expect(DEFAULT_LOCALE).toBe("en");
    expect(isLocale(DEFAULT_LOCALE)).toBe(true);
  });
});

describe("chooseLocale: a link's language, then the remembered choice, then the browser's", () => {
  it("a link's ?lang= wins over the cookie and Accept-Language", () => {
    expect(chooseLocale({ linked: "ar", cookie: "fr", acceptLanguage: "ru" })).toBe("ar");
  });
  it("without a link, the cookie of an earlier choice wins over Accept-Language", () => {
    expect(chooseLocale({ cookie: "fr", acceptLanguage: "ru" })).toBe("fr");
  });
  it("unknown values in the link and the cookie are ignored, not trusted", () => {
    expect(chooseLocale({ linked: "xx", cookie: "<script>", acceptLanguage: "es-CO,es;q=0.9" })).toBe("es");
    expect(chooseLocale({})).toBe(DEFAULT_LOCALE);
  });
  it("the language cookie is found in a raw Cookie header among others, and only under its own name", () => {
    expect(localeCookieIn("a=1; quorum-locale=zh; b=2")).toBe("zh");
    expect(localeCookieIn("not-quorum-locale=zh")).toBeNull();
    expect(localeCookieIn(undefined)).toBeNull();
  });
  it("a page answered before the app (413, 429) speaks the chosen language: Russian, right to left in Arabic", () => {
    expect(renderPlainPage("tooMany", chooseLocale({ cookie: "ru", acceptLanguage: "en" }))).toMatch(
      /<html lang="ru" dir="ltr">[\s\S]*[а-я]/,
    );
    expect(renderPlainPage("tooLarge", "ar")).toMatch(/<html lang="ar" dir="rtl">/);
  });
});

describe("textDirection", () => {
  it.each([
    ["ar", "rtl"],
    ["ar-EG", "rtl"],
    ["he", "rtl"],
    ["fa", "rtl"],
    ["ur", "rtl"],
    ["en", "ltr"],
    ["en-GB", "ltr"],
    ["fr", "ltr"],
    ["zh-Hans", "ltr"],
    ["ru", "ltr"],
    ["", "ltr"],
  ])("%j is %s", (locale, expected) => {
    expect(textDirection(locale)).toBe(expected);
  });
});

describe("message catalogues", () => {
  it.each([...LOCALES])("messages/%s.json exists for every supported locale", (locale) => {
    expect(typeof readJson(`messages/${locale}.json`)).toBe("object");
  });

  it("the email translator formats ICU values", () => {
    const t = getTranslator("en", "emails");
    expect(t("greeting", { name: "Ada Lovelace" })).toBe("Dear Ada Lovelace,");
    expect(t("signIn.intro", { minutes: 10 })).toBe("Use this link to sign in as an organizer. It works once, within 10 minutes.");
  });
});
