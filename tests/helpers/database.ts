// A clean, migrated database for one test file: a copy of the template on the real PostgreSQL
// server when TEST_DATABASE_URL is set, otherwise an in-memory embedded PostgreSQL (PGlite).
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { createDatabaseClient, type Database } from "@/lib/db/client.ts";
import { startEmbeddedDatabase } from "@/lib/db/embedded.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";

export type TestDatabase = {
  url: string;
  db: Database;
  reset: () => Promise<void>;
  close: () => Promise<void>;
  kind: "postgres" | "pglite";
};

const TABLES = [
  "DocumentChunk",
  "InputDocument",
  "DocumentFile",
  "DocumentCounter",
  "DocumentDeadlineException",
  "AuditEntry",
  "OutboxEmail",
  "NoticeJob",
  "ManageLink",
  "AttendanceReportRow",
  "AttendanceReport",
  "JoinLinkUse",
  "JoinLink",
  "MeetingSession",
  "RemovedMeetingSession",
  "DevMailboxMessage",
  "Registration",
  "MeetingOrganizer",
  "Session",
  "Account",
  "VerificationToken",
  "User",
  "FocalPointMeeting",
  "FocalPoint",
  "FocalPointImport",
  "FocalPointDecisionLink",
  "FocalPointListLink",
  "Meeting",
  "RateLimitBucket",
  "ExportSlot",
];

export async function createTestDatabase(poolSize = 20): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let dispose: () => Promise<void>;
  if (serverUrl) {
    const name = `quorum_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const template = process.env.TEST_TEMPLATE_DATABASE;
    if (!template) throw new Error("TEST_TEMPLATE_DATABASE is not set: run the tests through vitest (tests/setup/global-setup.ts)");
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
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
    await applyMigrations(embedded.url, path.resolve("prisma/migrations"));
    url = embedded.url;
    dispose = embedded.stop;
  }
  const db = createDatabaseClient(url, poolSize);
  return {
    url,
    db,
    kind: serverUrl ? "postgres" : "pglite",
    reset: async () => {
      await db.$executeRawUnsafe(`TRUNCATE ${TABLES.map((table) => `"${table}"`).join(", ")} RESTART IDENTITY CASCADE`);
    },
    close: async () => {
      await db.$disconnect();
      await dispose();
    },
  };
}
