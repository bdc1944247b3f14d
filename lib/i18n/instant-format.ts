// An instant as people read it, in a named time zone: the one formatting of deadlines, used by the
// server (in the meeting's zone) and by the browser (in the reader's own). No imports, so that the
// browser gets this and nothing else (lib/i18n/format.ts brings the Temporal polyfill).

/** BCP 47 locale used for formatting each UI language (en → British date order, 24-hour clock). */
const FORMAT_LOCALE: Record<string, string> = { en: "en-GB" };

export function formatLocale(locale: string): string {
  return FORMAT_LOCALE[locale] ?? locale;
}

// Building an Intl.DateTimeFormat costs about as much as a thousand uses of one (ICU loads the
// locale's patterns and the zone's rules), and an email lists every session of its meeting: the
// profile of a registration found a fifth of its email's time in these constructors (issue 15).
// So each (locale, options) pair is built once; the key set is small (six languages, the meetings'
// zones, a few option sets) and the cache is emptied if it ever grows past MAX_FORMATS.
const MAX_FORMATS = 1000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** A shared Intl.DateTimeFormat for `locale` and `options` (a formatter holds no state between uses). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    if (formats.size >= MAX_FORMATS) formats.clear();
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
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
  return dateTimeFormat(formatLocale(locale), { ...INSTANT_PARTS, timeZone }).format(instant);
}

/** Whether clocks in the two zones show the same time at `instant` (Paris and Zurich do). */
export function sameClockTime(instant: Date, zone: string, otherZone: string): boolean {
  const offset = (timeZone: string) =>
    dateTimeFormat("en", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(instant)
      .find((part) => part.type === "timeZoneName")?.value;
  return offset(zone) === offset(otherZone);
}

/**
 * The zone's offset from UTC at `instant`, in minutes east (Geneva in winter: 60), as
 * `-instant.getTimezoneOffset()` gives the reader's own without building an Intl.DateTimeFormat.
 */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  const offset = dateTimeFormat("en", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(offset ?? "");
  if (!match) return 0; // "GMT": UTC itself
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
