// Reading a focal-point list (CSV): `email,name,member_state,organization,role`, with an optional
// `language` column (ar, zh, en, fr, ru, es; English when empty). Each row names a Member State
// (ITU Member State, ISO alpha-2) or an organization, not both; role is primary or backup. The
// list is read whole or not at all: any bad row and nothing is imported, every bad row reported
// with its line. Commas or semicolons, with or without a byte-order mark. Shared by the console
// and `npm run focal-points`.
import { CsvError, parse } from "csv-parse/sync";
import { normalizeEmailAddress } from "@/lib/forms/email-address.ts";
import type { FocalPointEntry } from "@/lib/focal-points/rules.ts";
import { scopeKey } from "@/lib/focal-points/rules.ts";
import {
  focalPointLocaleSchema,
  focalPointNameSchema,
  focalPointRoleSchema,
  memberStateSchema,
  organizationNameSchema,
} from "@/lib/focal-points/schema.ts";

/** A list as the console shows it for an example: the column names are the same in every language. */
export const EXAMPLE_LIST = [
  "email,name,member_state,organization,role,language",
  "focal@ict.go.ke,Jane Wanjiru,KE,,primary,en",
  "focal@example.com,Li Wei,,Example Telecom Ltd,primary,zh",
].join("\n");

/** Largest list accepted: about 5,000 focal points. */
export const MAX_IMPORT_BYTES = 512 * 1024;
export const MAX_IMPORT_ROWS = 5000;

const REQUIRED_COLUMNS = ["email", "name", "member_state", "organization", "role"] as const;
const OPTIONAL_COLUMNS = ["language"] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Why a line was refused (messages: admin.focalPoints.importErrors.<code>). */
export type ImportErrorCode =
  | "empty"
  | "too-large"
  | "too-many-rows"
  | "not-csv"
  | "missing-columns"
  | "unknown-column"
  | "email"
  | "name"
  | "scope-both"
  | "scope-none"
  | "member-state"
  | "organization"
  | "role"
  | "language"
  | "duplicate";

export type ImportError = { line: number; code: ImportErrorCode; value?: string };

export type ParsedList = { ok: true; rows: { line: number; entry: FocalPointEntry }[] } | { ok: false; errors: ImportError[] };

/** The first `max` characters of a value, to quote in an error without echoing a whole line. */
const quote = (value: string) => (value.length > 60 ? `${value.slice(0, 60)}…` : value);

export function parseFocalPointList(text: string): ParsedList {
  if (Buffer.byteLength(text, "utf8") > MAX_IMPORT_BYTES) return { ok: false, errors: [{ line: 0, code: "too-large" }] };
  const withoutBom = text.replace(/^\uFEFF/, "");
  if (withoutBom.trim() === "") return { ok: false, errors: [{ line: 0, code: "empty" }] };
  const firstLine = withoutBom.slice(0, withoutBom.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with the line it ends on (the library's typings do not say so).
    records = parse(withoutBom, {
      delimiter,
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, errors: [{ line: Number(error.lines ?? 0), code: "not-csv" }] };
    throw error;
  }
  const [first, ...body] = records;
  const header = first?.record;
  if (!header) return { ok: false, errors: [{ line: 0, code: "empty" }] };
  const columns = header.map((name) => name.trim().toLowerCase());
  const unknown = columns.find(
    (name) => !(REQUIRED_COLUMNS as readonly string[]).includes(name) && !(OPTIONAL_COLUMNS as readonly string[]).includes(name),
  );
  if (unknown !== undefined) return { ok: false, errors: [{ line: 1, code: "unknown-column", value: quote(unknown) }] };
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) return { ok: false, errors: [{ line: 1, code: "missing-columns", value: missing.join(", ") }] };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, errors: [{ line: 0, code: "too-many-rows" }] };

  const errors: ImportError[] = [];
  const rows: { line: number; entry: FocalPointEntry }[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    // The line of the file the row ends on, as an editor numbers them (the header is line 1).
    const line = info.lines;
    const cell = (column: Column) => record[columns.indexOf(column)] ?? "";
    const before = errors.length;
    const email = normalizeEmailAddress(cell("email"));
    if (!email) errors.push({ line, code: "email", value: quote(cell("email")) });
    const name = focalPointNameSchema.safeParse(cell("name"));
    if (!name.success) errors.push({ line, code: "name" });
    const memberState = cell("member_state");
    const organization = cell("organization");
    let scope: FocalPointEntry["scope"] | null = null;
    if (memberState && organization) errors.push({ line, code: "scope-both" });
    else if (!memberState && !organization) errors.push({ line, code: "scope-none" });
    else if (memberState) {
      const parsed = memberStateSchema.safeParse(memberState);
      if (parsed.success) scope = { memberState: parsed.data };
      else errors.push({ line, code: "member-state", value: quote(memberState) });
    } else {
      const parsed = organizationNameSchema.safeParse(organization);
      if (parsed.success) scope = { organization: parsed.data };
      else errors.push({ line, code: "organization", value: quote(organization) });
    }
    const role = focalPointRoleSchema.safeParse(cell("role").toUpperCase());
    if (!role.success) errors.push({ line, code: "role", value: quote(cell("role")) });
    const language = cell("language").toLowerCase() || "en";
    const locale = focalPointLocaleSchema.safeParse(language);
    if (!locale.success) errors.push({ line, code: "language", value: quote(cell("language")) });
    if (errors.length > before || !email || !name.success || !scope || !role.success || !locale.success) continue;
    const identity = `${scopeKey(scope)} ${email}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      errors.push({ line, code: "duplicate", value: String(earlier) });
      continue;
    }
    seen.set(identity, line);
    rows.push({ line, entry: { email, name: name.data, scope, role: role.data, locale: locale.data } });
  }
  if (errors.length > 0) return { ok: false, errors };
  return rows.length === 0 ? { ok: false, errors: [{ line: 0, code: "empty" }] } : { ok: true, rows };
}
