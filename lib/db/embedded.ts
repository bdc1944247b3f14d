// The embedded default: PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port over
// the Postgres wire protocol, so the app uses the same driver and SQL as with a real server.
import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * @param dataDir folder for the data, or "memory://" for a throwaway database
 * @param port loopback port, 0 for any free one
 */
export async function startEmbeddedDatabase(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  if (dataDir !== "memory://") await fs.mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  // pg_trgm backs the organizer search indexes (see prisma/schema.prisma).
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  // PGlite serves one backend; the socket server multiplexes connections onto it. Its default of
  // one connection resets every other client, and Next.js may hold several pools: leave headroom.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 100 });
  keepExtendedQueriesTogether(server as unknown as { queryQueue: QueryQueue });
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

type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};
type QueryQueue = {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

// Extended-query messages that belong to a sequence ended by Sync: Parse, Bind, Describe, Execute,
// Close, Flush.
const MID_SEQUENCE_MESSAGES = new Set(["P", "B", "D", "E", "C", "H"].map((letter) => letter.charCodeAt(0)));

/**
 * pglite-socket 0.2.17 serves every connection from one backend and takes their messages one at
 * a time, keeping to one connection only inside a transaction. node-postgres sends each query as
 * Parse/Bind/Execute/Sync, so two connections' sequences could interleave and one would find
 * "portal does not exist" (seen under 60 concurrent registrations). This keeps to a connection
 * from its first extended-query message until its Sync, as well as inside transactions.
 */
function keepExtendedQueriesTogether(server: { queryQueue: QueryQueue }): void {
  const queue = server.queryQueue;
  let midSequence = false;
  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const mustStay = this.lastHandlerId !== null && (midSequence || this.db.isInTransaction());
        const index = mustStay ? this.queue.findIndex((item) => item.handlerId === this.lastHandlerId) : 0;
        if (index === -1) break; // wait for that connection's next message
        const [item] = this.queue.splice(index, 1);
        if (!item) break;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          midSequence = false;
          this.lastHandlerId = item.handlerId;
          item.reject(error);
          continue;
        }
        midSequence = MID_SEQUENCE_MESSAGES.has(item.message[0] ?? 0);
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }.bind(queue);
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    // A connection that went away in the middle of a sequence must not hold the others up.
    if (queue.lastHandlerId === handlerId && !queue.db.isInTransaction()) {
      midSequence = false;
      queue.lastHandlerId = null;
      void queue.processQueue();
    }
  };
}
