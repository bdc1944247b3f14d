// The daily maintenance schedule itself (scheduleDailyMaintenance, started by `npm start` and the
// worker): a run at once, then one every 24 hours; a failed run is logged and the next one still
// comes; stopping it ends the runs. The clock and the interval are fake, the database is real:
// each run shows by the report it logs and the expired sessions it deletes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { scheduleDailyMaintenance } from "@/lib/maintenance/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

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
afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T0 = new Date("2027-03-01T02:00:00Z");

/** Wait (in real time: setTimeout and performance.now are not faked, Date is) until `check` holds. */
async function until(check: () => boolean, what: string) {
  const deadline = performance.now() + 20_000;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Long enough in real time for a run that was (wrongly) started to have logged. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("scheduleDailyMaintenance", () => {
  it("runs at once, then every 24 hours; a failed run is logged and the next one still runs; stop ends it", async () => {
    const user = await test.db.user.create({ data: { email: "organizer@example.org" } });
    // One session that has expired at T0, one that expires before the next day's run, one the day after.
    for (const [token, expires] of [
      ["expired-at-start", T0.getTime() - HOUR],
      ["expires-on-day-1", T0.getTime() + 12 * HOUR],
      ["expires-on-day-2", T0.getTime() + 36 * HOUR],
    ] as const) {
      await test.db.session.create({ data: { sessionToken: token, userId: user.id, expires: new Date(expires) } });
    }
    const sessions = async () => (await test.db.session.findMany({ orderBy: { expires: "asc" } })).map((row) => row.sessionToken);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);

    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"], now: T0 });
    const lines: string[] = [];
    const stop = scheduleDailyMaintenance(test.db, (line) => lines.push(line));
    try {
      // At once, with the clock's "now".
      await until(() => lines.length === 1, "the first run");
      expect(JSON.parse(lines[0]?.replace(/^\[maintenance\] /, "") ?? "")).toMatchObject({ deletedSessions: 1 });
      expect(await sessions()).toEqual(["expires-on-day-1", "expires-on-day-2"]);

      // Not a moment before 24 hours…
      vi.advanceTimersByTime(DAY - 1);
      await settle();
      expect(lines).toHaveLength(1);
      // …and then again, with the clock's new "now".
      vi.advanceTimersByTime(1);
      await until(() => lines.length === 2, "the second run");
      expect(lines[1]).toMatch(/^\[maintenance\] \{.*"deletedSessions":1/);
      expect(await sessions()).toEqual(["expires-on-day-2"]);

      // A run that fails (its table is gone for a moment) is logged; nothing is thrown.
      await test.db.$executeRawUnsafe(`ALTER TABLE "Session" RENAME TO "Session_away"`);
      try {
        vi.advanceTimersByTime(DAY);
        await until(() => lines.length === 3, "the failing run");
      } finally {
        await test.db.$executeRawUnsafe(`ALTER TABLE "Session_away" RENAME TO "Session"`);
      }
      expect(lines[2]).toMatch(/^\[maintenance\] failed: /);

      // The next day's run happens all the same.
      vi.advanceTimersByTime(DAY);
      await until(() => lines.length === 4, "the run after the failure");
      expect(lines[3]).toMatch(/^\[maintenance\] \{.*"deletedSessions":1/);
      expect(await sessions()).toEqual([]);

      // Stopped: no more runs, however long the process lives.
      stop();
      vi.advanceTimersByTime(3 * DAY);
      await settle();
      expect(lines).toHaveLength(4);
      expect(unhandled).toEqual([]);
    } finally {
      stop();
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
