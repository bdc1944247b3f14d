// Country names as the UN writes them, in ITU's six languages: the M49 table of the UN Statistics
// Division (lib/participants/un-country-names.json, see un-country-names.md) behind countryName and
// countryOptions (lib/participants/country-names.ts, server-only), with CLDR (Intl.DisplayNames) only
// for what M49 does not name; and the table kept out of what the browser's registration form imports.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Locale, LOCALES } from "@/lib/i18n/config.ts";
import { ISO_COUNTRY_CODES, ITU_MEMBER_STATE_CODES, isIsoCountryCode, isItuMemberState } from "@/lib/participants/countries.ts";
import { countryName, countryOptions } from "@/lib/participants/country-names.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const unTable = JSON.parse(readFileSync(path.join(ROOT, "lib/participants/un-country-names.json"), "utf8")) as {
  names: Record<string, Record<Locale, string>>;
};

/** The exact strings of M49 (retrieved 2024-09-25) for the names the issue singles out. */
const UN_NAMES: Record<string, Record<Locale, string>> = {
  RU: {
    en: "Russian Federation",
    fr: "Fédération de Russie",
    es: "Federación de Rusia",
    ru: "Российская Федерация",
    ar: "الاتحاد الروسي",
    zh: "俄罗斯联邦",
  },
  KR: {
    en: "Republic of Korea",
    fr: "République de Corée",
    es: "República de Corea",
    ru: "Республика Корея",
    ar: "جمهورية كوريا",
    zh: "大韩民国",
  },
  IR: {
    en: "Iran (Islamic Republic of)",
    fr: "Iran (République islamique d’)",
    es: "Irán (República Islámica del)",
    ru: "Иран (Исламская Республика)",
    ar: "إيران (جمهورية - الإسلامية)",
    zh: "伊朗伊斯兰共和国",
  },
  VN: {
    en: "Viet Nam",
    fr: "Viet Nam",
    es: "Viet Nam",
    ru: "Вьетнам",
    ar: "فييت نام",
    zh: "越南",
  },
  TR: {
    en: "Türkiye",
    fr: "Türkiye",
    es: "Türkiye",
    ru: "Турция",
    ar: "تركيا",
    zh: "土耳其",
  },
  KN: {
    en: "Saint Kitts and Nevis",
    fr: "Saint-Kitts-et-Nevis",
    es: "Saint Kitts y Nevis",
    ru: "Сент-Китс и Невис",
    ar: "سانت كيتس ونيفس",
    zh: "圣基茨和尼维斯",
  },
  BO: {
    en: "Bolivia (Plurinational State of)",
    fr: "Bolivie (État plurinational de)",
    es: "Bolivia (Estado Plurinacional de)",
    ru: "Боливия (Многонациональное Государство)",
    ar: "بوليفيا (دولة - المتعددة القوميات)",
    zh: "多民族玻利维亚国",
  },
  VE: {
    en: "Venezuela (Bolivarian Republic of)",
    fr: "Venezuela (République bolivarienne du)",
    es: "Venezuela (República Bolivariana de)",
    ru: "Венесуэла (Боливарианская Республика)",
    ar: "فنزويلا (جمهورية - البوليفارية)",
    zh: "委内瑞拉玻利瓦尔共和国",
  },
  SY: {
    en: "Syrian Arab Republic",
    fr: "République arabe syrienne",
    es: "República Árabe Siria",
    ru: "Сирийская Арабская Республика",
    ar: "الجمهورية العربية السورية",
    zh: "阿拉伯叙利亚共和国",
  },
  TZ: {
    en: "United Republic of Tanzania",
    fr: "République-Unie de Tanzanie",
    es: "República Unida de Tanzanía",
    ru: "Объединенная Республика Танзания",
    ar: "جمهورية تنزانيا المتحدة",
    zh: "坦桑尼亚联合共和国",
  },
  GB: {
    en: "United Kingdom of Great Britain and Northern Ireland",
    fr: "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
    es: "Reino Unido de Gran Bretaña e Irlanda del Norte",
    ru: "Соединенное Королевство Великобритании и Северной Ирландии",
    ar: "المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية",
    zh: "大不列颠及北爱尔兰联合王国",
  },
  US: {
    en: "United States of America",
    fr: "États-Unis d’Amérique",
    es: "Estados Unidos de América",
    ru: "Соединенные Штаты Америки",
    ar: "الولايات المتحدة الأمريكية",
    zh: "美利坚合众国",
  },
  VA: {
    en: "Holy See",
    fr: "Saint-Siège",
    es: "Santa Sede",
    ru: "Святой Престол",
    ar: "الكرسي الرسولي",
    zh: "教廷",
  },
  CD: {
    en: "Democratic Republic of the Congo",
    fr: "République démocratique du Congo",
    es: "República Democrática del Congo",
    ru: "Демократическая Республика Конго",
    ar: "جمهورية الكونغو الديمقراطية",
    zh: "刚果民主共和国",
  },
  KP: {
    en: "Democratic People's Republic of Korea",
    fr: "République populaire démocratique de Corée",
    es: "República Popular Democrática de Corea",
    ru: "Корейская Народно-Демократическая Республика",
    ar: "جمهورية كوريا الشعبية الديمقراطية",
    zh: "朝鲜民主主义人民共和国",
  },
  LA: {
    en: "Lao People's Democratic Republic",
    fr: "République démocratique populaire lao",
    es: "República Democrática Popular Lao",
    ru: "Лаосская Народно-Демократическая Республика",
    ar: "جمهورية لاو الديمقراطية الشعبية",
    zh: "老挝人民民主共和国",
  },
  MD: {
    en: "Republic of Moldova",
    fr: "République de Moldova",
    es: "República de Moldova",
    ru: "Республика Молдова",
    ar: "جمهورية مولدوفا",
    zh: "摩尔多瓦共和国",
  },
  FM: {
    en: "Micronesia (Federated States of)",
    fr: "Micronésie (États fédérés de)",
    es: "Micronesia (Estados Federados de)",
    ru: "Микронезия (Федеративные Штаты)",
    ar: "ميكرونيزيا (ولايات - الموحدة)",
    zh: "密克罗尼西亚联邦",
  },
};

