// An instant as people read it, in a named time zone: the one formatting of deadlines, used by the
// server (in the meeting's zone) and by the browser (in the reader's own). No imports, so that the
// browser gets this and nothing else (lib/i18n/format.ts brings the Temporal polyfill).

/** BCP 47 locale used for formatting each UI language (en → British date order, 24-hour clock). */
const FORMAT_LOCALE: Record<string, string> = { en: "en-GB" };

export function formatLocale(locale: string): string {
  return FORMAT_LOCALE[locale] ?? locale;
}

/** The parts of an instant as Quorum writes one: day, month in words, year, 24-hour time, zone. */
export const INSTANT_PARTS: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
};

/** "12 November 2021 at 23:59 CET" */
export function formatInstant(instant: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(formatLocale(locale), { ...INSTANT_PARTS, timeZone }).format(instant);
}

/** Whether clocks in the two zones show the same time at `instant` (Paris and Zurich do). */
export function sameClockTime(instant: Date, zone: string, otherZone: string): boolean {
  const offset = (timeZone: string) =>
    new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(instant)
      .find((part) => part.type === "timeZoneName")?.value;
  return offset(zone) === offset(otherZone);
}
