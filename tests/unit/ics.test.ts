// The calendar attachment (written by ical-generator), read back with a real iCalendar parser
// (ical.js): REQUEST and CANCEL (iTIP), SEQUENCE, and registrant or organizer text that can never
// add a line to the calendar.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildIcs, type CalendarEvent, calendarSequence } from "@/emails/ics.ts";

const EVENT: CalendarEvent = {
  method: "REQUEST",
  uid: "5d1c7a2e-registration@register.example.org",
  sequence: 686_395_815,
  startsAt: new Date("2021-11-15T08:00:00.000Z"),
  endsAt: new Date("2021-11-23T17:00:00.000Z"),
  summary: "Fourth meeting of the ITU-T Focus Group on Quantum Information Technology for Networks",
  description: "FG-QIT4N – https://register.example.org/meetings/fg-qit4n-4",
  url: "https://www.itu.int/en/ITU-T/focusgroups/qit4n/Pages/default.aspx",
  organizerEmail: "tsbfgqit4n@itu.int",
  organizerName: "TSB Secretariat",
  attendeeEmail: "ada@example.org",
  attendeeName: "Ada Lovelace",
  now: new Date("2021-10-01T09:30:15.123Z"),
};

function build(overrides: Partial<CalendarEvent> = {}): string {
  return buildIcs({ ...EVENT, ...overrides });
}

function parseEvent(ics: string): ICAL.Component {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  expect(calendar.name).toBe("vcalendar");
  const event = calendar.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT in the calendar");
  return event;
}

function timeProperty(event: ICAL.Component, name: string): ICAL.Time {
  const value = event.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value;
}

/** The attendees' addresses, lower-cased (the scheme's case varies between writers). */
const attendeesOf = (event: ICAL.Component) =>
  event.getAllProperties("attendee").map((property) => String(property.getFirstValue()).toLowerCase());

