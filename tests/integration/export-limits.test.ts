// The CSV export's slot: one export at a time per organizer, kept in PostgreSQL so that every
// instance agrees. A second export by the same organizer is refused and another organizer's is
// not; a reader that stops reading is cut off after the idle timeout, and a database failure
// mid-stream errors the stream; both free the slot. The streams are driven directly, as a slow
// or vanished browser would drive them; the database is real.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { registerForMeeting } from "@/lib/registration/service.ts";
import { startRegistrantExport } from "@/lib/registrants/export.ts";
import { parseRegistrantListQuery } from "@/lib/registrants/schema.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";
import type { OrganizerActor } from "@/lib/audit/catalogue.ts";

const cookieJar = new Map<string, string>();
// Auth.js names the cookie by scheme (__Secure- on https): the session is sent under both names.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
}));

const APP_URL = "https://register.example.org";
let test: TestDatabase;
let exportRoute: typeof import("@/app/admin/meetings/[meetingId]/export/route.ts");

beforeAll(async () => {
  test = await createTestDatabase(10);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = APP_URL;
  process.env.AUTH_SECRET = "x".repeat(40);
  exportRoute = await import("@/app/admin/meetings/[meetingId]/export/route.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});

let meeting: { id: string; slug: string };
let ada: OrganizerActor;
let grace: OrganizerActor;

async function organizer(email: string) {
  const user = await test.db.user.create({ data: { email } });
  await test.db.meetingOrganizer.create({ data: { meetingId: meeting.id, userId: user.id, role: "VIEWER" } });
  return { kind: "organizer" as const, userId: user.id, email };
}

beforeEach(async () => {
  await test.reset();
  cookieJar.clear();
  meeting = await createMeeting(test.db);
  for (let index = 0; index < 5; index++) {
    await registerForMeeting(test.db, {
      slug: meeting.slug,
      input: buildRegistrationInput({ email: `p${index}@example.org` }),
      submissionKey: null,
      locale: "en",
      now: new Date(),
      appUrl: APP_URL,
    });
  }
  ada = await organizer("ada@example.org");
  grace = await organizer("grace@example.org");
});

const everyone = parseRegistrantListQuery({});

async function start(actor: OrganizerActor, options: { idleTimeoutMs?: number; batchSize?: number } = {}) {
  return startRegistrantExport(test.db, { meetingId: meeting.id, query: everyone, locale: "en", actor, ...options });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

const slots = () => test.db.exportSlot.findMany({ orderBy: { userId: "asc" } });

describe("one export at a time per organizer", () => {
  it("refuses the same organizer's second export while the first is open, and allows it once that one ends", async () => {
    const first = await start(ada);
    if (!first.ok) throw new Error("the first export was refused");
    expect(await start(ada)).toEqual({ ok: false, reason: "busy" });
    expect(await slots()).toHaveLength(1);
    // Only the export that ran is in the audit log.
    expect(await test.db.auditEntry.count({ where: { action: "registrants.exported" } })).toBe(1);

    const csv = await readAll(first.stream);
    expect(csv.trimEnd().split("\r\n")).toHaveLength(6);
    expect(await slots()).toEqual([]);
    const again = await start(ada);
    expect(again.ok).toBe(true);
    if (again.ok) await again.stream.cancel();
    expect(await slots()).toEqual([]);
  });

  it("lets two organizers export at the same time", async () => {
    const first = await start(ada);
    const second = await start(grace);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect((await slots()).map((slot) => slot.userId).sort()).toEqual([ada.userId, grace.userId].sort());
    if (first.ok && second.ok) {
      const [a, b] = await Promise.all([readAll(first.stream), readAll(second.stream)]);
      expect(a).toBe(b);
      expect(a).toContain("p4@example.org");
    }
    expect(await slots()).toEqual([]);
  });

  it("takes over a slot that lapsed (an instance that crashed mid-export never freed it)", async () => {
    await test.db.exportSlot.create({ data: { userId: ada.userId, holder: crypto.randomUUID(), expiresAt: new Date(Date.now() - 1000) } });
    const started = await start(ada);
    expect(started.ok).toBe(true);
    if (started.ok) await started.stream.cancel();
  });
});

describe("an export that stalls or fails frees its slot", () => {
  it("cancels a stream the client stopped reading after the idle timeout, and frees the slot", async () => {
    const started = await start(ada, { idleTimeoutMs: 300, batchSize: 2 });
    if (!started.ok) throw new Error("refused");
    const reader = started.stream.getReader();
    await reader.read(); // the header, then the reader stops reading
    await vi.waitFor(async () => expect(await slots()).toEqual([]), { timeout: 5000, interval: 50 });
    await expect(reader.read()).rejects.toThrow(/idle|stalled/i);
    expect((await start(ada)).ok).toBe(true);
  });

  it("keeps a slow but steady reader going (each read restarts the idle clock)", async () => {
    const started = await start(ada, { idleTimeoutMs: 400, batchSize: 1 });
    if (!started.ok) throw new Error("refused");
    const reader = started.stream.getReader();
    let text = "";
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text.trimEnd().split("\r\n")).toHaveLength(6);
    expect(await slots()).toEqual([]);
  });

  it("errors the stream and frees the slot when a query fails mid-stream", async () => {
    const started = await start(ada, { batchSize: 2 });
    if (!started.ok) throw new Error("refused");
    const reader = started.stream.getReader();
    await reader.read(); // header
    await reader.read(); // first two registrants
    // The next batch's query fails (as after a failover or a botched migration).
    await test.db.$executeRawUnsafe(`ALTER TABLE "Registration" RENAME COLUMN "jobTitle" TO "jobTitleGone"`);
    try {
      await expect(
        (async () => {
          for (;;) if ((await reader.read()).done) return "ended normally";
        })(),
      ).rejects.toThrow(/jobTitle/);
      expect(await slots()).toEqual([]);
    } finally {
      await test.db.$executeRawUnsafe(`ALTER TABLE "Registration" RENAME COLUMN "jobTitleGone" TO "jobTitle"`);
    }
    expect((await start(ada)).ok).toBe(true);
  });

  it("errors the stream and frees the slot when its database connection is killed mid-query", async (context) => {
    // PGlite has a single backend: terminating it would end the database for everyone.
    if (test.kind === "pglite") context.skip();
    const started = await start(ada, { batchSize: 2 });
    if (!started.ok) throw new Error("refused");
    const blocker = new pg.Client({ connectionString: test.url });
    await blocker.connect();
    try {
      // Hold the next batch's query on a lock, so it is certainly running when its backend dies.
      await blocker.query(`BEGIN; LOCK TABLE "Registration" IN ACCESS EXCLUSIVE MODE`);
      const reader = started.stream.getReader();
      await reader.read(); // header; the first batch's query starts and waits for the lock
      let waiting: number[] = [];
      await vi.waitFor(
        async () => {
          // The backend waiting for the lock is the export's (pg_stat_activity may still show
          // its previous statement while the next one is being parsed).
          const rows = await blocker.query<{ pid: number }>(
            `SELECT pid FROM pg_locks WHERE NOT granted AND relation = '"Registration"'::regclass AND pid <> pg_backend_pid()`,
          );
          waiting = rows.rows.map((row) => row.pid);
          expect(waiting).toHaveLength(1);
        },
        { timeout: 5000, interval: 50 },
      );
      await blocker.query("SELECT pg_terminate_backend($1)", [waiting[0]]);
      await expect(reader.read()).rejects.toThrow(/terminat/i);
      await blocker.query("ROLLBACK");
      expect(await slots()).toEqual([]);
      expect((await start(ada)).ok).toBe(true);
    } finally {
      await blocker.end();
    }
  });
});

describe("the export route", () => {
  async function signInAs(who: { userId: string }) {
    const sessionToken = randomBytes(32).toString("hex");
    await test.db.session.create({ data: { sessionToken, userId: who.userId, expires: new Date(Date.now() + 3_600_000) } });
    for (const name of SESSION_COOKIES) cookieJar.set(name, sessionToken);
  }
  const get = () =>
    exportRoute.GET(new Request(`${APP_URL}/admin/meetings/${meeting.id}/export`), { params: Promise.resolve({ meetingId: meeting.id }) });

  it("answers the same organizer's second export with 429 while the first is open; another organizer still gets 200", async () => {
    await signInAs(ada);
    const first = await get();
    expect(first.status).toBe(200);
    const second = await get();
    expect(second.status).toBe(429);
    expect(await second.text()).toMatch(/export is still running/i);
    await signInAs(grace);
    const other = await get();
    expect(other.status).toBe(200);
    expect(await other.text()).toContain("p0@example.org");
    expect(await first.text()).toContain("p0@example.org");
    await signInAs(ada);
    const third = await get();
    expect(third.status).toBe(200);
    await third.body?.cancel();
    expect(await slots()).toEqual([]);
  });
});
