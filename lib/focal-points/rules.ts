// Focal points' pure rules: how an organization's name is matched, which scope a registration
// falls in, and what an imported list would change. Isomorphic; no clock needed yet.
import { type FocalPointScope, scopeKey } from "@/lib/participants/scopes.ts";

export { type FocalPointScope, organizationKey, registrationScopeKey, scopeKey } from "@/lib/participants/scopes.ts";

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
