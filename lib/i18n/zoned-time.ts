// Turning wall-clock times in an IANA time zone into UTC instants and back, with Intl only.

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second?: number };

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

/** What the clocks of `timeZone` show at `instant`, as numeric parts. */
function wallClockParts(instant: Date, timeZone: string): Required<WallClock> {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

function offsetMinutesAt(instant: Date, timeZone: string): number {
  const wall = wallClockParts(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant at which the clocks of `timeZone` show `wall`, resolved as RFC 5545 does: in a
 * DST overlap (the hour that happens twice) the earlier instant; in a DST gap (a time that never
 * shows) the offset from before the gap, e.g. 02:30 on a spring-forward night counts as 03:30.
 */
export function zonedWallClockToInstant(wall: WallClock, timeZone: string): Date {
  const naiveUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // Offsets in force a day either side cover every transition that can touch this wall time.
  const offsetBefore = offsetMinutesAt(new Date(naiveUtc - 86_400_000), timeZone);
  const offsetAfter = offsetMinutesAt(new Date(naiveUtc + 86_400_000), timeZone);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => naiveUtc - offset * 60_000)
    // A candidate is real when the zone's offset at that instant is the one it assumed.
    .filter((instant) => naiveUtc - offsetMinutesAt(new Date(instant), timeZone) * 60_000 === instant);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(naiveUtc - offsetBefore * 60_000);
}

/** "2021-11-12T23:59" (a datetime-local value) in `timeZone` → UTC instant; null if malformed. */
export function parseZonedDateTimeLocal(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  // Reject days the month does not have (31 April, 29 February 2021…).
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return zonedWallClockToInstant({ year, month, day, hour, minute }, timeZone);
}

/** A UTC instant as a datetime-local value ("2021-11-12T23:59") in `timeZone`. */
export function toZonedDateTimeLocal(instant: Date, timeZone: string): string {
  const wall = wallClockParts(instant, timeZone);
  const two = (value: number) => String(value).padStart(2, "0");
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}
