// Dates and times as people read them: always in the meeting's time zone, always naming the zone.
import { dateTimeFormat, formatInstant, formatLocale, INSTANT_PARTS } from "@/lib/i18n/instant-format.ts";
import { toZonedDateTimeLocal } from "@/lib/i18n/zoned-time.ts";

export { formatInstant };

/** "12 November 2021" */
export function formatDate(instant: Date, timeZone: string, locale: string): string {
  return dateTimeFormat(formatLocale(locale), {
    timeZone,
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(instant);
}

const isMidnight = (instant: Date, timeZone: string) => toZonedDateTimeLocal(instant, timeZone).endsWith("T00:00");

/**
 * A meeting's dates: "15–22 November 2021" when it runs whole days (start and end at midnight,
 * end exclusive), otherwise both instants with times and zone.
 */
export function formatMeetingDates(startsAt: Date, endsAt: Date, timeZone: string, locale: string): string {
  if (isMidnight(startsAt, timeZone) && isMidnight(endsAt, timeZone)) {
    const lastDay = new Date(endsAt.getTime() - 60 * 60 * 1000);
    return dateTimeFormat(formatLocale(locale), {
      timeZone,
      day: "numeric",
      month: "long",
      year: "numeric",
    }).formatRange(startsAt, lastDay);
  }
  return `${formatInstant(startsAt, timeZone, locale)} – ${formatInstant(endsAt, timeZone, locale)}`;
}

/** The zone as people know it, e.g. "CET" for Europe/Zurich in November. */
export function formatZoneName(instant: Date, timeZone: string, locale: string): string {
  const parts = dateTimeFormat(formatLocale(locale), { timeZone, timeZoneName: "short" }).formatToParts(instant);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

/** A session: "Monday 15 November 2021, 13:00–16:00 CET" (both ends with dates if it spans days). */
export function formatSession(startsAt: Date, endsAt: Date, timeZone: string, locale: string): string {
  return dateTimeFormat(formatLocale(locale), { ...INSTANT_PARTS, weekday: "long", timeZone }).formatRange(startsAt, endsAt);
}

/**
 * A file's size for people: kB below a megabyte (at least 1 kB, so a small file never reads
 * "0 MB"), MB with one decimal above. Binary units, as file managers count them.
 */
export function formatFileSize(bytes: number, locale: string): string {
  const megabyte = 1024 * 1024;
  if (bytes < megabyte) {
    const kilobytes = Math.max(1, Math.round(bytes / 1024));
    return new Intl.NumberFormat(locale, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(kilobytes);
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(bytes / megabyte);
}
