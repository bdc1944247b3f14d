// Reading a video platform's participant report (CSV) into rows: pure, no database. The bytes
// are decoded (UTF-8 with or without BOM, UTF-16LE/BE as Teams exports them), the header is found
// among the first lines and tells the platform (Zoom, Webex or Teams) and which column holds the
// name, email, join time, leave time and duration; the separator (`,` `;` or tab) is the one that
// makes a known header. csv-parse does the parsing. Every cell is kept as plain text: a formula or
// HTML in a name is a name, stored and shown as such, never run.
import { CsvError, parse } from "csv-parse/sync";
import { zonedWallClockToInstant } from "@/lib/i18n/zoned-time.ts";

/** Largest report accepted (bytes). */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;
/** Most participant rows in one report. */
export const MAX_REPORT_ROWS = 50_000;

export const REPORT_PLATFORMS = ["zoom", "webex", "teams"] as const;
export type ReportPlatform = (typeof REPORT_PLATFORMS)[number];

/** The platforms' own names (product names, the same in every language). */
export const PLATFORM_NAMES: Readonly<Record<string, string | undefined>> = { zoom: "Zoom", webex: "Webex", teams: "Microsoft Teams" };

type Field = "name" | "email" | "joinedAt" | "leftAt" | "duration";

/**
 * Each platform's column titles (compared trimmed and lower-cased). A header is a line that holds
 * one platform's name and join-time columns; the other fields are read when present.
 */
const HEADERS: Record<ReportPlatform, Record<Field, readonly string[]>> = {
  // Zoom: Reports › Usage › Participants ("Name (Original Name)" since 2021, "Name" before).
  zoom: {
    name: ["name (original name)", "name (original name)*", "user name (original name)"],
    email: ["user email", "email"],
    joinedAt: ["join time"],
    leftAt: ["leave time"],
    duration: ["duration (minutes)", "duration (mins)"],
  },
  // Webex Meetings: attendee report.
  webex: {
    name: ["participant name", "attendee name"],
    email: ["attendee email", "participant email", "email"],
    joinedAt: ["join time"],
    leftAt: ["leave time"],
    duration: ["attendance duration", "duration"],
  },
  // Microsoft Teams: attendance report, section "2. Participants" (UTF-16LE, tab-separated).
  teams: {
    name: ["name", "full name"],
    email: ["email", "participant id (upn)"],
    joinedAt: ["first join", "first join time"],
    leftAt: ["last leave", "last leave time"],
    duration: ["in-meeting duration", "in meeting duration", "duration"],
  },
};

const DELIMITERS = [",", ";", "\t"] as const;
/** How many lines before the header may be a preamble (Zoom's meeting line, Teams' summary). */
const HEADER_SEARCH_LINES = 40;

export type ReportRow = {
  /** Line of the file (1-based). */
  line: number;
  name: string;
  email: string | null;
  joinedAt: Date;
  leftAt: Date | null;
  durationSeconds: number | null;
};

export type ReportProblem =
  | { problem: "too-large" }
  | { problem: "empty" }
  | { problem: "encoding" }
  | { problem: "no-header" }
  | { problem: "too-many-rows" }
  /** Line `line` could not be read: `reason` says why. */
  | { problem: "malformed"; line: number; reason: "csv" | "columns" | "name" | "join-time" | "leave-time" };

export type ParsedReport = { ok: true; platform: ReportPlatform; rows: ReportRow[] } | ({ ok: false } & ReportProblem);

