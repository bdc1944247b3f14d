// Which focal-point scope a registration falls in: a Member State's administration ("ms:KE") or
// a member organization matched on its normalized name ("org:safaricom"). Pure and isomorphic;
// shared by the focal-point list (lib/focal-points) and the routing of registrations to focal
// points (lib/notices/focal-point-requests.ts), which may not import each other.
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
