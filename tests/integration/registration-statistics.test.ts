// The console charts' figures (lib/registrants/statistics.ts) on a real database: registrations per
// day in the meeting's time zone up to the deadline, by category and by UN M49 region, erased ones
// left out; and, at 100,000 registrations, one pass that stays fast.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client.ts";
import { registrationStatistics } from "@/lib/registrants/statistics.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase(5);
});
afterAll(async () => {
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

let serial = 0;
function registration(
  meetingId: string,
  createdAt: string,
  overrides: Partial<Prisma.RegistrationCreateManyInput> = {},
): Prisma.RegistrationCreateManyInput {
  serial += 1;
  return {
    meetingId,
    reference: `STAT-${serial}`,
    email: `person-${serial}@example.org`,
    givenName: "Ada",
    familyName: "Lovelace",
    country: "CH",
    category: "ACADEMIA",
    privacyAcceptedAt: new Date(createdAt),
    status: "CONFIRMED",
    createdAt: new Date(createdAt),
    ...overrides,
  };
}

// Registration opens on 1 March 2027 and closes on 6 March at 23:59 in Tokyo (UTC+9, no DST).
const tokyoMeeting = {
  timeZone: "Asia/Tokyo",
  registrationOpensAt: new Date("2027-02-28T15:00:00Z"),
  registrationClosesAt: new Date("2027-03-06T14:59:00Z"),
};

describe("registration statistics", () => {
  it("counts registrations per day in the meeting's time zone, with zero days filled and days to come left empty", async () => {
    const meeting = await createMeeting(test.db, tokyoMeeting);
    await test.db.registration.createMany({
      data: [
        registration(meeting.id, "2027-03-01T00:30:00Z"), // 1 March, 09:30 in Tokyo
        registration(meeting.id, "2027-03-01T14:59:00Z"), // 1 March, 23:59 in Tokyo
        registration(meeting.id, "2027-03-01T15:00:00Z"), // 2 March, 00:00 in Tokyo (still 1 March in UTC)
        registration(meeting.id, "2027-03-03T03:00:00Z"),
        registration(meeting.id, "2027-03-03T04:00:00Z", { status: "WITHDRAWN" }),
        registration(meeting.id, "2027-03-03T05:00:00Z", { erasedAt: new Date("2027-03-04T00:00:00Z") }),
      ],
    });
    const now = new Date("2027-03-04T03:00:00Z"); // 4 March in Tokyo
    const statistics = await registrationStatistics(test.db, meeting, now);
    expect(statistics.total).toBe(5);
    expect(statistics.perDay).toEqual([
      { day: "2027-03-01", count: 2 },
      { day: "2027-03-02", count: 1 },
      { day: "2027-03-03", count: 2 },
      { day: "2027-03-04", count: 0 },
      { day: "2027-03-05", count: null },
      { day: "2027-03-06", count: null },
    ]);
    expect(statistics.beforeFirstDay).toBe(0);
    expect(statistics.afterDeadline).toBe(0);
  });

  it("starts the days at a registration made before the opening, and counts the ones after the deadline apart", async () => {
    const meeting = await createMeeting(test.db, tokyoMeeting);
    await test.db.registration.createMany({
      data: [
        registration(meeting.id, "2027-02-27T01:00:00Z"), // added by an organizer before the opening
        registration(meeting.id, "2027-03-07T01:00:00Z"), // after the deadline
      ],
    });
    const statistics = await registrationStatistics(test.db, meeting, new Date("2027-03-08T00:00:00Z"));
    expect(statistics.perDay.map((day) => day.day)).toEqual([
      "2027-02-27",
      "2027-02-28",
      "2027-03-01",
      "2027-03-02",
      "2027-03-03",
      "2027-03-04",
      "2027-03-05",
      "2027-03-06",
    ]);
    expect(statistics.perDay[0]?.count).toBe(1);
    expect(statistics.afterDeadline).toBe(1);
    expect(statistics.total).toBe(2);
  });

  it("groups by participant category and by UN M49 region, all five regions listed, a country outside M49 under other", async () => {
    const meeting = await createMeeting(test.db, tokyoMeeting);
    const other = await createMeeting(test.db, tokyoMeeting);
    const at = "2027-03-02T00:00:00Z";
    await test.db.registration.createMany({
      data: [
        registration(meeting.id, at, { country: "CH", category: "MEMBER_STATE" }),
        registration(meeting.id, at, { country: "RU", category: "MEMBER_STATE" }),
        registration(meeting.id, at, { country: "TR", category: "SECTOR_MEMBER" }), // Asia in M49
        registration(meeting.id, at, { country: "JP", category: "ACADEMIA" }),
        registration(meeting.id, at, { country: "BR", category: "ACADEMIA" }),
        registration(meeting.id, at, { country: "TW", category: "INDIVIDUAL" }),
        registration(other.id, at, { country: "AU", category: "ASSOCIATE" }), // another meeting's
      ],
    });
    const statistics = await registrationStatistics(test.db, meeting, new Date(at));
    expect(statistics.byCategory.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: "ACADEMIA", count: 2 },
      { key: "INDIVIDUAL", count: 1 },
      { key: "MEMBER_STATE", count: 2 },
      { key: "SECTOR_MEMBER", count: 1 },
    ]);
    expect(statistics.byRegion).toEqual([
      { key: "002", count: 0 },
      { key: "019", count: 1 },
      { key: "142", count: 2 },
      { key: "150", count: 2 },
      { key: "009", count: 0 },
      { key: "other", count: 1 },
    ]);
  });

  it("shows at most the last MAX_DAYS days before the deadline when registration opened long before", async () => {
    const meeting = await createMeeting(test.db, {
      timeZone: "Europe/Zurich",
      registrationOpensAt: new Date("2026-01-01T00:00:00Z"),
      registrationClosesAt: new Date("2026-12-31T22:59:00Z"),
    });
    await test.db.registration.createMany({ data: [registration(meeting.id, "2026-02-01T12:00:00Z")] });
    const statistics = await registrationStatistics(test.db, meeting, new Date("2027-01-05T00:00:00Z"));
    expect(statistics.perDay).toHaveLength(92);
    expect(statistics.perDay.at(-1)?.day).toBe("2026-12-31");
    expect(statistics.beforeFirstDay).toBe(1);
  });

  it("answers for 100,000 registrations in one pass, within 1 s on PostgreSQL (3 s on the embedded one)", async () => {
    const meeting = await createMeeting(test.db, tokyoMeeting);
    const countries = ["CH", "FR", "US", "BR", "JP", "IN", "NG", "EG", "AU", "RU"];
    const categories = ["MEMBER_STATE", "SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA", "INDIVIDUAL"] as const;
    // Generated in SQL: 100,000 inserts through the client would take longer than the query.
    await test.db.$executeRaw`
      INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", country, category,
                                  "privacyAcceptedAt", status, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), 'BULK-' || n, ${meeting.id}::uuid, 'bulk-' || n || '@example.org', 'Given', 'Family',
             (${countries}::text[])[1 + n % 10], ((${categories}::text[])[1 + n % 5])::"ParticipantCategory",
             now(), 'CONFIRMED', ${tokyoMeeting.registrationOpensAt}::timestamptz + (n % 6) * interval '1 day', now()
      FROM generate_series(1, 100000) AS n`;
    await test.db.$executeRawUnsafe(`ANALYZE "Registration"`);
    const started = performance.now();
    const statistics = await registrationStatistics(test.db, meeting, new Date("2027-03-10T00:00:00Z"));
    const elapsed = performance.now() - started;
    expect(statistics.total).toBe(100_000);
    expect(statistics.perDay.reduce((sum, day) => sum + (day.count ?? 0), 0)).toBe(100_000);
    expect(statistics.byRegion.reduce((sum, region) => sum + region.count, 0)).toBe(100_000);
    console.log(`registration statistics for 100,000 registrations: ${elapsed.toFixed(0)} ms (${test.kind})`);
    expect(elapsed).toBeLessThan(test.kind === "postgres" ? 1000 : 3000);
  });
});
