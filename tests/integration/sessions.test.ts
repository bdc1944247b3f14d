// Organizer sessions on a real database with a fake clock: each use extends the idle window
// (at most one write a minute), never past 12 hours after sign-in; on HTTPS only the
// __Secure- cookie is read.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const cookieJar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
}));

let test: TestDatabase;
let sessions: typeof import("@/lib/auth/session.ts");

beforeAll(async () => {
  test = await createTestDatabase(4);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = "https://register.example.org";
  process.env.AUTH_SECRET = "x".repeat(40);
  sessions = await import("@/lib/auth/session.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});
beforeEach(async () => {
  await test.reset();
  cookieJar.clear();
});

const T = new Date("2026-11-30T08:00:00.000Z");
const minutes = (count: number) => new Date(T.getTime() + count * 60_000);

/** A session as Auth.js makes it when the link is used at T: idle window from T. */
async function signInAt(signedInAt: Date): Promise<string> {
  const user = await test.db.user.create({
    data: { email: `organizer-${randomBytes(4).toString("hex")}@example.org`, canCreateMeetings: true },
  });
  const sessionToken = randomBytes(32).toString("base64url");
  await test.db.session.create({
    data: { sessionToken, userId: user.id, createdAt: signedInAt, expires: new Date(signedInAt.getTime() + 30 * 60_000) },
  });
  return sessionToken;
}

const expiresOf = async (sessionToken: string) => (await test.db.session.findUniqueOrThrow({ where: { sessionToken } })).expires;

describe("findSignedInOrganizer: a rolling idle window inside a 12-hour limit", () => {
  it("a session used at T+25 min is still valid at T+50 min", async () => {
    const token = await signInAt(T);
    expect(await sessions.findSignedInOrganizer(test.db, token, minutes(25))).not.toBeNull();
    expect(await expiresOf(token)).toEqual(minutes(55));
    expect(await sessions.findSignedInOrganizer(test.db, token, minutes(50))).not.toBeNull();
  });

  it("a session unused for 31 minutes is refused", async () => {
    const token = await signInAt(T);
    expect(await sessions.findSignedInOrganizer(test.db, token, minutes(10))).not.toBeNull();
    expect(await sessions.findSignedInOrganizer(test.db, token, minutes(41))).toBeNull();
    const other = await signInAt(T);
    expect(await sessions.findSignedInOrganizer(test.db, other, minutes(31))).toBeNull();
  });

  it("a session is refused 12 hours after sign-in although it was used all along", async () => {
    const token = await signInAt(T);
    for (let at = 20; at < 12 * 60; at += 20) {
      expect(await sessions.findSignedInOrganizer(test.db, token, minutes(at)), `at T+${at} min`).not.toBeNull();
    }
    // The last use (T+11 h 40) extended it only to the 12-hour limit, not 30 minutes past it.
    expect(await expiresOf(token)).toEqual(minutes(12 * 60));
    expect(await sessions.findSignedInOrganizer(test.db, token, minutes(12 * 60 - 1))).not.toBeNull();
    expect(await sessions.findSignedInOrganizer(test.db, token, minutes(12 * 60))).toBeNull();
  });

  it("extends the row at most once a minute", async () => {
    const token = await signInAt(T);
    await sessions.findSignedInOrganizer(test.db, token, minutes(5));
    expect(await expiresOf(token)).toEqual(minutes(35));
    await sessions.findSignedInOrganizer(test.db, token, new Date(minutes(5).getTime() + 59_000));
    expect(await expiresOf(token)).toEqual(minutes(35));
    await sessions.findSignedInOrganizer(test.db, token, minutes(6));
    expect(await expiresOf(token)).toEqual(minutes(36));
  });

  it("never shortens a session that a later request already extended", async () => {
    const token = await signInAt(T);
    await sessions.findSignedInOrganizer(test.db, token, minutes(20));
    await sessions.findSignedInOrganizer(test.db, token, minutes(10));
    expect(await expiresOf(token)).toEqual(minutes(50));
  });
});

describe("readSessionToken", () => {
  it("on HTTPS reads only the __Secure- cookie (a plain-named one can be planted over HTTP or by a sibling domain)", async () => {
    cookieJar.set("authjs.session-token", "planted");
    expect(await sessions.readSessionToken()).toBeUndefined();
    cookieJar.set("__Secure-authjs.session-token", "real");
    expect(await sessions.readSessionToken()).toBe("real");
  });

  it("on plain HTTP (local use) reads the plain cookie", async () => {
    vi.resetModules();
    const previous = process.env.APP_URL;
    process.env.APP_URL = "http://localhost:3000";
    try {
      const plain = await import("@/lib/auth/session.ts");
      cookieJar.set("authjs.session-token", "local");
      expect(await plain.readSessionToken()).toBe("local");
    } finally {
      process.env.APP_URL = previous;
    }
  });
});
