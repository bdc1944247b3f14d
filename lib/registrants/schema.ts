// The registrant list's query string: what organizers can search, filter and sort by.
// Isomorphic: the filter form and the server read the same schema.
import { z } from "zod";
import { PARTICIPANT_CATEGORIES } from "@/lib/participants/categories.ts";

export const REGISTRATION_STATUSES = [
  "PENDING",
  "AWAITING_FOCAL_POINT",
  "APPROVED_BY_FOCAL_POINT",
  "CONFIRMED",
  "REJECTED",
  "WITHDRAWN",
] as const;
export const REGISTRANT_SORTS = ["newest", "oldest", "name"] as const;
export const PAGE_SIZE = 50;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (value === "" || value === "all" ? undefined : value), z.enum(values).optional()).catch(undefined);

export const registrantListQuerySchema = z.object({
  q: z
    .string()
    .optional()
    .transform((value) => value?.normalize("NFC").trim().slice(0, 100) || undefined)
    .catch(undefined),
  status: optionalEnum(REGISTRATION_STATUSES),
  category: optionalEnum(PARTICIPANT_CATEGORIES),
  country: z
    .string()
    .optional()
    .transform((value) => (value && /^[A-Za-z]{2}$/.test(value) ? value.toUpperCase() : undefined))
    .catch(undefined),
  sort: z.enum(REGISTRANT_SORTS).default("newest").catch("newest"),
  after: z.string().max(300).optional().catch(undefined),
});

export type RegistrantListQuery = z.output<typeof registrantListQuerySchema>;

/** Read a URLSearchParams-like record, taking the first value of each key. */
export function parseRegistrantListQuery(search: Record<string, string | string[] | undefined>): RegistrantListQuery {
  const first = (key: string) => {
    const value = search[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return registrantListQuerySchema.parse({
    q: first("q"),
    status: first("status"),
    category: first("category"),
    country: first("country"),
    sort: first("sort"),
    after: first("after"),
  });
}

const FILTER_KEYS = ["q", "status", "category", "country", "sort"] as const;

/**
 * The list's search, filters and sort as a query string (no cursor): for the export link, and
 * carried through a decision on the list so that its answer comes back to the same list. Read
 * back with `parseRegistrantListQuery`, so a tampered value is dropped, never echoed.
 */
export function listFilterParams(query: Omit<RegistrantListQuery, "after">): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    // "newest" is the list's default order: left out, as the filter form leaves it.
    if (value && !(key === "sort" && value === "newest")) params.set(key, value);
  }
  return params;
}
