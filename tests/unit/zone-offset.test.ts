import { describe, expect, it } from "vitest";
import { sameClockTime, zoneOffsetMinutes } from "@/lib/i18n/instant-format.ts";

describe("zoneOffsetMinutes", () => {
  it("gives the zone's offset east of UTC at the instant, summer time included", () => {
    expect(zoneOffsetMinutes(new Date("2026-01-15T12:00:00Z"), "Europe/Zurich")).toBe(60);
    expect(zoneOffsetMinutes(new Date("2026-07-15T12:00:00Z"), "Europe/Zurich")).toBe(120);
    expect(zoneOffsetMinutes(new Date("2026-01-15T12:00:00Z"), "America/St_Johns")).toBe(-210);
    expect(zoneOffsetMinutes(new Date("2026-01-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(zoneOffsetMinutes(new Date("2026-01-15T12:00:00Z"), "UTC")).toBe(0);
  });

  it("agrees with sameClockTime: equal offsets are the same clock time", () => {
    const instant = new Date("2026-03-29T12:00:00Z"); // Europe changed to summer time that night, London too
    for (const [zone, other] of [
      ["Europe/Paris", "Europe/Zurich"],
      ["Europe/London", "Europe/Zurich"],
      ["America/New_York", "America/Toronto"],
    ] as const) {
      expect(zoneOffsetMinutes(instant, zone) === zoneOffsetMinutes(instant, other)).toBe(sameClockTime(instant, zone, other));
    }
  });
});
