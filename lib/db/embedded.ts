// The embedded default: PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port over
// the Postgres wire protocol, so the app uses the same driver and SQL as with a real server.
import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * @param dataDir folder for the data, or "memory://" for a throwaway database
 * @param port loopback port, 0 for any free one
 */
export async function startEmbeddedDatabase(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  if (dataDir !== "memory://") await fs.mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  const db = await PGlite.create({ dataDir });
  // PGlite serves one backend; the socket server multiplexes connections onto it. Its default of
  // one connection resets every other client, and Next.js may hold several pools: leave headroom.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 100 });
  await server.start();
  const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close(); // flushes to dataDir
    },
  };
}
