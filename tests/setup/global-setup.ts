// With TEST_DATABASE_URL (a real PostgreSQL server): build one migrated template database; each
// test file then gets its own copy (CREATE DATABASE … TEMPLATE), so files run in parallel.
// Without it, each test file starts its own in-memory embedded PostgreSQL (see tests/helpers).
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrate.ts";

export const TEMPLATE_DATABASE = "quorum_test_template";

export default async function globalSetup() {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await applyMigrations(templateUrl.toString(), path.resolve("prisma/migrations"));
}
