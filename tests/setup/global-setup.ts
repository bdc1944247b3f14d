// With TEST_DATABASE_URL (a real PostgreSQL server): build one migrated template database; each
// test file then gets its own copy (CREATE DATABASE … TEMPLATE), so files run in parallel.
// The template is named per run, so two runs on one server (two checkouts, CI beside a
// developer) never drop each other's template. Without TEST_DATABASE_URL, each test file starts
// its own in-memory embedded PostgreSQL (see tests/helpers).
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrate.ts";

export default async function globalSetup() {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return;
  const template = `quorum_test_template_${randomBytes(4).toString("hex")}`;
  // Inherited by the test workers, which copy it (tests/helpers/database.ts).
  process.env.TEST_TEMPLATE_DATABASE = template;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  await applyMigrations(templateUrl.toString(), path.resolve("prisma/migrations"));
  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    try {
      await cleanup.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    } finally {
      await cleanup.end();
    }
  };
}
