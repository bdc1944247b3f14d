// The UN M49 regions (lib/participants/un-regions.json, see un-regions.md): every ITU Member State
// has exactly one, every country or area of the M49 names table but Antarctica has one, and each
// region is named in ITU's six languages with the UN's words.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config.ts";
import { ITU_MEMBER_STATE_CODES } from "@/lib/participants/countries.ts";
import { regionAssignments, regionName, regionOf, UN_REGION_CODES } from "@/lib/participants/regions.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, "lib/participants", file), "utf8"));
const namesTable = read("un-country-names.json") as { names: Record<string, unknown> };
const regionsTable = read("un-regions.json") as { regions: Array<{ code: string; countries: string[] }> };

describe("UN M49 regions", () => {
  it("gives every ITU Member State a region", () => {
    const without = ITU_MEMBER_STATE_CODES.filter((code) => regionOf(code) === undefined);
    expect(without).toEqual([]);
  });

  it("covers every country or area of the M49 names table except Antarctica, and nothing else", () => {
    const m49Codes = Object.keys(namesTable.names).sort();
    const withRegion = regionAssignments().countries.sort();
    expect(m49Codes.filter((code) => !withRegion.includes(code))).toEqual(["AQ"]);
    expect(withRegion.filter((code) => !m49Codes.includes(code))).toEqual([]);
  });

  it("puts each country in exactly one region", () => {
    const all = regionsTable.regions.flatMap((region) => region.countries);
    expect(new Set(all).size).toBe(all.length);
    expect(regionsTable.regions.map((region) => region.code)).toEqual([...UN_REGION_CODES]);
  });

  it("assigns the regions M49 gives, including the ones people get wrong", () => {
    expect(regionOf("EG")).toBe("002"); // Northern Africa
    expect(regionOf("MX")).toBe("019");
    expect(regionOf("US")).toBe("019");
    expect(regionOf("TR")).toBe("142"); // Western Asia
    expect(regionOf("CY")).toBe("142");
    expect(regionOf("RU")).toBe("150"); // Eastern Europe
    expect(regionOf("VA")).toBe("150");
    expect(regionOf("PW")).toBe("009");
    expect(regionOf("ch")).toBe("150");
    expect(regionOf("AQ")).toBeUndefined();
    expect(regionOf("TW")).toBeUndefined();
  });

  it("names each region in the six languages with the UN's words", () => {
    expect(LOCALES.map((locale) => regionName("019", locale))).toEqual([
      "الأمريكتان",
      "美洲",
      "Americas",
      "Amériques",
      "Северная и Южная Америка",
      "Américas",
    ]);
    for (const region of UN_REGION_CODES) {
      for (const locale of LOCALES) expect(regionName(region, locale).trim()).not.toBe("");
    }
    expect(regionName("009", "es")).toBe("Oceanía");
  });
});
