// Turning wall-clock times in an IANA time zone into UTC instants and back, with Intl only.

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second?: number };

function offsetMinutesAt(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant at which the clocks of `timeZone` show `wall`. In a DST gap the later offset
 * is used; in a DST overlap the earlier instant wins.
 */
export function zonedWallClockToInstant(wall: WallClock, timeZone: string): Date {
  const naiveUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  let instant = naiveUtc - offsetMinutesAt(new Date(naiveUtc), timeZone) * 60_000;
  // A second pass settles the offset when the first guess fell on the other side of a DST change.
  const corrected = naiveUtc - offsetMinutesAt(new Date(instant), timeZone) * 60_000;
  if (corrected !== instant) instant = Math.min(instant, corrected);
  return new Date(instant);
}

/** "2021-11-12T23:59" (a datetime-local value) in `timeZone` → UTC instant; null if malformed. */
export function parseZonedDateTimeLocal(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  return zonedWallClockToInstant({ year, month, day, hour, minute }, timeZone);
}

/** A UTC instant as a datetime-local value ("2021-11-12T23:59") in `timeZone`. */
export function toZonedDateTimeLocal(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}
