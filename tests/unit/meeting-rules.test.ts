// The registration window and data retention, judged on instants passed in (server time).
import { describe, expect, it } from "vitest";
import {
  getRegistrationWindowState,
  getRetentionEndsAt,
  isRegistrationOpen,
  type RegistrationWindowState,
  timeUntilRegistrationCloses,
} from "@/lib/meetings/rules.ts";

// Registration for the example meeting: opens 1 September 2021 09:00 CEST, closes
// 12 November 2021 23:59 CET (as organizers state it in Europe/Zurich).
const OPENS = new Date("2021-09-01T07:00:00.000Z");
const CLOSES = new Date("2021-11-12T22:59:00.000Z");
const meeting = { registrationOpensAt: OPENS, registrationClosesAt: CLOSES };
const at = (base: Date, offsetMs: number) => new Date(base.getTime() + offsetMs);
const DAY = 24 * 60 * 60 * 1000;

describe("getRegistrationWindowState", () => {
  it.each<[string, Date, RegistrationWindowState]>([
    ["a year before opening", at(OPENS, -365 * DAY), "not-open"],
    ["1 ms before opening", at(OPENS, -1), "not-open"],
    ["exactly at opening", OPENS, "open"],
    ["1 ms after opening", at(OPENS, 1), "open"],
    ["between opening and closing", new Date("2021-10-01T12:00:00Z"), "open"],
    ["1 ms before closing", at(CLOSES, -1), "open"],
    ["exactly at closing (the deadline is inclusive)", CLOSES, "open"],
    ["1 ms after closing", at(CLOSES, 1), "closed"],
    ["a day after closing", at(CLOSES, DAY), "closed"],
  ])("is %s → %s", (_label, now, expected) => {
    expect(getRegistrationWindowState(meeting, now)).toBe(expected);
    expect(isRegistrationOpen(meeting, now)).toBe(expected === "open");
  });

  it("treats a window that opens and closes at the same instant as open for exactly that instant", () => {
    const instant = { registrationOpensAt: CLOSES, registrationClosesAt: CLOSES };
    expect([at(CLOSES, -1), CLOSES, at(CLOSES, 1)].map((now) => getRegistrationWindowState(instant, now))).toEqual([
      "not-open",
      "open",
      "closed",
    ]);
  });

  it("does not depend on the process time zone: the same instant in another zone notation gives the same answer", () => {
    const sameInstant = new Date("2021-11-13T00:59:00.000+02:00");
    expect(sameInstant.getTime()).toBe(CLOSES.getTime());
    expect(getRegistrationWindowState(meeting, sameInstant)).toBe("open");
    expect(getRegistrationWindowState(meeting, new Date("2021-11-13T00:59:00.001+02:00"))).toBe("closed");
  });
});

describe("timeUntilRegistrationCloses", () => {
  it.each([
    [at(CLOSES, -60_000), 60_000],
    [CLOSES, 0],
    [at(CLOSES, 1), -1],
    [at(CLOSES, DAY), -DAY],
  ])("at %s is %i ms", (now, expected) => {
    expect(timeUntilRegistrationCloses(meeting, now)).toBe(expected);
  });
});

describe("getRetentionEndsAt", () => {
  const endsAt = new Date("2021-11-23T00:00:00.000Z");

  it.each([
    [0, "2021-11-23T00:00:00.000Z"],
    [1, "2021-11-24T00:00:00.000Z"],
    [90, "2022-02-21T00:00:00.000Z"],
    [365, "2022-11-23T00:00:00.000Z"],
  ])("%i days after the meeting ends is %s", (retentionDays, expected) => {
    expect(getRetentionEndsAt({ endsAt, retentionDays }).toISOString()).toBe(expected);
  });

  it("counts whole 24-hour days in UTC, across a daylight-saving change", () => {
    const summerEnd = new Date("2021-10-01T10:00:00.000Z");
    const end = getRetentionEndsAt({ endsAt: summerEnd, retentionDays: 60 });
    expect(end.getTime() - summerEnd.getTime()).toBe(60 * DAY);
    expect(end.toISOString()).toBe("2021-11-30T10:00:00.000Z");
  });

  it("does not modify the meeting's end date", () => {
    const original = new Date(endsAt);
    getRetentionEndsAt({ endsAt: original, retentionDays: 90 });
    expect(original.toISOString()).toBe("2021-11-23T00:00:00.000Z");
  });
});
