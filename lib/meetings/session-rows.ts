// The sessions of the meeting form: rows of date, start time and end time in the meeting's time
// zone, each with the id of the session it edits (hidden), so that changing a session's times
// keeps its id and with it its calendar UID. Flat form fields ("session-3-start") like the
// translations, so that the form works without JavaScript and errors point at one input.
// Isomorphic: the form renders these names, the schema parses them.
import { z } from "zod";
import { zonedWallClockToInstant } from "@/lib/i18n/zoned-time.ts";

/** Most rows the form takes: two slots a day for a month. */
export const MAX_SESSION_ROWS = 60;

export const SESSION_PARTS = ["id", "date", "start", "end"] as const;
type SessionPart = (typeof SESSION_PARTS)[number];

export type SessionFieldName = `session-${number}-${SessionPart}`;

export function sessionFieldName(index: number, part: SessionPart): SessionFieldName {
  return `session-${index}-${part}`;
}

/** Every session field of the form, row by row (the order errors are reported in). */
export const SESSION_FIELDS: readonly SessionFieldName[] = Array.from({ length: MAX_SESSION_ROWS }, (_, index) =>
  SESSION_PARTS.map((part) => sessionFieldName(index, part)),
).flat();

/** The value of the form's "Add another session" submit button (name "intent"). */
export const ADD_SESSION_INTENT = "add-session";

/** The hidden field holding how many rows the form showed ("Add another session" asks for one more). */
export const SESSION_ROWS_FIELD = "sessionRows";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const rowField = z
  .string()
  .max(40, { error: "session.invalid" })
  .optional()
  .transform((value) => value?.trim() ?? "");

/** The zod shape of the session fields, all optional strings ("" when absent). */
export const sessionRowsShape = Object.fromEntries(SESSION_FIELDS.map((name) => [name, rowField])) as Record<
  SessionFieldName,
  typeof rowField
>;

/** A session as the form states it, resolved to UTC instants; `id` is the session it edits, if any. */
export type SessionInput = { id: string | null; startsAt: Date; endsAt: Date };

type Issue = { path: [SessionFieldName]; message: string };

/**
 * The filled rows as sessions, in row order, or the problems, each on one row's input: a row
 * half filled, a date or time that does not exist, an end not after the start, a session outside
 * the meeting's start and end, or overlapping an earlier row. Blank rows are ignored. A session
 * ends on the day it starts (an end time of 00:00 means midnight at the end of that day).
 */
export function readSessionRows(
  values: Record<SessionFieldName, string>,
  meeting: { timeZone: string; startsAt: Date | null; endsAt: Date | null },
): { sessions: SessionInput[]; issues: Issue[] } {
  const sessions: (SessionInput & { index: number })[] = [];
  const issues: Issue[] = [];
  const seenIds = new Set<string>();
  for (let index = 0; index < MAX_SESSION_ROWS; index++) {
    const field = (part: SessionPart) => sessionFieldName(index, part);
    const date = values[field("date")] ?? "";
    const start = values[field("start")] ?? "";
    const end = values[field("end")] ?? "";
    if (!date && !start && !end) continue;
    const missing = (["date", "start", "end"] as const).find((part) => !values[field(part)]);
    if (missing) {
      issues.push({ path: [field(missing)], message: `session.${missing}Required` });
      continue;
    }
    const day = DATE.exec(date);
    const from = TIME.exec(start);
    const to = TIME.exec(end);
    if (!day) issues.push({ path: [field("date")], message: "session.dateInvalid" });
    if (!from) issues.push({ path: [field("start")], message: "session.timeInvalid" });
    if (!to) issues.push({ path: [field("end")], message: "session.timeInvalid" });
    if (!day || !from || !to) continue;
    const [year, month, dayOfMonth] = day.slice(1).map(Number) as [number, number, number];
    const instant = (time: RegExpExecArray, endOfDay: boolean): Date | null => {
      const [hour, minute] = time.slice(1).map(Number) as [number, number];
      try {
        const at = zonedWallClockToInstant({ year, month, day: dayOfMonth, hour, minute }, meeting.timeZone);
        // "00:00" as an end is the midnight that closes the day.
        return endOfDay && hour === 0 && minute === 0 ? nextMidnight(year, month, dayOfMonth, meeting.timeZone) : at;
      } catch {
        return null;
      }
    };
    const startsAt = instant(from, false);
    const endsAt = instant(to, true);
    // The times are well formed, so what does not exist is the day (30 February).
    if (!startsAt || !endsAt) {
      issues.push({ path: [field("date")], message: "session.dateInvalid" });
      continue;
    }
    if (endsAt <= startsAt) {
      issues.push({ path: [field("end")], message: "session.endBeforeStart" });
      continue;
    }
    if ((meeting.startsAt && startsAt < meeting.startsAt) || (meeting.endsAt && endsAt > meeting.endsAt)) {
      issues.push({ path: [field("date")], message: "session.outsideMeeting" });
      continue;
    }
    if (sessions.some((other) => startsAt < other.endsAt && other.startsAt < endsAt)) {
      issues.push({ path: [field("start")], message: "session.overlaps" });
      continue;
    }
    // An id that is not one (or a second row claiming the same one) makes a new session.
    const id = values[field("id")] ?? "";
    const ownId = UUID.test(id) && !seenIds.has(id.toLowerCase()) ? id.toLowerCase() : null;
    if (ownId) seenIds.add(ownId);
    sessions.push({ id: ownId, startsAt, endsAt, index });
  }
  return { sessions: sessions.map(({ id, startsAt, endsAt }) => ({ id, startsAt, endsAt })), issues };
}

function nextMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return zonedWallClockToInstant(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 },
    timeZone,
  );
}

/** How many rows the form shows: every row up to the last filled one, one blank row, or more if asked. */
export function sessionRowCount(values: Record<string, unknown>): number {
  let lastFilled = -1;
  for (let index = 0; index < MAX_SESSION_ROWS; index++)
    if ((["date", "start", "end"] as const).some((part) => values[sessionFieldName(index, part)])) lastFilled = index;
  const asked = Number(values[SESSION_ROWS_FIELD]);
  return Math.min(MAX_SESSION_ROWS, Math.max(lastFilled + 2, Number.isInteger(asked) ? asked : 0, 1));
}

/** Form values ("session-0-date" …) for the sessions a meeting has, in its time zone. */
export function sessionFormValues(
  sessions: readonly { id: string; startsAt: Date; endsAt: Date }[],
  toLocal: (instant: Date) => string,
): Record<string, string> {
  const values: Record<string, string> = {};
  [...sessions]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, MAX_SESSION_ROWS)
    .forEach((session, index) => {
      const [date = "", start = ""] = toLocal(session.startsAt).split("T");
      // A session ending at the midnight after its day shows as 00:00 (readSessionRows reads it so).
      const endTime = toLocal(session.endsAt).split("T")[1] ?? "";
      values[sessionFieldName(index, "id")] = session.id;
      values[sessionFieldName(index, "date")] = date;
      values[sessionFieldName(index, "start")] = start;
      values[sessionFieldName(index, "end")] = endTime;
    });
  return values;
}
