// Wall-clock times in a meeting's time zone ↔ UTC instants, and how dates are shown to people.
import { describe, expect, it } from "vitest";
import { formatDate, formatInstant, formatMeetingDates, formatZoneName } from "@/lib/i18n/format.ts";
import { sameClockTime } from "@/lib/i18n/instant-format.ts";
import { isValidTimeZone, parseZonedDateTimeLocal, toZonedDateTimeLocal, zonedWallClockToInstant } from "@/lib/i18n/zoned-time.ts";

const ZURICH = "Europe/Zurich";
const NEW_YORK = "America/New_York";
const KOLKATA = "Asia/Kolkata";

function wall(value: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) throw new Error(`bad wall clock ${value}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0, second };
}

const toUtc = (wallClock: string, timeZone: string) => zonedWallClockToInstant(wall(wallClock), timeZone).toISOString();

describe("zonedWallClockToInstant", () => {
  it.each([
    ["Zurich in winter (CET, UTC+1)", "2021-11-12T23:59", ZURICH, "2021-11-12T22:59:00.000Z"],
    ["Zurich in summer (CEST, UTC+2)", "2021-07-01T12:00", ZURICH, "2021-07-01T10:00:00.000Z"],
    ["Zurich at midnight on New Year", "2022-01-01T00:00", ZURICH, "2021-12-31T23:00:00.000Z"],
    ["Zurich with seconds", "2021-11-12T23:59:30", ZURICH, "2021-11-12T22:59:30.000Z"],
    ["New York in winter (EST, UTC−5)", "2021-01-15T09:00", NEW_YORK, "2021-01-15T14:00:00.000Z"],
    ["New York in summer (EDT, UTC−4)", "2021-07-01T09:00", NEW_YORK, "2021-07-01T13:00:00.000Z"],
    ["New York late evening (next UTC day)", "2021-11-12T23:59", NEW_YORK, "2021-11-13T04:59:00.000Z"],
    ["Kolkata (UTC+05:30)", "2021-11-12T23:59", KOLKATA, "2021-11-12T18:29:00.000Z"],
    ["Kolkata at midnight (previous UTC day)", "2021-06-01T00:00", KOLKATA, "2021-05-31T18:30:00.000Z"],
    ["Kathmandu (UTC+05:45)", "2021-11-12T12:00", "Asia/Kathmandu", "2021-11-12T06:15:00.000Z"],
    ["UTC", "2021-11-12T23:59", "UTC", "2021-11-12T23:59:00.000Z"],
  ])("%s: %s → %s", (_label, wallClock, timeZone, expected) => {
    expect(toUtc(wallClock, timeZone)).toBe(expected);
  });

  describe("Europe/Zurich spring-forward gap (2021-03-28, 02:00 CET → 03:00 CEST)", () => {
    it.each([
      ["01:00, an ordinary CET time an hour before the gap", "2021-03-28T01:00", "2021-03-28T00:00:00.000Z"],
      ["01:30, an ordinary CET time before the gap", "2021-03-28T01:30", "2021-03-28T00:30:00.000Z"],
      ["01:59, the last minute of CET", "2021-03-28T01:59", "2021-03-28T00:59:00.000Z"],
      ["03:00, the first minute of CEST", "2021-03-28T03:00", "2021-03-28T01:00:00.000Z"],
    ])("%s maps to its single instant", (_label, wallClock, expected) => {
      expect(toUtc(wallClock, ZURICH)).toBe(expected);
    });

    it("02:30, which the clocks skip, is read with the offset before the gap (+01:00), as RFC 5545 does", () => {
      expect(toUtc("2021-03-28T02:30", ZURICH)).toBe("2021-03-28T01:30:00.000Z");
    });
  });

  describe("Europe/Zurich autumn overlap (2021-10-31, 03:00 CEST → 02:00 CET)", () => {
    it.each([
      ["01:59, before the overlap", "2021-10-31T01:59", "2021-10-30T23:59:00.000Z"],
      ["03:00, after the overlap", "2021-10-31T03:00", "2021-10-31T02:00:00.000Z"],
    ])("%s maps to its single instant", (_label, wallClock, expected) => {
      expect(toUtc(wallClock, ZURICH)).toBe(expected);
    });

    it("02:30, which happens twice, is the earlier instant (02:30 CEST = 00:30 UTC) as documented", () => {
      expect(toUtc("2021-10-31T02:30", ZURICH)).toBe("2021-10-31T00:30:00.000Z");
    });

    it("both instants of the overlap show 02:30 on Zurich clocks", () => {
      expect(toZonedDateTimeLocal(new Date("2021-10-31T00:30:00Z"), ZURICH)).toBe("2021-10-31T02:30");
      expect(toZonedDateTimeLocal(new Date("2021-10-31T01:30:00Z"), ZURICH)).toBe("2021-10-31T02:30");
    });
  });

  describe("America/New_York transitions", () => {
    it("reads 01:30 on 2021-11-07, which happens twice, as the earlier instant (EDT)", () => {
      expect(toUtc("2021-11-07T01:30", NEW_YORK)).toBe("2021-11-07T05:30:00.000Z");
    });

    it.each([
      ["00:30 (EDT, before the overlap)", "2021-11-07T00:30", "2021-11-07T04:30:00.000Z"],
      ["02:00 (EST, just after the overlap)", "2021-11-07T02:00", "2021-11-07T07:00:00.000Z"],
      ["04:00 (EST)", "2021-11-07T04:00", "2021-11-07T09:00:00.000Z"],
      ["05:59 (EST)", "2021-11-07T05:59", "2021-11-07T10:59:00.000Z"],
      ["06:00 (EST)", "2021-11-07T06:00", "2021-11-07T11:00:00.000Z"],
    ])("maps the unambiguous %s on the fall-back day 2021-11-07 to its single instant", (_label, wallClock, expected) => {
      expect(toUtc(wallClock, NEW_YORK)).toBe(expected);
    });

    it("reads 02:30 on 2021-03-14, which the clocks skip, with the offset before the gap (−05:00)", () => {
      expect(toUtc("2021-03-14T02:30", NEW_YORK)).toBe("2021-03-14T07:30:00.000Z");
    });
  });
});

describe("toZonedDateTimeLocal", () => {
  it.each([
    ["2021-11-12T22:59:59.999Z", ZURICH, "2021-11-12T23:59"],
    ["2021-07-01T10:00:00.000Z", ZURICH, "2021-07-01T12:00"],
    ["2021-11-13T04:59:00.000Z", NEW_YORK, "2021-11-12T23:59"],
    ["2021-11-12T18:29:00.000Z", KOLKATA, "2021-11-12T23:59"],
    ["2021-12-31T23:00:00.000Z", ZURICH, "2022-01-01T00:00"],
  ])("%s in %s is %s", (instant, timeZone, expected) => {
    expect(toZonedDateTimeLocal(new Date(instant), timeZone)).toBe(expected);
  });
});

describe("parseZonedDateTimeLocal and toZonedDateTimeLocal round trip", () => {
  it.each([
    ["2021-11-12T23:59", ZURICH, "2021-11-12T22:59:00.000Z"],
    ["2021-07-01T12:00", ZURICH, "2021-07-01T10:00:00.000Z"],
    ["2021-11-12T23:59", NEW_YORK, "2021-11-13T04:59:00.000Z"],
    ["2021-11-12T23:59", KOLKATA, "2021-11-12T18:29:00.000Z"],
    ["2024-02-29T12:00", ZURICH, "2024-02-29T11:00:00.000Z"],
  ])("%s in %s ↔ %s", (local, timeZone, instant) => {
    expect(parseZonedDateTimeLocal(local, timeZone)?.toISOString()).toBe(instant);
    expect(toZonedDateTimeLocal(new Date(instant), timeZone)).toBe(local);
  });

  // Every hour of the weeks around the 2021 clock changes (US: 14 March, 7 November; Europe:
  // 28 March, 31 October), and every day at 12:00 UTC across the year.
  function sampleInstants(): number[] {
    const hour = 60 * 60 * 1000;
    const instants: number[] = [];
    for (const [from, to] of [
      [Date.UTC(2021, 2, 10), Date.UTC(2021, 3, 1)],
      [Date.UTC(2021, 9, 28), Date.UTC(2021, 10, 10)],
    ] as const) {
      for (let time = from; time < to; time += hour) instants.push(time);
    }
    for (let time = Date.UTC(2021, 0, 1, 12); time < Date.UTC(2022, 0, 1); time += 24 * hour) instants.push(time);
    return instants;
  }

  it.each([ZURICH, NEW_YORK, KOLKATA])("wall clock → instant → wall clock is stable in %s around the clock changes", (timeZone) => {
    const mismatches: string[] = [];
    for (const time of sampleInstants()) {
      const local = toZonedDateTimeLocal(new Date(time), timeZone);
      const back = parseZonedDateTimeLocal(local, timeZone);
      if (!back || toZonedDateTimeLocal(back, timeZone) !== local) mismatches.push(local);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("parseZonedDateTimeLocal rejects malformed values", () => {
  it.each([
    ["empty", ""],
    ["a date only", "2021-11-12"],
    ["a space instead of T", "2021-11-12 23:59"],
    ["seconds", "2021-11-12T23:59:00"],
    ["a zone suffix", "2021-11-12T23:59Z"],
    ["an offset suffix", "2021-11-12T23:59+01:00"],
    ["a two-digit year", "21-11-12T23:59"],
    ["single-digit month", "2021-1-12T23:59"],
    ["leading whitespace", " 2021-11-12T23:59"],
    ["a trailing newline", "2021-11-12T23:59\n"],
    ["month 00", "2021-00-12T23:59"],
    ["month 13", "2021-13-12T23:59"],
    ["day 00", "2021-11-00T23:59"],
    ["day 32", "2021-11-32T23:59"],
    ["hour 24", "2021-11-12T24:00"],
    ["minute 60", "2021-11-12T23:60"],
    ["non-ASCII digits", "٢٠٢١-١١-١٢T23:59"],
    ["text", "tomorrow"],
  ])("%s (%j) → null", (_label, value) => {
    expect(parseZonedDateTimeLocal(value, ZURICH)).toBeNull();
  });

  it.each([
    ["31 February", "2021-02-31T10:00"],
    ["29 February in a common year", "2021-02-29T10:00"],
    ["31 April", "2021-04-31T10:00"],
    ["31 November", "2021-11-31T23:59"],
  ])("a date that does not exist, %s (%s) → null (not rolled over into the next month)", (_label, value) => {
    expect(parseZonedDateTimeLocal(value, ZURICH)).toBeNull();
  });
});

describe("isValidTimeZone", () => {
  it.each([
    [ZURICH, true],
    [NEW_YORK, true],
    [KOLKATA, true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
    ["Europe/Zurich\n", false],
  ])("%j → %s", (timeZone, expected) => {
    expect(isValidTimeZone(timeZone)).toBe(expected);
  });
});

describe("formatInstant", () => {
  it("shows the closing deadline in the meeting's zone with the zone name", () => {
    expect(formatInstant(new Date("2021-11-12T22:59:59.999Z"), ZURICH, "en")).toBe("12 November 2021 at 23:59 CET");
  });

  it.each([
    ["2021-07-01T10:00:00.000Z", ZURICH, "1 July 2021 at 12:00 CEST"],
    ["2021-11-12T22:59:59.999Z", NEW_YORK, "12 November 2021 at 17:59 GMT-5"],
    ["2021-11-12T22:59:59.999Z", KOLKATA, "13 November 2021 at 04:29 GMT+5:30"],
    ["2021-11-12T00:05:00.000Z", "UTC", "12 November 2021 at 00:05 UTC"],
  ])("%s in %s → %s", (instant, timeZone, expected) => {
    expect(formatInstant(new Date(instant), timeZone, "en")).toBe(expected);
  });
});

describe("formatDate and formatZoneName", () => {
  it("formats the date in the meeting's zone, not in UTC", () => {
    expect(formatDate(new Date("2021-11-14T23:00:00Z"), ZURICH, "en")).toBe("15 November 2021");
    expect(formatDate(new Date("2021-11-14T23:00:00Z"), "UTC", "en")).toBe("14 November 2021");
  });

  it.each([
    ["2021-11-12T12:00:00Z", "CET"],
    ["2021-07-01T12:00:00Z", "CEST"],
  ])("Europe/Zurich at %s is %s", (instant, expected) => {
    expect(formatZoneName(new Date(instant), ZURICH, "en")).toBe(expected);
  });
});

describe("formatMeetingDates", () => {
  const zurichMidnight = (date: string) => zonedWallClockToInstant(wall(`${date}T00:00`), ZURICH);

  it("shows a whole-day meeting (15 November 00:00 to 23 November 00:00, end exclusive) as 15–22 November 2021", () => {
    const text = formatMeetingDates(zurichMidnight("2021-11-15"), zurichMidnight("2021-11-23"), ZURICH, "en");
    expect(text).toMatch(/^15\s?–\s?22 November 2021$/);
    expect(text).not.toContain("23");
    expect(text).not.toContain(":");
  });

  it.each([
    ["a single day", "2021-11-15", "2021-11-16", /^15 November 2021$/],
    ["across a month end", "2021-10-30", "2021-11-02", /^30 October\s?–\s?1 November 2021$/],
    ["across a year end", "2021-12-30", "2022-01-03", /^30 December 2021\s?–\s?2 January 2022$/],
    ["across the autumn clock change (25-hour day)", "2021-10-30", "2021-11-01", /^30\s?–\s?31 October 2021$/],
    ["across the spring clock change (23-hour day)", "2021-03-27", "2021-03-29", /^27\s?–\s?28 March 2021$/],
  ])("shows a whole-day meeting %s as a date range", (_label, start, end, expected) => {
    expect(formatMeetingDates(zurichMidnight(start), zurichMidnight(end), ZURICH, "en")).toMatch(expected);
  });

  it("shows a timed meeting with both times and the zone", () => {
    const text = formatMeetingDates(new Date("2021-11-15T08:30:00Z"), new Date("2021-11-15T16:00:00Z"), ZURICH, "en");
    expect(text).toBe("15 November 2021 at 09:30 CET – 15 November 2021 at 17:00 CET");
  });

  it("shows times when only the start is at midnight", () => {
    const text = formatMeetingDates(zurichMidnight("2021-11-15"), new Date("2021-11-15T11:00:00Z"), ZURICH, "en");
    expect(text).toBe("15 November 2021 at 00:00 CET – 15 November 2021 at 12:00 CET");
  });

  it("judges 'whole day' by the meeting's zone: midnight in Zurich is a timed meeting in New York", () => {
    const text = formatMeetingDates(zurichMidnight("2021-11-15"), zurichMidnight("2021-11-23"), NEW_YORK, "en");
    expect(text).toBe("14 November 2021 at 18:00 GMT-5 – 22 November 2021 at 18:00 GMT-5");
  });
});

describe("sameClockTime: whether a reader's clock differs from the meeting's", () => {
  const november = new Date("2021-11-12T22:59:00Z");
  it("Paris and Zurich show the same time; Tokyo and New York do not", () => {
    expect(sameClockTime(november, "Europe/Zurich", "Europe/Paris")).toBe(true);
    expect(sameClockTime(november, "Europe/Zurich", "Asia/Tokyo")).toBe(false);
    expect(sameClockTime(november, "Europe/Zurich", "America/New_York")).toBe(false);
  });
  it("London matches Lisbon, and is an hour behind Zurich in summer as in winter", () => {
    expect(sameClockTime(november, "Europe/London", "Europe/Lisbon")).toBe(true);
    expect(sameClockTime(new Date("2021-07-01T12:00:00Z"), "Europe/London", "Europe/Zurich")).toBe(false);
  });
  it("a deadline read in Tokyo is the next morning, its zone named", () => {
    expect(formatInstant(november, "Asia/Tokyo", "en")).toBe("13 November 2021 at 07:59 GMT+9");
  });
});
