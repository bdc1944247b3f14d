import "server-only";
// Files in PostgreSQL, as rows of up to 1 MiB (docs/decisions/0014): written one piece at a time
// inside the caller's transaction, read back one row at a time. Neither direction holds more than
// a piece in memory.
import { createReadStream } from "node:fs";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";

/** Size of one stored piece. */
export const CHUNK_BYTES = 1024 * 1024;

type ChunkWriter = Pick<Prisma.TransactionClient, "documentChunk">;

/** Copy the file at `path` into DocumentChunk rows of `fileId`, in order. Returns the number of rows. */
export async function writeChunks(tx: ChunkWriter, fileId: string, path: string): Promise<number> {
  let seq = 0;
  for await (const piece of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    await tx.documentChunk.create({ data: { fileId, seq, data: Uint8Array.from(piece) } });
    seq += 1;
  }
  return seq;
}

/** The stored file's bytes as a stream, one row per pull: a slow reader holds one piece, not the file. */
export function chunkStream(db: Database, fileId: string): ReadableStream<Uint8Array> {
  let seq = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const row = await db.documentChunk.findUnique({ where: { fileId_seq: { fileId, seq } }, select: { data: true } });
        if (!row) {
          controller.close();
          return;
        }
        seq += 1;
        controller.enqueue(row.data);
      },
    },
    { highWaterMark: 1 },
  );
}
