// The shared Intl.DateTimeFormat instances (lib/i18n/instant-format.ts dateTimeFormat): one per
// locale and options, so a cached formatter never answers for another zone or language.
import { describe, expect, it } from "vitest";
import { formatSession } from "@/lib/i18n/format.ts";
import { dateTimeFormat, formatInstant } from "@/lib/i18n/instant-format.ts";

describe("dateTimeFormat", () => {
  it("gives the same formatter for the same locale and options, and another for another zone or locale", () => {
    const zurich = dateTimeFormat("en-GB", { timeZone: "Europe/Zurich", hour: "2-digit" });
    expect(dateTimeFormat("en-GB", { timeZone: "Europe/Zurich", hour: "2-digit" })).toBe(zurich);
    expect(dateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit" })).not.toBe(zurich);
    expect(dateTimeFormat("fr", { timeZone: "Europe/Zurich", hour: "2-digit" })).not.toBe(zurich);
  });

  it("formats each instant in its own zone and language when calls alternate between them", () => {
    const instant = new Date("2021-11-12T22:59:00Z");
    for (let round = 0; round < 2; round++) {
      expect(formatInstant(instant, "Europe/Zurich", "en")).toBe("12 November 2021 at 23:59 CET");
      expect(formatInstant(instant, "Asia/Tokyo", "en")).toBe("13 November 2021 at 07:59 GMT+9");
      expect(formatInstant(instant, "Europe/Zurich", "fr")).toBe(
        new Intl.DateTimeFormat("fr", {
          day: "numeric",
          month: "long",
          year: "numeric",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
          timeZoneName: "short",
          timeZone: "Europe/Zurich",
        }).format(instant),
      );
      expect(formatSession(instant, new Date("2021-11-12T23:30:00Z"), "UTC", "en")).toBe(
        new Intl.DateTimeFormat("en-GB", {
          day: "numeric",
          month: "long",
          year: "numeric",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
          timeZoneName: "short",
          weekday: "long",
          timeZone: "UTC",
        }).formatRange(instant, new Date("2021-11-12T23:30:00Z")),
      );
    }
  });
});
