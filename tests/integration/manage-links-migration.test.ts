// The migration that moved manage-link hashes from Registration.manageTokenHash into ManageLink:
// a database with registrations made before it keeps every emailed link working after it.
// Applied step by step to an empty database (a fresh one on the server with TEST_DATABASE_URL,
// otherwise an in-memory embedded PostgreSQL).
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseClient, type Database } from "@/lib/db/client.ts";
import { startEmbeddedDatabase } from "@/lib/db/embedded.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";
import { findRegistrationByManageToken } from "@/lib/registration/service.ts";
import { generateSecretToken, hashToken } from "@/lib/security/tokens.ts";

const MIGRATIONS = path.resolve("prisma/migrations");
const MANAGE_LINK_MIGRATION = /_manage_links$/;

let url: string;
let dispose: () => Promise<void>;
let db: Database | undefined;

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `quorum_migration_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    dispose = async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    };
  } else {
    const embedded = await startEmbeddedDatabase("memory://", 0);
    url = embedded.url;
    dispose = embedded.stop;
  }
});
afterAll(async () => {
  await db?.$disconnect();
  await dispose();
});

/** A copy of prisma/migrations holding only the migrations before the manage-link one. */
async function migrationsBefore(): Promise<string> {
  const names = (await fs.readdir(MIGRATIONS, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const cut = names.findIndex((name) => MANAGE_LINK_MIGRATION.test(name));
  expect(cut, "no *_manage_links migration in prisma/migrations").toBeGreaterThan(0);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "quorum-migrations-"));
  for (const name of names.slice(0, cut)) await fs.cp(path.join(MIGRATIONS, name), path.join(dir, name), { recursive: true });
  return dir;
}

describe("the manage-links migration", () => {
  it("keeps the link of every registration made before it, and drops the erased ones' placeholders", async () => {
    const before = await migrationsBefore();
    await applyMigrations(url, before);
    await fs.rm(before, { recursive: true });
    const token = generateSecretToken();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const [meeting] = (
      await client.query<{ id: string }>(
        `INSERT INTO "Meeting" (id, slug, title, "shortName", format, "startsAt", "endsAt", "timeZone", languages, fee,
           "contactName", "contactEmail", "eligibleCategories", "registrationOpensAt", "registrationClosesAt", "updatedAt")
         VALUES (gen_random_uuid(), 'old', 'Old meeting', 'OLD', 'REMOTE', now(), now(), 'UTC', 'English', 'Free', 'S', 's@example.org',
           '{INDIVIDUAL}', now(), now(), now()) RETURNING id`,
      )
    ).rows;
    const insert = `INSERT INTO "Registration" (id, "meetingId", reference, email, "givenName", "familyName", country, category,
        status, "privacyAcceptedAt", "manageTokenHash", "erasedAt", "updatedAt")
      VALUES (gen_random_uuid(), $1, $2, $3, 'Ada', 'Lovelace', 'CH', 'INDIVIDUAL', 'CONFIRMED', now(), $4, $5, now()) RETURNING id`;
    const [kept] = (await client.query<{ id: string }>(insert, [meeting?.id, "Q-AAAAA-00001", "ada@example.org", hashToken(token), null]))
      .rows;
    await client.query(insert, [meeting?.id, "Q-AAAAA-00002", "erased@erased.invalid", hashToken("erased:x"), new Date()]);
    await client.end();

    const report = await applyMigrations(url, MIGRATIONS);
    expect(report.applied.some((name) => MANAGE_LINK_MIGRATION.test(name))).toBe(true);
    db = createDatabaseClient(url, 2);
    expect((await findRegistrationByManageToken(db, token))?.id).toBe(kept?.id);
    expect(await db.manageLink.findMany({ select: { tokenHash: true, registrationId: true } })).toEqual([
      { tokenHash: hashToken(token), registrationId: kept?.id },
    ]);
  });
});