/** Physical lines, without the final empty string after the last CRLF. */
const physicalLines = (ics: string) => ics.split("\r\n").slice(0, -1);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("buildIcs: a calendar that parsers read correctly", () => {
  it("a request is one VCALENDAR with one confirmed VEVENT, version 2.0 and METHOD:REQUEST", () => {
    const calendar = new ICAL.Component(ICAL.parse(build()));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Quorum//Meeting registration//EN");
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(1);
    expect(parseEvent(build()).getFirstPropertyValue("status")).toBe("CONFIRMED");
  });

  it("a cancellation is METHOD:CANCEL with the same UID and a cancelled event", () => {
    const ics = build({ method: "CANCEL", sequence: EVENT.sequence + 60 });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    const event = parseEvent(ics);
    expect(event.getFirstPropertyValue("uid")).toBe(EVENT.uid);
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.getFirstPropertyValue("sequence")).toBe(EVENT.sequence + 60);
    expect(event.getFirstProperty("attendee")?.getParameter("partstat")).toBe("DECLINED");
  });

  it("writes the SEQUENCE it is given, and calendarSequence grows with time (a second later is higher)", () => {
    expect(parseEvent(build()).getFirstPropertyValue("sequence")).toBe(EVENT.sequence);
    const now = new Date("2026-11-30T12:00:00.000Z");
    expect(calendarSequence(new Date(now.getTime() + 1000))).toBe(calendarSequence(now) + 1);
    expect(calendarSequence(new Date("2021-10-01T09:30:15.123Z"))).toBe(EVENT.sequence);
    // Stays a positive 32-bit integer, which some calendars store it in, for decades.
    expect(calendarSequence(new Date("2060-01-01T00:00:00.000Z"))).toBeLessThan(2 ** 31);
    expect(calendarSequence(new Date("1999-01-01T00:00:00.000Z"))).toBe(0);
  });

  it("names the registrant as the attendee, without asking for a reply to the organizers", () => {
    const attendee = parseEvent(build()).getFirstProperty("attendee");
    expect(attendee?.getFirstValue()).toMatch(/^mailto:ada@example\.org$/i);
    expect(attendee?.getParameter("cn")).toBe("Ada Lovelace");
    expect(attendee?.getParameter("rsvp")).toBe("FALSE");
    expect(attendee?.getParameter("partstat")).toBe("ACCEPTED");
  });

  it("writes start, end and stamp in UTC", () => {
    const event = parseEvent(build());
    const start = timeProperty(event, "dtstart");
    const end = timeProperty(event, "dtend");
    const stamp = timeProperty(event, "dtstamp");
    expect(start.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(end.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(start.toJSDate().toISOString()).toBe("2021-11-15T08:00:00.000Z");
    expect(end.toJSDate().toISOString()).toBe("2021-11-23T17:00:00.000Z");
    expect(stamp.toJSDate().toISOString()).toBe("2021-10-01T09:30:15.000Z");
    expect(build()).toContain("\r\nDTSTART:20211115T080000Z\r\n");
    expect(build()).toContain("\r\nDTEND:20211123T170000Z\r\n");
  });

  it("keeps the UID, URL and organizer", () => {
    const event = parseEvent(build());
    expect(event.getFirstPropertyValue("uid")).toBe(EVENT.uid);
    expect(event.getFirstPropertyValue("url")).toBe(EVENT.url);
    const organizer = event.getFirstProperty("organizer");
    expect(organizer?.getFirstValue()).toBe("mailto:tsbfgqit4n@itu.int");
    expect(organizer?.getParameter("cn")).toBe("TSB Secretariat");
  });

  it.each([
    ["commas", "Plenary, Geneva, Switzerland"],
    ["semicolons", "Session 1; Session 2;"],
    ["a newline", "Line one\nLine two"],
    ["a backslash", "C:\\meetings\\qit4n"],
    ["an escaped-looking sequence", "literal \\n and \\, stay literal"],
    ["everything at once", "a,b;c\\d\ne"],
    ["a colon", "FG-QIT4N: fourth meeting"],
    ["non-ASCII text", "Réunion à Genève – 量子"],
    ["HTML", "<script>alert(1)</script>"],
  ])("SUMMARY and DESCRIPTION with %s round-trip exactly", (_label, text) => {
    const event = parseEvent(build({ summary: text, description: text }));
    expect(event.getFirstPropertyValue("summary")).toBe(text);
    expect(event.getFirstPropertyValue("description")).toBe(text);
  });

  it.each([
    ["CRLF", "one\r\ntwo", "one\ntwo"],
    ["a lone CR", "one\rtwo", "one\ntwo"],
  ])("a %s in the SUMMARY becomes an escaped line break, not a new property", (_label, text, expected) => {
    const ics = build({ summary: `${text}\r\nATTENDEE:mailto:evil@example.com` });
    const event = parseEvent(ics);
    expect(event.getFirstPropertyValue("summary")).toBe(`${expected}\nATTENDEE:mailto:evil@example.com`);
    expect(attendeesOf(event)).toEqual(["mailto:ada@example.org"]);
  });

  it("leaves out a URL that is not http(s)", () => {
    for (const url of ["javascript:alert(1)", "ftp://example.org/x", "", null]) {
      const event = parseEvent(build({ url }));
      expect(event.getFirstProperty("url")).toBeNull();
    }
  });

  it("leaves out the organizer when there is no email, and names it by its address when there is no name", () => {
    expect(parseEvent(build({ organizerEmail: null })).getFirstProperty("organizer")).toBeNull();
    const organizer = parseEvent(build({ organizerName: null })).getFirstProperty("organizer");
    expect(organizer?.getFirstValue()).toBe("mailto:tsbfgqit4n@itu.int");
    // ical-generator always writes CN: with no name, the address stands in for it.
    expect(organizer?.getParameter("cn")).toBe("tsbfgqit4n@itu.int");
  });

  it.each([
    ["organizer", { organizerName: 'Evil"; ROLE=CHAIR:\r\nATTENDEE:mailto:x@evil.example' }],
    ["registrant", { attendeeName: 'Evil"; ROLE=CHAIR:\r\nATTENDEE:mailto:x@evil.example' }],
  ] as const)("neutralises quotes, separators and line breaks in the %s's name", (who, overrides) => {
    const ics = build(overrides);
    const event = parseEvent(ics);
    expect(event.getAllProperties("attendee")).toHaveLength(1);
    expect(physicalLines(ics).filter((line) => line.startsWith("ATTENDEE"))).toHaveLength(1);
    const cn = event.getFirstProperty(who === "organizer" ? "organizer" : "attendee")?.getParameter("cn");
    expect(cn).toBeTypeOf("string");
    expect(String(cn)).not.toMatch(/["\r\n;:,]/);
  });

  it.each(["x@evil.example\r\nATTENDEE:mailto:y@evil.example", 'x"@evil.example', "x@evil.example;ROLE=CHAIR", "not an address"])(
    "leaves out an attendee address %j that is not a plain address",
    (attendeeEmail) => {
      const ics = build({ attendeeEmail });
      expect(parseEvent(ics).getAllProperties("attendee")).toHaveLength(0);
      expect(physicalLines(ics).some((line) => line.startsWith("ATTENDEE"))).toBe(false);
    },
  );

  it("refuses a UID that is not plain printable text (the library writes it unescaped)", () => {
    expect(() => build({ uid: "x@register.example.org\r\nATTENDEE:mailto:evil@example.com" })).toThrow(/UID/);
    expect(() => build({ uid: "x;y@register.example.org" })).toThrow(/UID/);
  });

  it("keeps a URL with commas and semicolons pointing at the same place (percent-encoded, never text-escaped)", () => {
    const url = parseEvent(build({ url: "https://example.org/a,b;c?x=1,2" })).getFirstPropertyValue("url");
    expect(url).toBe("https://example.org/a%2Cb%3Bc?x=1%2C2");
    expect(String(url)).not.toContain("\\");
  });

  it("does not let CR/LF in the URL add properties (defence in depth for organizer-entered links)", () => {
    const ics = build({ url: "https://example.org/\r\nATTENDEE:mailto:evil@example.com" });
    expect(physicalLines(ics).some((line) => /^ATTENDEE:mailto:evil/i.test(line))).toBe(false);
    expect(attendeesOf(parseEvent(ics))).toEqual(["mailto:ada@example.org"]);
  });
});

describe("buildIcs: RFC 5545 line format", () => {
  const longSummary = `Réunion ${"é😀量".repeat(40)} fin`;
  const samples = [
    ["the example meeting", build()],
    ["a long UTF-8 summary", build({ summary: longSummary, description: "x".repeat(500) })],
    ["a summary of astral characters only", build({ summary: "😀".repeat(100) })],
  ] as const;

  it.each(samples)("%s: every line ends with CRLF and there are no bare CR or LF", (_label, ics) => {
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it.each(samples)("%s: every physical line is at most 75 octets", (_label, ics) => {
    const tooLong = physicalLines(ics).filter((line) => Buffer.byteLength(line, "utf8") > 75);
    expect(tooLong).toEqual([]);
  });

  it.each(samples)("%s: no line splits a character (each line is well-formed UTF-16 and UTF-8)", (_label, ics) => {
    for (const line of physicalLines(ics)) {
      expect(line).not.toMatch(LONE_SURROGATE);
      expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
    }
  });

  it("folds a long UTF-8 summary onto continuation lines that start with one space", () => {
    const ics = build({ summary: longSummary });
    const lines = physicalLines(ics);
    const start = lines.findIndex((line) => line.startsWith("SUMMARY:"));
    const continuations = [];
    for (let index = start + 1; index < lines.length && lines[index]?.startsWith(" "); index++) continuations.push(lines[index]);
    expect(continuations.length).toBeGreaterThanOrEqual(3);
    // Unfolding (remove CRLF + one space) gives back the whole escaped summary.
    expect(ics.replaceAll("\r\n ", "")).toContain(`SUMMARY:${longSummary}\r\n`);
    expect(parseEvent(ics).getFirstPropertyValue("summary")).toBe(longSummary);
  });

  it("fills folded lines close to the limit rather than folding early", () => {
    const ics = build({ summary: "a".repeat(300) });
    const summaryLines = physicalLines(ics).filter((line) => line.startsWith("SUMMARY:") || /^ a+$/.test(line));
    const lengths = summaryLines.slice(0, -1).map((line) => Buffer.byteLength(line, "utf8"));
    expect(lengths).toHaveLength(4);
    // ical-generator keeps the first line one octet short of the limit, continuation lines at it.
    for (const length of lengths) expect(length).toBeGreaterThanOrEqual(74);
  });
});

describe("TEXT escaping (RFC 5545 §3.3.11) as written", () => {
  it.each([
    ["a,b", "a\\,b"],
    ["a;b", "a\\;b"],
    ["a\\b", "a\\\\b"],
    ["a\nb", "a\\nb"],
    ["a\r\nb", "a\\nb"],
    ["a\rb", "a\\nb"],
    ["plain", "plain"],
  ])("SUMMARY %j is written as %j", (input, expected) => {
    expect(physicalLines(build({ summary: input }))).toContain(`SUMMARY:${expected}`);
  });
});
