// Identifiers that arrive from the browser (form fields, URL segments): checked before any query.
// Isomorphic.
import { z } from "zod";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID as PostgreSQL's uuid type accepts it from us (any version, hyphenated). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export const uuidSchema = z.string().refine(isUuid, { error: "id.invalid" });
