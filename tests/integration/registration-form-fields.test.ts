// Fields the registration form does not own, posted to its action the way a crafted request would:
// nothing but the form's own fields reaches the row, and names such as "__proto__[polluted]"
// change no object in the server process. (The browser test in tests/e2e/registration.spec.ts
// posts the same fields through the real page; only here can the server's prototypes be seen.)
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";

class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => {} }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
}));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));

let test: TestDatabase;
let registration: typeof import("@/lib/registration/actions.ts");

beforeAll(async () => {
  test = await createTestDatabase(5);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = "https://register.example.org";
  process.env.AUTH_SECRET = "x".repeat(40);
  registration = await import("@/lib/registration/actions.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

const IDLE = { status: "idle", fieldErrors: {}, values: {} } as const;

describe("fields the registration form does not own", () => {
  it("are ignored: status, role, meeting, reference and createdAt stay the server's, and __proto__ pollutes nothing", async () => {
    // Approval by hand: a posted status=CONFIRMED would show as a confirmed row.
    const meeting = await createMeeting(test.db, { approvalMode: "MANUAL" });
    const elsewhere = await createMeeting(test.db);
    const email = "crafted@example.org";
    const data = new FormData();
    for (const [key, value] of Object.entries(buildRegistrationInput({ email }))) {
      if (value === undefined || value === false) continue;
      data.append(key, value === true ? "yes" : String(value));
    }
    const extraFields: Array<[string, string]> = [
      ["status", "CONFIRMED"],
      ["meetingId", elsewhere.id],
      ["role", "OWNER"],
      ["canCreateMeetings", "true"],
      ["reference", "Q-HACKED-00000"],
      ["createdAt", "2000-01-01T00:00:00Z"],
      ["id", "00000000-0000-4000-8000-000000000000"],
      ["__proto__[polluted]", "yes"],
      ["__proto__", "polluted"],
      ["constructor[prototype][polluted]", "yes"],
      ["__proto__.polluted", "yes"],
    ];
    for (const [name, value] of extraFields) data.append(name, value);
    const before = Date.now();

    let answer: unknown;
    try {
      answer = await registration.registerAction(meeting.slug, IDLE, data);
    } catch (error) {
      if (!(error instanceof Redirect)) throw error;
      answer = error.url;
    }
    expect(answer).toBe(`/meetings/${meeting.slug}/register/sent`);

    const rows = await test.db.registration.findMany();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ meetingId: meeting.id, email, status: "PENDING" });
    expect(row?.id).not.toBe("00000000-0000-4000-8000-000000000000");
    expect(row?.reference).not.toBe("Q-HACKED-00000");
    expect(row?.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await test.db.registration.count({ where: { meetingId: elsewhere.id } })).toBe(0);
    // No organizer came out of it.
    expect(await test.db.user.count()).toBe(0);
    expect(await test.db.meetingOrganizer.count()).toBe(0);
    // No object in this process gained a property.
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
