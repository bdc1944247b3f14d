// /readyz, the load balancer's question "may I send traffic here?": 200 only when the database
// answers and has every migration this code expects; 503 when a migration is missing or failed,
// or the database is down. (While the process drains on SIGTERM the web server itself answers 503:
// tests/e2e/production-server.spec.ts.)
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

let test: TestDatabase;

async function readyz() {
  vi.resetModules();
  const { GET } = await import("@/app/readyz/route.ts");
  const response = await GET();
  return {
    status: response.status,
    body: (await response.json()) as { status: string },
    cacheControl: response.headers.get("cache-control"),
  };
}

describe("with the database up", () => {
  let migrations: Array<{ id: string; migration_name: string; finished_at: Date | null }>;
  beforeAll(async () => {
    test = await createTestDatabase(5);
    process.env.DATABASE_URL = test.url;
    process.env.APP_URL = "https://register.example.org";
    process.env.AUTH_SECRET = "x".repeat(40);
    migrations = await test.db.$queryRaw`SELECT id, migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
  });
  afterAll(async () => {
    const { disconnectDatabase } = await import("@/lib/db/client.ts");
    await disconnectDatabase();
    await test.close();
  });
  beforeEach(async () => {
    // Every migration applied, as createTestDatabase left it.
    await test.db.$executeRaw`DELETE FROM "_prisma_migrations"`;
    for (const row of migrations) {
      await test.db.$executeRaw`
        INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
        VALUES (${row.id}, '', ${row.migration_name}, ${row.finished_at}, 1)`;
    }
  });

  it("answers 200 when every migration is applied", async () => {
    const folders = readdirSync("prisma/migrations", { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(migrations.map((row) => row.migration_name)).toEqual(folders.map((entry) => entry.name).sort());
    expect(await readyz()).toEqual({ status: 200, body: { status: "ready" }, cacheControl: "no-store" });
  });

  it("answers 503 when the newest migration has not been applied (code deployed ahead of its database)", async () => {
    const newest = migrations.at(-1)?.migration_name ?? "";
    await test.db.$executeRaw`DELETE FROM "_prisma_migrations" WHERE migration_name = ${newest}`;
    expect(await readyz()).toEqual({ status: 503, body: { status: "migrations pending" }, cacheControl: "no-store" });
  });

  it("answers 503 when a migration started and did not finish", async () => {
    const newest = migrations.at(-1)?.migration_name ?? "";
    await test.db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = ${newest}`;
    expect(await readyz()).toEqual({ status: 503, body: { status: "migrations pending" }, cacheControl: "no-store" });
  });
});

describe("with the database down", () => {
  it("answers 503 'database unreachable' when nothing listens at DATABASE_URL", async () => {
    const { disconnectDatabase } = await import("@/lib/db/client.ts");
    await disconnectDatabase();
    // Port 9 (discard) on loopback: nothing listens there, the connection is refused at once.
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:9/quorum";
    try {
      expect(await readyz()).toEqual({ status: 503, body: { status: "database unreachable" }, cacheControl: "no-store" });
    } finally {
      const client = await import("@/lib/db/client.ts");
      await client.disconnectDatabase();
    }
  });
});
