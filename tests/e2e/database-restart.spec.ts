// PostgreSQL restarts while people are registering: what was answered "check your email" before
// the restart is still there after it, the server needs no restart of its own, and registrations
// succeed again once the database is back. The database is an embedded one this test starts,
// stops and starts again on the same port and data folder (the shared servers cannot be restarted).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "../../lib/db/embedded.ts";
import { applyMigrations } from "../../lib/db/migrate.ts";
import { spawnServer, waitForStatus } from "./spawned-server.ts";
import { expect, hiddenFormFields, multipart, registrationFields, sql, test } from "./support.ts";

const WEB_PORT = 3184;
const DATABASE_PORT = 5491;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function query<Row extends Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

type Attempt = { email: string; startedAt: number; endedAt: number; status: number };

// Always on its own embedded database, whatever TEST_DATABASE_URL says: run once per suite.
test("a database restart under load: registrations before and after it succeed, none is lost", {
  tag: "@database-independent",
}, async () => {
  test.setTimeout(240_000);
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "quorum-restart-")), "pglite");
  let database = await startEmbeddedDatabase(dataDir, DATABASE_PORT);
  const server = spawnServer(WEB_PORT, { DATABASE_URL: database.url, TRUST_PROXY: "true" });
  let load: Promise<void> | undefined;
  let loading = true;
  try {
    await applyMigrations(database.url, path.join(process.cwd(), "prisma", "migrations"));
    // The practice meeting, as the e2e database has it.
    const [practice] = await sql<{ row: unknown }>(`SELECT row_to_json(m) AS row FROM "Meeting" m WHERE slug = 'practice'`);
    await query(database.url, `INSERT INTO "Meeting" SELECT * FROM json_populate_record(NULL::"Meeting", $1)`, [practice?.row]);
    await waitForStatus(server.appUrl, "/readyz");
    const fields = hiddenFormFields(await (await fetch(`${server.appUrl}/meetings/practice/register`)).text());

    // A registration every 50 ms, from as many clients, until told to stop.
    const run = Date.now().toString(36);
    const attempts: Attempt[] = [];
    const pending: Array<Promise<void>> = [];
    const register = async (index: number) => {
      const email = `restart-${run}-${index}@example.org`;
      const startedAt = performance.now();
      let status = 0;
      try {
        const response = await fetch(`${server.appUrl}/meetings/practice/register`, {
          method: "POST",
          headers: {
            origin: server.appUrl,
            "sec-fetch-site": "same-origin",
            "x-forwarded-for": `198.20.${Math.floor(index / 250)}.${(index % 250) + 1}`,
          },
          body: multipart([...fields, ...registrationFields(email)]),
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
      attempts.push({ email, startedAt, endedAt: performance.now(), status });
    };
    load = (async () => {
      for (let index = 0; loading; index++) {
        pending.push(register(index));
        await sleep(50);
      }
      await Promise.all(pending);
    })();

    // Enough answered registrations on each side, however busy the machine (not a fixed time).
    const until = async (enough: () => boolean) => {
      const deadline = performance.now() + 90_000;
      while (!enough() && performance.now() < deadline) await sleep(100);
    };
    await until(() => attempts.length > 20);
    const stoppedAt = performance.now();
    await database.stop();
    await sleep(2000);
    database = await startEmbeddedDatabase(dataDir, DATABASE_PORT);
    await waitForStatus(server.appUrl, "/readyz", 200, 30_000);
    const recoveredAt = performance.now();
    await until(() => attempts.filter((attempt) => attempt.startedAt > recoveredAt).length > 20);
    loading = false;
    await load;

    const before = attempts.filter((attempt) => attempt.endedAt < stoppedAt);
    const after = attempts.filter((attempt) => attempt.startedAt > recoveredAt);
    const during = attempts.filter((attempt) => !before.includes(attempt) && !after.includes(attempt));
    const report = JSON.stringify({ before: before.length, during: during.map((attempt) => attempt.status), after: after.length });
    if ([...before, ...after].some((attempt) => attempt.status !== 303)) console.log(server.output());
    // Load on both sides of the restart, and the restart was felt.
    expect(before.length, report).toBeGreaterThan(20);
    expect(after.length, report).toBeGreaterThan(20);
    expect(
      during.some((attempt) => attempt.status !== 303),
      report,
    ).toBe(true);
    // Before and after: every one answered "check your email".
    expect(
      before.filter((attempt) => attempt.status !== 303),
      report,
    ).toEqual([]);
    expect(
      after.filter((attempt) => attempt.status !== 303),
      report,
    ).toEqual([]);

    // None lost: every registration answered 303, at any time, is stored with its email queued;
    // and nothing is half-written (a stored registration without its email).
    const stored = await query<{ email: string; emails: number }>(
      database.url,
      `SELECT r.email, (SELECT count(*)::int FROM "OutboxEmail" o WHERE o."registrationId" = r.id) AS emails
       FROM "Registration" r WHERE r.email LIKE $1`,
      [`restart-${run}-%`],
    );
    const storedEmails = new Set(stored.map((row) => row.email));
    const answered = attempts.filter((attempt) => attempt.status === 303).map((attempt) => attempt.email);
    expect(answered.filter((email) => !storedEmails.has(email))).toEqual([]);
    expect(stored.filter((row) => row.emails !== 1)).toEqual([]);
  } finally {
    loading = false;
    await load?.catch(() => {});
    await server.stop();
    await database.stop().catch(() => {});
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }
});
