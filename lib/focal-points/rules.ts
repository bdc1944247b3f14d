// Focal points' pure rules: how an organization's name is matched, which scope a registration
// falls in, and what an imported list would change. Isomorphic; no clock needed yet.
import type { ParticipantCategoryValue } from "@/lib/participants/categories.ts";

// Legal forms that registrants add or leave out of the same organization's name.
const LEGAL_FORMS = new Set([
  "inc",
  "incorporated",
  "ltd",
  "limited",
  "llc",
  "plc",
  "gmbh",
  "ag",
  "sa",
  "sas",
  "spa",
  "bv",
  "nv",
  "co",
  "corp",
  "corporation",
  "company",
  "oy",
  "ab",
  "as",
  "kk",
]);

/**
 * The key an organization's name is matched on: compatibility-normalized, without accents, case
 * or punctuation, "&" read as "and", and without a trailing legal form, so "Huawei Technologies
 * Co., Ltd." and "HUAWEI TECHNOLOGIES" match. Scripts without case (Arabic, Chinese) keep their
 * letters. Empty when nothing is left.
 */
export function organizationKey(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replaceAll("&", " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  while (words.length > 1 && LEGAL_FORMS.has(words.at(-1) ?? "")) words.pop();
  return words.join(" ");
}

export type FocalPointScope = { memberState: string } | { organization: string };

/** The one value a focal point is found by: "ms:KE" for a Member State, "org:<key>" for an organization. */
export function scopeKey(scope: FocalPointScope): string {
  return "memberState" in scope ? `ms:${scope.memberState.toUpperCase()}` : `org:${organizationKey(scope.organization)}`;
}

/**
 * The scope whose focal points approve a registration: its Member State's administration for the
 * Member State category, its organization for Sector Members, Associates and Academia, none for an
 * individual (the organizers approve those).
 */
export function registrationScopeKey(registration: {
  category: ParticipantCategoryValue;
  countryCode: string | null;
  organization: string | null;
}): string | null {
  if (registration.category === "MEMBER_STATE")
    return registration.countryCode ? scopeKey({ memberState: registration.countryCode }) : null;
  if (registration.category === "INDIVIDUAL" || !registration.organization) return null;
  const key = organizationKey(registration.organization);
  return key ? `org:${key}` : null;
}

/** One focal point as an import or the console states it. */
export type FocalPointEntry = {
  email: string;
  name: string;
  scope: FocalPointScope;
  role: "PRIMARY" | "BACKUP";
  locale: string;
};

export type ExistingFocalPoint = { id: string; email: string; name: string; scopeKey: string; role: "PRIMARY" | "BACKUP"; locale: string };

export type ImportChange =
  | { change: "add"; line: number; entry: FocalPointEntry }
  | { change: "update"; line: number; entry: FocalPointEntry; id: string; before: Pick<ExistingFocalPoint, "name" | "role" | "locale"> }
  | { change: "unchanged"; line: number; entry: FocalPointEntry; id: string };

/**
 * What importing `entries` would do to the list: a focal point is the same one when its email and
 * scope are; it is added, updated (name, role or language differ) or left as it is. An import
 * never removes anyone: a list that leaves someone out is not a request to take their rights away.
 */
export function planImport(
  existing: readonly ExistingFocalPoint[],
  entries: readonly { line: number; entry: FocalPointEntry }[],
): ImportChange[] {
  const byIdentity = new Map(existing.map((point) => [`${point.scopeKey} ${point.email}`, point]));
  return entries.map(({ line, entry }) => {
    const found = byIdentity.get(`${scopeKey(entry.scope)} ${entry.email}`);
    if (!found) return { change: "add", line, entry };
    if (found.name === entry.name && found.role === entry.role && found.locale === entry.locale)
      return { change: "unchanged", line, entry, id: found.id };
    return { change: "update", line, entry, id: found.id, before: { name: found.name, role: found.role, locale: found.locale } };
  });
}