/** Where country-names.ts overrides M49 because the UN has since renamed a country (UN_NAME_CORRECTIONS). */
const CORRECTED: Record<string, Partial<Record<Locale, string>>> = {
  NR: { en: "Naoero", fr: "Naoero", es: "Naoero" },
};

describe("countryName", () => {
  it.each(LOCALES)(
    "names RU, KR, IR, VN, TR, KN, BO, VE, SY, TZ, GB, US, VA, CD, KP, LA, MD and FM in %s exactly as M49 does",
    (locale) => {
      const codes = Object.keys(UN_NAMES);
      expect(Object.fromEntries(codes.map((code) => [code, countryName(code, locale)]))).toEqual(
        Object.fromEntries(codes.map((code) => [code, UN_NAMES[code]?.[locale]])),
      );
    },
  );

  it("names the Holy See (VA), an ITU Member State that is not a UN member, in all six languages", () => {
    expect(isItuMemberState("VA")).toBe(true);
    expect(Object.fromEntries(LOCALES.map((locale) => [locale, countryName("VA", locale)]))).toEqual({
      ar: "الكرسي الرسولي",
      zh: "教廷",
      en: "Holy See",
      fr: "Saint-Siège",
      ru: "Святой Престол",
      es: "Santa Sede",
    });
  });

  it.each(LOCALES)("gives each of the 194 ITU Member States a name in %s that is neither empty nor its code", (locale) => {
    expect(ITU_MEMBER_STATE_CODES).toHaveLength(194);
    const unnamed = ITU_MEMBER_STATE_CODES.filter((code) => {
      const name = countryName(code, locale).trim();
      return name === "" || name.toUpperCase() === code;
    });
    expect(unnamed).toEqual([]);
  });

  it.each(LOCALES)("takes the name of every ITU Member State in %s from the M49 table, except the corrections listed here", (locale) => {
    const differing = ITU_MEMBER_STATE_CODES.filter((code) => countryName(code, locale) !== unTable.names[code]?.[locale]);
    const corrected = Object.keys(CORRECTED).filter((code) => CORRECTED[code]?.[locale] !== undefined);
    expect(differing).toEqual(corrected);
    for (const code of corrected) expect(countryName(code, locale)).toBe(CORRECTED[code]?.[locale]);
  });

  it("calls Nauru (NR) Naoero in English, French and Spanish only while the M49 table still says Nauru, and keeps M49's Arabic, Chinese and Russian names", () => {
    // Fails once a regenerated table carries the new name: then delete the correction in country-names.ts.
    expect(unTable.names.NR).toMatchObject({ en: "Nauru", fr: "Nauru", es: "Nauru" });
    expect(Object.fromEntries(LOCALES.map((locale) => [locale, countryName("NR", locale)]))).toEqual({
      ar: unTable.names.NR?.ar,
      zh: unTable.names.NR?.zh,
      en: "Naoero",
      fr: "Naoero",
      ru: unTable.names.NR?.ru,
      es: "Naoero",
    });
  });

  it("names TW, which M49 does not list, with CLDR's name from Intl.DisplayNames", () => {
    expect(unTable.names.TW).toBeUndefined();
    for (const locale of LOCALES) {
      expect(countryName("TW", locale)).toBe(new Intl.DisplayNames([locale], { type: "region" }).of("TW"));
    }
  });

  it("uses CLDR's name in a locale outside the UN's six (RU in German is Russland)", () => {
    expect(countryName("RU", "de")).toBe("Russland");
  });

  it("reads the code case-insensitively and the locale by its language subtag", () => {
    expect(countryName("ru", "fr-CH")).toBe("Fédération de Russie");
    expect(countryName("kr", "zh-Hans-CN")).toBe("大韩民国");
    expect(countryName("Vn", "es_419")).toBe("Viet Nam");
  });

  it("returns the code as given for a malformed code or locale", () => {
    expect(countryName("not a code", "en")).toBe("not a code");
    expect(countryName("zz!", "!!")).toBe("zz!");
  });
});

