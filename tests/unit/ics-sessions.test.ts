// One VEVENT per session (buildCalendar), read back with ical.js: each session under its own UID,
// one SEQUENCE and METHOD for all, a removed session cancelled inside an update, and a
// cancellation that takes out every session.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, type CalendarInvite, calendarSequence } from "@/emails/ics.ts";

const NOW = new Date("2021-10-01T09:30:15.000Z");
const FIRST = { uid: "reg.s1@register.example.org", startsAt: new Date("2021-11-15T12:00:00Z"), endsAt: new Date("2021-11-15T15:00:00Z") };
const SECOND = { uid: "reg.s2@register.example.org", startsAt: new Date("2021-11-16T12:00:00Z"), endsAt: new Date("2021-11-16T15:00:00Z") };
const INVITE: CalendarInvite = {
  method: "REQUEST",
  sequence: calendarSequence(NOW),
  summary: "Tenth meeting of the ITU-T Focus Group on Quantum Information Technology for Networks",
  description: "FG-QIT4N-10",
  url: "https://register.example.org/meetings/fg-qit4n-10",
  organizerEmail: "tsbfgqit4n@itu.int",
  organizerName: "TSB Secretariat",
  attendeeEmail: "ada@example.org",
  attendeeName: "Ada Lovelace",
  now: NOW,
  events: [FIRST, SECOND],
};

function read(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents("vevent").map((event) => ({
    uid: event.getFirstPropertyValue("uid"),
    sequence: event.getFirstPropertyValue("sequence"),
    status: event.getFirstPropertyValue("status"),
    start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
    partstat: event.getFirstProperty("attendee")?.getParameter("partstat"),
  }));
  return { method: calendar.getFirstPropertyValue("method"), events };
}

describe("buildCalendar: one event per session", () => {
  it("a request holds one confirmed VEVENT per session, each with its UID and times, all with the same SEQUENCE", () => {
    const { method, events } = read(buildCalendar(INVITE));
    expect(method).toBe("REQUEST");
    expect(events).toEqual([
      {
        uid: "reg.s1@register.example.org",
        sequence: INVITE.sequence,
        status: "CONFIRMED",
        start: "2021-11-15T12:00:00.000Z",
        partstat: "ACCEPTED",
      },
      {
        uid: "reg.s2@register.example.org",
        sequence: INVITE.sequence,
        status: "CONFIRMED",
        start: "2021-11-16T12:00:00.000Z",
        partstat: "ACCEPTED",
      },
    ]);
  });

  it("a removed session rides in the update as cancelled, under its old UID, beside the sessions that stay", () => {
    const later = new Date(NOW.getTime() + 60_000);
    const ics = buildCalendar({
      ...INVITE,
      sequence: calendarSequence(later),
      now: later,
      events: [FIRST, { ...SECOND, cancelled: true }],
    });
    const { method, events } = read(ics);
    expect(method).toBe("REQUEST");
    expect(events.map(({ uid, status, partstat }) => ({ uid, status, partstat }))).toEqual([
      { uid: "reg.s1@register.example.org", status: "CONFIRMED", partstat: "ACCEPTED" },
      { uid: "reg.s2@register.example.org", status: "CANCELLED", partstat: "DECLINED" },
    ]);
    expect(events.every((event) => Number(event.sequence) > INVITE.sequence)).toBe(true);
  });

  it("a cancellation is METHOD:CANCEL with every session cancelled", () => {
    const { method, events } = read(buildCalendar({ ...INVITE, method: "CANCEL" }));
    expect(method).toBe("CANCEL");
    expect(events.map((event) => event.status)).toEqual(["CANCELLED", "CANCELLED"]);
  });

  it("refuses a UID that could add a line or a parameter to the calendar", () => {
    expect(() => buildCalendar({ ...INVITE, events: [{ ...FIRST, uid: "a;b@host" }] })).toThrow(/Unsafe calendar UID/);
    expect(() => buildCalendar({ ...INVITE, events: [{ ...FIRST, uid: "a\r\nX:1@host" }] })).toThrow(/Unsafe calendar UID/);
  });
});
