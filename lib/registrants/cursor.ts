// The registrant list's keyset cursor (`?after=`): where the next page starts. It comes back from
// the browser, so it is checked as strictly as any input: the right shape for the list's sort, or
// nothing. Pure, so proxy.ts can refuse a damaged one with a 400 before any page or query runs.
import type { RegistrantListQuery } from "@/lib/registrants/schema.ts";
import { isUuid } from "@/lib/forms/ids.ts";

export type Cursor = { value: string; id: string };
type Sort = RegistrantListQuery["sort"];

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,300}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** The cursor in `raw` for a list sorted by `sort`; null for none; "invalid" for a damaged one. */
export function decodeCursor(raw: string | undefined, sort: Sort): Cursor | null | "invalid" {
  if (raw === undefined || raw === "") return null;
  if (!BASE64URL.test(raw)) return "invalid";
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return "invalid";
  }
  if (typeof parsed !== "object" || parsed === null) return "invalid";
  const { value, id } = parsed as Record<string, unknown>;
  if (typeof value !== "string" || typeof id !== "string" || !isUuid(id)) return "invalid";
  if (sort === "name") return value.length <= 200 && !CONTROL.test(value) ? { value, id } : "invalid";
  // Round-trips exactly, so PostgreSQL can cast it (no 31 February, no year 0).
  const instant = new Date(value);
  return ISO_INSTANT.test(value) && !Number.isNaN(instant.getTime()) && instant.toISOString() === value && instant.getUTCFullYear() > 0
    ? { value, id }
    : "invalid";
}