/** The text of a report's bytes: BOM or not, UTF-8 or UTF-16; null when it is neither. */
export function decodeReport(bytes: Uint8Array): string | null {
  const decode = (encoding: string, from: number) => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
    } catch {
      return null;
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode("utf-8", 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode("utf-16le", 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode("utf-16be", 2);
  // No BOM: UTF-16 shows as a zero byte in every other position of ASCII text.
  const sample = bytes.subarray(0, 2000);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let index = 0; index < sample.length; index++) if (sample[index] === 0) index % 2 === 0 ? zeroEven++ : zeroOdd++;
  if (zeroOdd > sample.length / 4 && zeroEven === 0) return decode("utf-16le", 0);
  if (zeroEven > sample.length / 4 && zeroOdd === 0) return decode("utf-16be", 0);
  const text = decode("utf-8", 0);
  // NUL is no character of a report; it means a binary file or a wrong guess.
  return text === null || text.includes("\0") ? null : text;
}

const headerCell = (cell: string) =>
  cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase();

/** The platform and column positions a header line names, if it is one of the known headers. */
export function detectHeader(cells: readonly string[]): { platform: ReportPlatform; columns: Partial<Record<Field, number>> } | null {
  const titles = cells.map(headerCell);
  let best: { platform: ReportPlatform; columns: Partial<Record<Field, number>>; score: number } | null = null;
  for (const platform of REPORT_PLATFORMS) {
    const columns: Partial<Record<Field, number>> = {};
    for (const field of Object.keys(HEADERS[platform]) as Field[]) {
      const index = titles.findIndex((title) => HEADERS[platform][field].includes(title));
      if (index >= 0) columns[field] = index;
    }
    if (columns.name === undefined || columns.joinedAt === undefined) continue;
    // The platform whose own titles match the most wins ("Join Time" is both Zoom's and Webex's).
    const score = Object.keys(columns).length + (platformSpecific(platform, titles) ? 10 : 0);
    if (!best || score > best.score) best = { platform, columns, score };
  }
  return best && { platform: best.platform, columns: best.columns };
}

function platformSpecific(platform: ReportPlatform, titles: readonly string[]): boolean {
  const own: Record<ReportPlatform, readonly string[]> = {
    zoom: ["name (original name)", "name (original name)*", "user name (original name)", "user email", "duration (minutes)", "guest"],
    webex: ["participant name", "attendee name", "attendee email", "attendance duration"],
    teams: ["first join", "last leave", "in-meeting duration", "participant id (upn)"],
  };
  return titles.some((title) => own[platform].includes(title));
}

/** Splits a line for header detection only (titles never hold a separator or a quote inside). */
const headerCells = (line: string, delimiter: string) => line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, "$1"));

/** Parse a report's bytes; times without an offset are read in `timeZone` (the meeting's). */
export function parseReport(bytes: Uint8Array, timeZone: string): ParsedReport {
  if (bytes.byteLength > MAX_REPORT_BYTES) return { ok: false, problem: "too-large" };
  if (bytes.byteLength === 0) return { ok: false, problem: "empty" };
  const text = decodeReport(bytes);
  if (text === null) return { ok: false, problem: "encoding" };
  if (text.trim() === "") return { ok: false, problem: "empty" };

  const lines = text.split(/\r\n|\n|\r/, HEADER_SEARCH_LINES);
  let found: { delimiter: string; headerLine: number; header: NonNullable<ReturnType<typeof detectHeader>> } | null = null;
  for (let index = 0; index < lines.length && !found; index++) {
    for (const delimiter of DELIMITERS) {
      const header = detectHeader(headerCells(lines[index] ?? "", delimiter));
      if (header) {
        found = { delimiter, headerLine: index + 1, header };
        break;
      }
    }
  }
  if (!found) return { ok: false, problem: "no-header" };

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: found.delimiter,
      from_line: found.headerLine,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      info: true,
      max_record_size: 100_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, problem: "malformed", line: lineOf(error, found.headerLine), reason: "csv" };
    throw error;
  }

  const [headerRecord, ...data] = records;
  const width = headerRecord?.record.length ?? 0;
  const { columns } = found.header;
  const rows: ReportRow[] = [];
  for (const { record, info } of data) {
    const line = info.lines;
    // The participants end at the first blank line (Teams' next section follows it).
    if (record.every((cell) => cell.trim() === "")) break;
    if (rows.length >= MAX_REPORT_ROWS) return { ok: false, problem: "too-many-rows" };
    // A row is as wide as the header (trailing empty cells aside): a shorter or longer one is damaged.
    if (record.length < width || record.slice(width).some((extra) => extra.trim() !== "")) {
      return { ok: false, problem: "malformed", line, reason: "columns" };
    }
    const cell = (field: Field) => {
      const index = columns[field];
      return index === undefined ? "" : cleanCell(record[index] ?? "");
    };
    const name = cell("name").slice(0, 300);
    const email = cell("email").toLowerCase().slice(0, 254) || null;
    if (!name && !email) return { ok: false, problem: "malformed", line, reason: "name" };
    const joinedAt = parseReportTime(cell("joinedAt"), timeZone);
    if (!joinedAt) return { ok: false, problem: "malformed", line, reason: "join-time" };
    const leaveText = cell("leftAt");
    const leftAt = leaveText ? parseReportTime(leaveText, timeZone) : null;
    if (leaveText && !leftAt) return { ok: false, problem: "malformed", line, reason: "leave-time" };
    const duration = parseDuration(cell("duration"));
    rows.push({
      line,
      name: name || (email ?? ""),
      email,
      joinedAt,
      leftAt,
      durationSeconds: duration ?? (leftAt ? Math.max(0, Math.round((leftAt.getTime() - joinedAt.getTime()) / 1000)) : null),
    });
  }
  return { ok: true, platform: found.header.platform, rows };
}

