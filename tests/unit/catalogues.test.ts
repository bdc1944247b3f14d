// Every catalogue in messages/ says what English says, in its own words: the same keys, ICU
// messages that parse, the same placeholders, and in every plural the forms its language needs
// (Intl.PluralRules: Arabic zero, one, two, few, many, other; Russian one, few, many, other;
// Chinese other only) — so no page or email can fall back to a missing or broken message.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config.ts";

const DIR = path.resolve(import.meta.dirname, "../../messages");
const read = (file: string) => JSON.parse(readFileSync(path.join(DIR, file), "utf8")) as Record<string, unknown>;

function leaves(tree: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(`${prefix}${key}`, value);
    else for (const [inner, text] of leaves(value as Record<string, unknown>, `${prefix}${key}.`)) out.set(inner, text);
  }
  return out;
}

/** The placeholders a message uses, with their kind ("argument", "plural", "select", …). */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument) found.add(`${element.value}:argument`);
    if (element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time)
      found.add(`${element.value}:${element.type}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.add(`${element.value}:${element.type === TYPE.plural ? "plural" : "select"}`);
      for (const option of Object.values(element.options)) placeholders(option.value, found);
    }
    if (element.type === TYPE.tag) placeholders(element.children, found);
  }
  return found;
}

function pluralsWithoutOther(elements: MessageFormatElement[]): string[] {
  const missing: string[] = [];
  for (const element of elements) {
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      if (!("other" in element.options)) missing.push(element.value);
      for (const option of Object.values(element.options)) missing.push(...pluralsWithoutOther(option.value));
    }
  }
  return missing;
}

/**
 * Each plural (or selectordinal) whose branches are not the categories `locale` has: a category
 * the language needs and the message lacks ("missing few"), or one the language never picks
 * ("unused two"). Exact matches such as =0 or =1 may come in addition to the categories.
 */
function pluralCategoryProblems(elements: MessageFormatElement[], locale: string): string[] {
  const problems: string[] = [];
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      const needed = new Intl.PluralRules(locale, { type: element.pluralType }).resolvedOptions().pluralCategories as string[];
      const given = Object.keys(element.options).filter((option) => !option.startsWith("="));
      const missing = needed.filter((category) => !given.includes(category));
      const unused = given.filter((category) => !needed.includes(category));
      if (missing.length > 0) problems.push(`{${element.value}} missing ${missing.join(", ")}`);
      if (unused.length > 0) problems.push(`{${element.value}} unused ${unused.join(", ")}`);
    }
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) problems.push(...pluralCategoryProblems(option.value, locale));
    if (element.type === TYPE.tag) problems.push(...pluralCategoryProblems(element.children, locale));
  }
  return problems;
}

const english = leaves(read("en.json"));
// The catalogues are the locales' files; the glossary (messages/glossary/) is not one.
const others = LOCALES.filter((locale) => locale !== "en").map((locale) => `${locale}.json`);

describe.each([...LOCALES])("plural forms in messages/%s.json", (locale) => {
  it("every plural has exactly the categories Intl.PluralRules gives the language, =N matches aside", () => {
    const problems: string[] = [];
    for (const [key, text] of leaves(read(`${locale}.json`))) {
      for (const problem of pluralCategoryProblems(parse(text), locale)) problems.push(`${key}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });
});

describe("the plural category check", () => {
  it("reports a Russian plural with only one and other, and Arabic branches in Chinese, and accepts =0 besides the categories", () => {
    expect(pluralCategoryProblems(parse("{n, plural, =0 {нет} one {# участник} other {# участника}}"), "ru")).toEqual([
      "{n} missing few, many",
    ]);
    expect(pluralCategoryProblems(parse("{n, plural, one {# 人} two {# 人} other {# 人}}"), "zh")).toEqual(["{n} unused one, two"]);
    expect(pluralCategoryProblems(parse("{s, select, a {{n, plural, =0 {x} one {#} other {#}}} other {y}}"), "en")).toEqual([]);
  });
});

describe("the English catalogue", () => {
  it("parses as ICU messages, every plural and select with an 'other' branch", () => {
    for (const [key, text] of english) expect(pluralsWithoutOther(parse(text)), key).toEqual([]);
  });
});

describe.each(others)("messages/%s", (file) => {
  const catalogue = leaves(read(file));

  it("has exactly the keys of English", () => {
    expect([...catalogue.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("has ICU messages that parse, with the placeholders of English and an 'other' branch in every plural", () => {
    const problems: string[] = [];
    for (const [key, text] of catalogue) {
      const source = english.get(key);
      if (source === undefined) continue;
      try {
        const elements = parse(text);
        const expected = [...placeholders(parse(source))].sort();
        const actual = [...placeholders(elements)].sort();
        if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${key}: ${actual.join(",")} ≠ ${expected.join(",")}`);
        if (pluralsWithoutOther(elements).length > 0) problems.push(`${key}: a plural without "other"`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("is translated: no message is left as the English text, beyond names and codes", () => {
    // Messages that may read the same as English: proper names, codes, symbols, and "No" (Spanish).
    const sameEverywhere = /^(Quorum|ITU-T|FG-[A-Z0-9-]+|\{[a-zA-Z]+\}|[–—:.\s]*|Email|E-mail|OK|No)$/;
    const untranslated = [...catalogue]
      .filter(([key, text]) => text === english.get(key) && !sameEverywhere.test(text))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });
});
