// The calendar attachment, read back with a real iCalendar parser (ical.js).
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildIcs, type CalendarEvent, escapeIcsText } from "@/emails/ics.ts";

const EVENT: CalendarEvent = {
  uid: "3f2a9c1e-meeting@register.example.org",
  startsAt: new Date("2021-11-15T08:00:00.000Z"),
  endsAt: new Date("2021-11-23T17:00:00.000Z"),
  summary: "Fourth meeting of the ITU-T Focus Group on Quantum Information Technology for Networks",
  description: "FG-QIT4N – https://register.example.org/meetings/fg-qit4n-4",
  url: "https://www.itu.int/en/ITU-T/focusgroups/qit4n/Pages/default.aspx",
  organizerEmail: "tsbfgqit4n@itu.int",
  organizerName: "TSB Secretariat",
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

/** Physical lines, without the final empty string after the last CRLF. */
const physicalLines = (ics: string) => ics.split("\r\n").slice(0, -1);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("buildIcs: a calendar that parsers read correctly", () => {
  it("is one VCALENDAR with one VEVENT, version 2.0 and PUBLISH", () => {
    const calendar = new ICAL.Component(ICAL.parse(build()));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Quorum//Meeting registration//EN");
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(1);
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
    expect(event.getAllProperties("attendee")).toHaveLength(0);
  });

  it("leaves out a URL that is not http(s)", () => {
    for (const url of ["javascript:alert(1)", "ftp://example.org/x", "", null]) {
      const event = parseEvent(build({ url }));
      expect(event.getFirstProperty("url")).toBeNull();
    }
  });

  it("leaves out the organizer when there is no email, and CN when there is no name", () => {
    expect(parseEvent(build({ organizerEmail: null })).getFirstProperty("organizer")).toBeNull();
    const organizer = parseEvent(build({ organizerName: null })).getFirstProperty("organizer");
    expect(organizer?.getFirstValue()).toBe("mailto:tsbfgqit4n@itu.int");
    expect(organizer?.getParameter("cn")).toBeUndefined();
  });

  it("neutralises quotes, separators and line breaks in the organizer's name", () => {
    const ics = build({ organizerName: 'Evil"; ROLE=CHAIR:\r\nATTENDEE:mailto:x@evil.example' });
    const event = parseEvent(ics);
    expect(event.getAllProperties("attendee")).toHaveLength(0);
    const cn = event.getFirstProperty("organizer")?.getParameter("cn");
    expect(cn).toBeTypeOf("string");
    expect(String(cn)).not.toMatch(/["\r\n;:,]/);
  });

  it("does not let CR/LF in the URL add properties (defence in depth for organizer-entered links)", () => {
    const ics = build({ url: "https://example.org/\r\nATTENDEE:mailto:evil@example.com" });
    expect(physicalLines(ics).some((line) => line.startsWith("ATTENDEE"))).toBe(false);
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
    expect(ics.replaceAll("\r\n ", "")).toContain(`SUMMARY:${escapeIcsText(longSummary)}\r\n`);
    expect(parseEvent(ics).getFirstPropertyValue("summary")).toBe(longSummary);
  });

  it("fills folded lines close to the limit rather than folding early", () => {
    const ics = build({ summary: "a".repeat(300) });
    const summaryLines = physicalLines(ics).filter((line) => line.startsWith("SUMMARY:") || /^ a+$/.test(line));
    expect(summaryLines.slice(0, -1).map((line) => Buffer.byteLength(line, "utf8"))).toEqual([75, 75, 75, 75]);
  });
});

describe("escapeIcsText", () => {
  it.each([
    ["a,b", "a\\,b"],
    ["a;b", "a\\;b"],
    ["a\\b", "a\\\\b"],
    ["a\nb", "a\\nb"],
    ["a\r\nb", "a\\nb"],
    ["a\rb", "a\\nb"],
    ["plain", "plain"],
  ])("%j → %j", (input, expected) => {
    expect(escapeIcsText(input)).toBe(expected);
  });
});