function lineOf(error: CsvError, headerLine: number): number {
  const lines = (error as CsvError & { lines?: number }).lines;
  return typeof lines === "number" ? lines : headerLine;
}

/**
 * A cell as stored: NFC, trimmed, without control characters or bidirectional overrides (which
 * would let a name display as something else). Formulas and markup stay as the text they are.
 */
export function cleanCell(value: string): string {
  return value
    .normalize("NFC")
    .replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, " ")
    .trim();
}

/**
 * A platform's time stamp as an instant: ISO ("2021-11-15 13:00:05", with or without "T",
 * seconds, an offset or Z) or US style as Zoom and Teams write it ("11/15/2021 01:00:05 PM",
 * "11/15/21, 1:00:05 PM"); without an offset the wall clock of `timeZone`. Null if unreadable.
 */
export function parseReportTime(value: string, timeZone: string): Date | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, offset] = iso;
    if (offset) {
      const instant = new Date(`${year}-${month}-${day}T${hour?.padStart(2, "0")}:${minute}:${second ?? "00"}${normalizeOffset(offset)}`);
      return Number.isNaN(instant.getTime()) ? null : instant;
    }
    return wallClock(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second ?? 0), timeZone);
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i.exec(text);
  if (us) {
    const [, month, day, yearText, hourText, minute, second, meridiem] = us;
    const year = Number(yearText) + (yearText?.length === 2 ? 2000 : 0);
    let hour = Number(hourText);
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem.toUpperCase() === "PM" ? 12 : 0);
    }
    return wallClock(year, Number(month), Number(day), hour, Number(minute), Number(second ?? 0), timeZone);
  }
  return null;
}

const normalizeOffset = (offset: string) => (offset.toUpperCase() === "Z" ? "Z" : offset.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2"));

function wallClock(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): Date | null {
  try {
    return zonedWallClockToInstant({ year, month, day, hour, minute, second }, timeZone);
  } catch {
    return null;
  }
}

/**
 * A duration cell in seconds: a bare number is minutes on Zoom and Webex, "1:02:03" or "62:03"
 * a clock, "1h 2m 3s" / "45 mins" words; null when empty or unreadable (it is only informative).
 */
export function parseDuration(value: string): number | null {
  const text = value.trim().toLowerCase();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 60);
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(text);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const words = /^(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:ute)?s?)?)?\s*(?:(\d+)\s*s(?:ec(?:ond)?s?)?)?$/.exec(text);
  if (words && (words[1] || words[2] || words[3])) return Number(words[1] ?? 0) * 3600 + Number(words[2] ?? 0) * 60 + Number(words[3] ?? 0);
  return null;
}
