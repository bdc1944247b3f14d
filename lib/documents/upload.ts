import "server-only";
// Reading the input-document form as it streams in: the text fields into memory (a few kB), the
// file straight to a temporary file on local disk, hashed on the way, cut off at the meeting's
// limit. Memory stays bounded whatever the file's size; the temporary file is removed by
// `discard()` whatever happens (the route calls it in `finally`). Nothing touches the database
// here: a request that breaks off half-way has stored nothing.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { DOCUMENT_FORM_OVERHEAD_BYTES } from "@/lib/documents/rules.ts";

export type UploadedFile = { path: string; size: number; sha256: string; sentName: string };

export type ReceivedUpload =
  | { ok: true; fields: Record<string, string>; file: UploadedFile | null; discard: () => Promise<void> }
  | { ok: false; problem: "too-large" | "malformed"; discard: () => Promise<void> };

const FIELD_LIMITS = { fields: 12, fieldSize: 16 * 1024, files: 1, parts: 14 };

/** Read `request` (multipart/form-data) with the file field `fileField`, refusing a file over `maxFileBytes`. */
export async function receiveUpload(request: Request, fileField: string, maxFileBytes: number): Promise<ReceivedUpload> {
  let directory: string | null = null;
  const discard = async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxFileBytes + DOCUMENT_FORM_OVERHEAD_BYTES)
    return { ok: false, problem: "too-large", discard };
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body || !contentType.toLowerCase().startsWith("multipart/form-data")) return { ok: false, problem: "malformed", discard };

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: { ...FIELD_LIMITS, fileSize: maxFileBytes },
      defParamCharset: "utf8",
    });
  } catch {
    return { ok: false, problem: "malformed", discard };
  }
  directory = await mkdtemp(path.join(tmpdir(), "quorum-upload-"));
  const target = path.join(directory, "file");
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  let tooLarge = false;
  const writes: Promise<void>[] = [];

  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    if (name !== fileField || file) {
      stream.resume();
      return;
    }
    const hash = createHash("sha256");
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      hash.update(chunk);
    });
    stream.on("limit", () => {
      tooLarge = true;
    });
    const uploaded: UploadedFile = { path: target, size: 0, sha256: "", sentName: info.filename ?? "" };
    file = uploaded;
    writes.push(
      pipeline(stream, createWriteStream(target)).then(() => {
        uploaded.size = size;
        uploaded.sha256 = hash.digest("hex");
      }),
    );
  });

  try {
    await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), parser);
    await Promise.all(writes);
  } catch {
    // Let the file's own write settle (it fails too when the request broke off) before the caller
    // discards the folder.
    await Promise.allSettled(writes);
    return { ok: false, problem: "malformed", discard };
  }
  if (tooLarge) return { ok: false, problem: "too-large", discard };
  return { ok: true, fields, file, discard };
}
