// ITU's own words, used the same way everywhere: messages/glossary/itu-terms.json lists each ITU term and
// recurring product term with its form in the six languages and a pattern for what counts as a use
// (plurals, Russian cases, Arabic articles). Wherever an English message uses a term, the same
// key's message in every other catalogue must use that language's form.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config.ts";

const DIR = path.resolve(import.meta.dirname, "../../messages");
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(DIR, file), "utf8"));

type Form = { form: string; match: string; source?: string };
type Term = { id: string; source?: string } & Record<string, Form | string | undefined>;
type Catalogue = Map<string, string>;

const glossary = readJson("glossary/itu-terms.json") as { notLanguage: string[]; terms: Term[] };

const LANGUAGES = [...LOCALES];
const OTHERS = LANGUAGES.filter((locale) => locale !== "en");

function leaves(tree: Record<string, unknown>, prefix = ""): Catalogue {
  const out: Catalogue = new Map();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(`${prefix}${key}`, value);
    else for (const [inner, text] of leaves(value as Record<string, unknown>, `${prefix}${key}.`)) out.set(inner, text);
  }
  return out;
}

/**
 * One spelling for texts and patterns: Arabic without diacritics or tatweel and with one alef,
 * straight apostrophes, ordinary spaces, no bidi isolates.
 */
function spelling(text: string): string {
  return text
    .normalize("NFC")
    .replaceAll(/[\u064B-\u065F\u0670\u0640]/g, "")
    .replaceAll(/[أإآٱ]/g, "ا")
    .replaceAll(/[’‘]/g, "'")
    .replaceAll(/[\u00A0\u202F]/g, " ")
    .replaceAll(/[\u2066-\u2069]/g, "");
}

/**
 * A message as the patterns read it: without its {placeholders}, so "{meeting}" is not the word
 * "meeting", and without the glossary's `notLanguage` (commands, paths: code, not words).
 */
function normalize(text: string): string {
  const words = spelling(text).replaceAll(/\{[A-Za-z][\w-]*\}/g, "");
  return glossary.notLanguage.reduce((rest, code) => rest.replaceAll(new RegExp(code, "gu"), " "), words);
}

// JavaScript's \b knows only ASCII letters: in a pattern it stands for a boundary between a letter
// or digit of any script and anything else.
const WORD_BOUNDARY = "(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))";
const pattern = (form: Form) => new RegExp(spelling(form.match).replaceAll("\\b", WORD_BOUNDARY), "iu");
const formOf = (term: Term, locale: string) => term[locale] as Form;

/** Every place a catalogue does not use the glossary's form where English uses the term. */
function glossaryMismatches(terms: Term[], english: Catalogue, catalogues: Record<string, Catalogue>): string[] {
  const found: string[] = [];
  for (const term of terms) {
    const inEnglish = pattern(formOf(term, "en"));
    for (const [key, source] of english) {
      if (!inEnglish.test(normalize(source))) continue;
      for (const locale of Object.keys(catalogues)) {
        const text = catalogues[locale]?.get(key);
        if (text === undefined || pattern(formOf(term, locale)).test(normalize(text))) continue;
        found.push(`${locale} ${key} [${term.id}: "${formOf(term, locale).form}"]: ${text}`);
      }
    }
  }
  return found;
}

const english = leaves(readJson("en.json") as Record<string, unknown>);
const catalogues = Object.fromEntries(OTHERS.map((locale) => [locale, leaves(readJson(`${locale}.json`) as Record<string, unknown>)]));

describe("messages/glossary/itu-terms.json", () => {
  it("gives every term a unique id and, in each of the six languages, a form that its own pattern matches", () => {
    const problems: string[] = [];
    const ids = glossary.terms.map((term) => term.id);
    if (new Set(ids).size !== ids.length) problems.push(`duplicate ids: ${ids.join(", ")}`);
    for (const term of glossary.terms) {
      for (const locale of LANGUAGES) {
        const form = term[locale] as Form | undefined;
        if (!form || typeof form.form !== "string" || typeof form.match !== "string") {
          problems.push(`${term.id}: no form and match in ${locale}`);
          continue;
        }
        try {
          if (!pattern(form).test(normalize(form.form)))
            problems.push(`${term.id} ${locale}: /${form.match}/ does not match "${form.form}"`);
        } catch (error) {
          problems.push(`${term.id} ${locale}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("finds a catalogue message that leaves out the glossary's form (a French 'pays membre' for 'Member State')", () => {
    const key = "registration.countryHint";
    const french = new Map(catalogues.fr);
    french.set(key, "Les personnes participant à titre individuel doivent être issues d’un pays membre de l’UIT.");
    const mismatches = glossaryMismatches(glossary.terms, english, { fr: french });
    expect(mismatches).toContainEqual(expect.stringMatching(/^fr registration\.countryHint \[member-state: "État Membre"\]/));
  });

  it("matches Russian cases, Arabic articles and diacritics, and ignores {placeholders}", () => {
    const memberState = glossary.terms.find((term) => term.id === "member-state") as Term;
    const meeting = glossary.terms.find((term) => term.id === "meeting") as Term;
    expect(pattern(formOf(memberState, "ru")).test(normalize("из Государства – Члена МСЭ"))).toBe(true);
    expect(pattern(formOf(memberState, "ar")).test(normalize("اختر الدولةَ العضوَ"))).toBe(true);
    expect(pattern(formOf(meeting, "en")).test(normalize("Register for {meeting}"))).toBe(false);
  });
});

describe.each(OTHERS)("messages/%s.json", (locale) => {
  it("uses the glossary's form of each ITU and product term wherever English uses the term", () => {
    const catalogue = catalogues[locale] as Catalogue;
    expect(glossaryMismatches(glossary.terms, english, { [locale]: catalogue })).toEqual([]);
  });
});
