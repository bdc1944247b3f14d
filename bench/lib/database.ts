// A throwaway database for one bench run: a fresh `quorum_bench_<random>` on the PostgreSQL
// server of DATABASE_URL (default: the local server), or, when that server cannot be reached,
// an in-memory embedded PGlite, as `npm start` uses without DATABASE_URL.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded.ts";

const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/test";

export type BenchDatabase = {
  url: string;
  kind: "postgres" | "pglite";
  name: string;
  serverVersion: string;
  drop: () => Promise<void>;
};

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export async function provisionDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER_URL;
  const name = `quorum_bench_${randomBytes(6).toString("hex")}`;
  let serverVersion: string;
  try {
    serverVersion = await withClient(serverUrl, async (client) => {
      const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
      // The name is ours (hex), so interpolating it is safe; CREATE DATABASE takes no parameters.
      await client.query(`CREATE DATABASE ${name}`);
      return rows[0]?.server_version ?? "unknown";
    });
  } catch (error) {
    log(`PostgreSQL at ${new URL(serverUrl).host} unreachable (${(error as Error).message}); using embedded PGlite`);
    const embedded = await startEmbeddedDatabase("memory://", 0);
    return { url: embedded.url, kind: "pglite", name: "memory://", serverVersion: "PGlite", drop: embedded.stop };
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: "postgres",
    name,
    serverVersion,
    drop: () => withClient(serverUrl, async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
