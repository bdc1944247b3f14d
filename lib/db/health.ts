import "server-only";
// What the health endpoints ask the database: does it answer, and has it every migration this
// code was written for.
import fs from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/db/client.ts";

export type DatabaseHealth = "ready" | "migrations pending" | "database unreachable";

export async function databaseAnswers(db: Database): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

let expected: string[] | undefined;
/**
 * The migrations the code expects: the folders of prisma/migrations, which ship with it (npm start
 * applies them from there). Code deployed ahead of its database finds one without a row; counting
 * only unfinished rows, as this once did, called that database ready.
 */
function expectedMigrations(): string[] {
  expected ??= fs
    .readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return expected;
}

export async function databaseHealth(db: Database): Promise<DatabaseHealth> {
  let applied: { migration_name: string; finished_at: Date | null }[];
  try {
    applied = await db.$queryRaw`
      SELECT migration_name, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`;
  } catch {
    return "database unreachable";
  }
  const finished = new Set(applied.filter((row) => row.finished_at).map((row) => row.migration_name));
  const unfinished = applied.some((row) => !row.finished_at);
  return unfinished || expectedMigrations().some((name) => !finished.has(name)) ? "migrations pending" : "ready";
}
