// The one Prisma client of a process. The same code talks to a real PostgreSQL server or to the
// embedded PGlite server: only DATABASE_URL differs.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client.ts";
import { getEnv } from "@/lib/env.ts";

export type Database = PrismaClient;

export function createDatabaseClient(connectionString: string, poolSize: number): Database {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: poolSize }),
    // Prisma's defaults (wait 2 s for a connection, 5 s per transaction) turn a deadline rush into
    // errors; a registration is better slow than refused. Queries themselves stay short.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
}

// Keep one client across hot reloads in development and across modules in tests.
const globalForDatabase = globalThis as unknown as { quorumDatabase?: Database };

/** The shared database client, created on first use from the validated configuration. */
export function getDatabase(): Database {
  if (!globalForDatabase.quorumDatabase) {
    const env = getEnv();
    globalForDatabase.quorumDatabase = createDatabaseClient(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
  }
  return globalForDatabase.quorumDatabase;
}

/** Close the shared client (tests and graceful shutdown). */
export async function disconnectDatabase(): Promise<void> {
  const client = globalForDatabase.quorumDatabase;
  globalForDatabase.quorumDatabase = undefined;
  await client?.$disconnect();
}
