// Wall-clock times in an IANA time zone ⇄ UTC instants, with the Temporal API (the
// `temporal-polyfill` package until every supported Node has Temporal built in).
import { Temporal } from "temporal-polyfill";

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second?: number };

/**
 * The UTC instant at which the clocks of `timeZone` show `wall`, resolved as RFC 5545 does
 * (Temporal's "compatible" disambiguation): in a DST overlap (the hour that happens twice) the
 * earlier instant; in a DST gap (a time that never shows) the offset from before the gap, e.g.
 * 02:30 on a spring-forward night counts as 03:30.
 */
export function zonedWallClockToInstant(wall: WallClock, timeZone: string): Date {
  const zoned = Temporal.ZonedDateTime.from(
    { ...wall, second: wall.second ?? 0, timeZone },
    { disambiguation: "compatible", overflow: "reject" },
  );
  return new Date(zoned.epochMilliseconds);
}

/** "2021-11-12T23:59" (a datetime-local value) in `timeZone` → UTC instant; null if malformed. */
export function parseZonedDateTimeLocal(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  try {
    // overflow "reject": 31 April, 29 February 2021 or 24:00 are errors, not the next day.
    return zonedWallClockToInstant({ year, month, day, hour, minute }, timeZone);
  } catch {
    return null;
  }
}

/** A UTC instant as a datetime-local value ("2021-11-12T23:59") in `timeZone`. */
export function toZonedDateTimeLocal(instant: Date, timeZone: string): string {
  const wall = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDateTime();
  return wall.toString({ smallestUnit: "minute" });
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day ("2021-11-12") that the clocks of `timeZone` show at `instant`. */
export function zonedCalendarDay(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** Every calendar day from `first` to `last` ("2021-11-12"), both included; empty if `last` is before `first`. */
export function calendarDays(first: string, last: string): string[] {
  const days: string[] = [];
  const end = Temporal.PlainDate.from(last);
  for (let day = Temporal.PlainDate.from(first); Temporal.PlainDate.compare(day, end) <= 0; day = day.add({ days: 1 })) {
    days.push(day.toString());
  }
  return days;
}
