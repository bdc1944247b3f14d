// The catalogues as the language tests read them: a message by its dotted key, every message as a
// flat list, and the English strings whose appearance on a page in another language means a
// message was not translated there (or text was written into a page without the catalogue).
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import type { Page } from "@playwright/test";
import { sql } from "./support.ts";

export const LOCALES = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type Locale = (typeof LOCALES)[number];

type Tree = { [key: string]: string | Tree };
const cache = new Map<string, Tree>();
export function catalogue(locale: string): Tree {
  let tree = cache.get(locale);
  if (!tree) {
    tree = JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../messages/${locale}.json`), "utf8")) as Tree;
    cache.set(locale, tree);
  }
  return tree;
}

/** The message at a dotted key, e.g. text("ar", "registration.submit"). */
export function text(locale: string, dotted: string): string {
  const found = dotted
    .split(".")
    .reduce<string | Tree | undefined>((node, key) => (typeof node === "object" ? node[key] : undefined), catalogue(locale));
  if (typeof found !== "string") throw new Error(`no message ${dotted} in messages/${locale}.json`);
  return found;
}

/** A message with its {placeholders} filled in (plain arguments only). */
export function fill(message: string, values: Record<string, string>): string {
  return message.replaceAll(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Every message of a catalogue as [dotted key, text]. */
export function flatten(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The literal runs of an ICU message, split wherever a value is put in ({name}, #, a plural or a
 * select; the branches of a plural or select give runs of their own). Rich-text tags such as
 * <link>…</link> are not breaks: their text reads on with the text around them.
 */
function literalRuns(elements: MessageFormatElement[]): { runs: string[]; placeholders: number } {
  const runs: string[] = [];
  let current = "";
  let placeholders = 0;
  const walk = (list: MessageFormatElement[]) => {
    for (const element of list) {
      if (element.type === TYPE.literal) current += element.value;
      else if (element.type === TYPE.tag) walk(element.children);
      else {
        placeholders += 1;
        runs.push(current);
        current = "";
        if (element.type === TYPE.plural || element.type === TYPE.select) {
          for (const option of Object.values(element.options)) {
            const inner = literalRuns(option.value);
            runs.push(...inner.runs);
          }
        }
      }
    }
  };
  walk(elements);
  runs.push(current);
  return { runs: runs.map((run) => run.replaceAll(/\s+/g, " ").trim()).filter(Boolean), placeholders };
}

const letters = (value: string) => (value.match(/\p{L}/gu) ?? []).length;

export type EnglishProbe = { key: string; probe: string };

/**
 * The English strings that must not appear on a page in `locale`: each message of en.json with
 * at least 4 letters, whole when it has no placeholder, otherwise its literal runs of at least
 * 12 characters. Left out: messages that `locale` has word for word at the same key (names such
 * as "Quorum"), and strings that `locale`'s own catalogue contains anywhere (so "ITU-T Associate"
 * inside a French sentence is not taken for English).
 */
export function englishProbes(locale: string): EnglishProbe[] {
  const own = new Map(flatten(catalogue(locale)));
  const ownText = [...own.values()].join("\n");
  const probes: EnglishProbe[] = [];
  const seen = new Set<string>();
  for (const [key, message] of flatten(catalogue("en"))) {
    if (own.get(key) === message) continue;
    const { runs, placeholders } = literalRuns(parse(message));
    const candidates = placeholders === 0 ? runs : runs.filter((run) => run.length >= 12);
    for (const probe of candidates) {
      if (letters(probe) < 4 || seen.has(probe) || containsWord(ownText, probe)) continue;
      seen.add(probe);
      probes.push({ key, probe });
    }
  }
  return probes;
}

/** Whether `probe` occurs in `haystack` as whole words (not "Status" inside "Statuses"). */
export function containsWord(haystack: string, probe: string): boolean {
  const start = /^[\p{L}\p{N}]/u.test(probe) ? "(?<![\\p{L}\\p{N}])" : "";
  const end = /[\p{L}\p{N}]$/u.test(probe) ? "(?![\\p{L}\\p{N}])" : "";
  return new RegExp(`${start}${escapeRegExp(probe)}${end}`, "u").test(haystack);
}

export type VisibleText = {
  /** body.innerText with every element marked lang="en" (or en-…) left out, whitespace collapsed. */
  text: string;
  /** What else a person meets on the page: the title and the aria-labels outside lang="en". */
  extras: string[];
};

/**
 * The words a reader of the page meets, without the parts marked as English (organizer-written
 * meeting content is in English and is allowed when it says so). The marked elements are hidden
 * for the moment of reading and shown again.
 */
export async function visibleText(page: Page): Promise<VisibleText> {
  return page.evaluate(() => {
    const marked = [...document.body.querySelectorAll<HTMLElement>("[lang]")].filter((element) =>
      /^en(-|$)/i.test(element.getAttribute("lang") ?? ""),
    );
    const before = marked.map((element) => element.style.display);
    for (const element of marked) element.style.display = "none";
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is wanted, without hidden elements
    const text = document.body.innerText.replaceAll(/\s+/g, " ").trim();
    marked.forEach((element, index) => {
      element.style.display = before[index] ?? "";
    });
    const labels = [...document.querySelectorAll("[aria-label]")]
      .filter((element) => !element.closest('[lang^="en" i]'))
      .map((element) => element.getAttribute("aria-label") ?? "");
    return { text, extras: [document.title, ...labels].map((value) => value.replaceAll(/\s+/g, " ").trim()) };
  });
}

/** The English probes that occur in the page's text, each once, as "key: text". */
export function englishOn(visible: VisibleText, probes: EnglishProbe[]): string[] {
  const haystack = [visible.text, ...visible.extras].join("\n");
  return probes.filter(({ probe }) => containsWord(haystack, probe)).map(({ key, probe }) => `${key}: ${probe}`);
}

/**
 * A registration made straight in the database, with a manage link whose token the caller gets
 * back (the registration journey itself is tested through the form elsewhere).
 */
export async function registrationWithManageLink(
  slug: string,
  person: { email: string; givenName: string; familyName: string; locale: string; status?: string },
): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString("base64url");
  const code = randomBytes(5).toString("hex").toUpperCase();
  const reference = `Q-${code.slice(0, 5)}-${code.slice(5)}`;
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", country, category, status, locale, "privacyAcceptedAt", "updatedAt")
     SELECT gen_random_uuid(), $1, id, $2, $3, $4, 'CH', 'INDIVIDUAL', $5::"RegistrationStatus", $6, now(), now() FROM "Meeting" WHERE slug = $7
     RETURNING id`,
    [reference, person.email, person.givenName, person.familyName, person.status ?? "CONFIRMED", person.locale, slug],
  );
  if (!row) throw new Error(`no meeting ${slug}`);
  await sql(`INSERT INTO "ManageLink" ("tokenHash", "registrationId", reason) VALUES ($1, $2, 'registered')`, [
    createHash("sha256").update(token).digest("hex"),
    row.id,
  ]);
  return { token, id: row.id };
}