describe("the M49 table", () => {
  it("names the same ISO 3166-1 codes in all six languages, every ITU Member State among them, none with an empty name", () => {
    const codes = Object.keys(unTable.names);
    expect(codes.filter((code) => !isIsoCountryCode(code))).toEqual([]);
    expect(ITU_MEMBER_STATE_CODES.filter((code) => !codes.includes(code))).toEqual([]);
    const incomplete = codes.filter((code) => LOCALES.some((locale) => (unTable.names[code]?.[locale] ?? "").trim() === ""));
    expect(incomplete).toEqual([]);
  });
});

describe("countryOptions", () => {
  it.each(LOCALES)(
    "lists every ISO code (the default) and every ITU Member State once, named by countryName and sorted by Intl.Collator(%s)",
    (locale) => {
      const collator = new Intl.Collator(locale);
      expect(countryOptions(locale)).toEqual(countryOptions(locale, ISO_COUNTRY_CODES));
      for (const codes of [ISO_COUNTRY_CODES, ITU_MEMBER_STATE_CODES]) {
        const options = countryOptions(locale, codes);
        expect(options.map((option) => option.code).sort()).toEqual([...codes].sort());
        expect(options.filter((option) => option.name !== countryName(option.code, locale))).toEqual([]);
        const outOfOrder = options.slice(1).filter((option, index) => collator.compare(options[index]?.name ?? "", option.name) > 0);
        expect(outOfOrder).toEqual([]);
      }
    },
  );
});

/** Files under app/ and components/ that start with "use client": what Next.js bundles for the browser. */
function clientEntryPoints(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (/\.tsx?$/.test(entry.name) && /^\s*["']use client["']/.test(readFileSync(path.join(ROOT, relative), "utf8"))) {
        files.push(relative);
      }
    }
  };
  walk("app");
  walk("components");
  return files.sort();
}

/** Every project file `entry` imports at run time, directly or not ("import type" is erased, packages are not followed). */
function runtimeImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.tsx?$/.test(file)) continue;
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const specifiers = [
      ...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm),
      ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ].map((match) => match[1] ?? "");
    for (const specifier of specifiers) {
      if (specifier.startsWith("@/")) pending.push(specifier.slice(2));
      else if (specifier.startsWith(".")) pending.push(path.join(path.dirname(file), specifier));
    }
  }
  return seen;
}

describe("keeping the names table out of the browser", () => {
  it('no "use client" file in app/ or components/ imports un-country-names.json or country-names.ts, directly or through lib/, while the registration form does reach countries.ts', () => {
    const entries = clientEntryPoints();
    expect(entries).toContain("components/registration/registration-form.tsx");
    const reached = Object.fromEntries(entries.map((entry) => [entry, runtimeImports(entry)]));
    // The walk follows imports: the form gets the country predicates through the registration schema.
    expect(reached["components/registration/registration-form.tsx"]).toContain("lib/registration/schema.ts");
    expect(reached["components/registration/registration-form.tsx"]).toContain("lib/participants/countries.ts");
    const offending = entries.filter((entry) =>
      [...(reached[entry] ?? [])].some(
        (file) => file === "lib/participants/un-country-names.json" || file === "lib/participants/country-names.ts",
      ),
    );
    expect(offending).toEqual([]);
  });

  it('country-names.ts, which imports the table, begins with import "server-only", so a client import of it fails the build', () => {
    const source = readFileSync(path.join(ROOT, "lib/participants/country-names.ts"), "utf8");
    expect(source.startsWith('import "server-only";\n')).toBe(true);
    expect(source).toContain('from "@/lib/participants/un-country-names.json"');
  });
});
