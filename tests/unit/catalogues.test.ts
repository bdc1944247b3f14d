// Every catalogue in messages/ says what English says, in its own words: the same keys, ICU
// messages that parse, the same placeholders, and plural forms with "other" (Arabic has six
// forms, Russian four) — so no page or email can fall back to a missing or broken message.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";

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

const english = leaves(read("en.json"));
const others = readdirSync(DIR).filter((file) => file.endsWith(".json") && file !== "en.json");

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
