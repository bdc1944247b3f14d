import "server-only";
// What a stored upload really is, read from its content, never from its name or the browser's
// Content-Type: PDF (%PDF-), Word 97–2003 (an OLE2 compound file with a WordDocument stream), or a
// ZIP whose central directory says docx / pptx / xlsx / plain zip. Refused: anything else (a
// renamed .exe, HTML called .pdf), an encrypted PDF or Office file (docx/pptx/xlsx in an OLE2
// EncryptedPackage, or a .doc whose FIB says fEncrypted), a ZIP whose entries would unpack to far
// more than its size (zip bomb), or with encrypted entries, or that is malformed.
// PDFs and ZIPs are read from disk in small pieces; a .doc is read whole (at most the meeting's
// file limit) to parse its compound file.
import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import CFB from "cfb";
import yauzl from "yauzl";
import type { DocumentKind } from "@/lib/documents/rules.ts";
import type { FileProblem } from "@/lib/documents/schema.ts";

export type FileVerdict = { ok: true; kind: DocumentKind } | { ok: false; problem: FileProblem };

/** Limits for ZIP files (and docx/pptx/xlsx, which are ZIPs). */
export const ZIP_LIMITS = {
  /** Most entries in one archive. */
  maxEntries: 10_000,
  /** Most bytes all entries may unpack to, as their central directory declares them. */
  maxUncompressedBytes: 512 * 1024 * 1024,
  /** Highest compression ratio of an entry of more than 1 MB unpacked (text compresses ~10×). */
  maxRatio: 200,
};

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const PDF = Buffer.from("%PDF-", "latin1");

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whether any of `needles` occurs in the file (read in 1 MB pieces, overlapping by the longest needle). */
async function fileContains(path: string, needles: Buffer[]): Promise<boolean> {
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  let tail = Buffer.alloc(0);
  for await (const piece of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    const window = Buffer.concat([tail, piece]);
    if (needles.some((needle) => window.includes(needle))) return true;
    tail = window.subarray(Math.max(0, window.length - overlap));
  }
  return false;
}

const utf16 = (text: string) => Buffer.from(text, "utf16le");

type ZipEntrySummary = { names: string[]; problem?: FileProblem };

function readZipDirectory(path: string): Promise<ZipEntrySummary> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return resolve({ names: [], problem: "damaged" });
      const names: string[] = [];
      let total = 0;
      let settled = false;
      const finish = (summary: ZipEntrySummary) => {
        if (settled) return;
        settled = true;
        zip.close();
        resolve(summary);
      };
      if (zip.entryCount > ZIP_LIMITS.maxEntries) return finish({ names, problem: "zipBomb" });
      zip.on("error", () => finish({ names, problem: "damaged" }));
      zip.on("end", () => finish({ names }));
      zip.on("entry", (entry: yauzl.Entry) => {
        if ((entry.generalPurposeBitFlag & 0x1) !== 0) return finish({ names, problem: "encrypted" });
        total += entry.uncompressedSize;
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (total > ZIP_LIMITS.maxUncompressedBytes || (entry.uncompressedSize > 1024 * 1024 && ratio > ZIP_LIMITS.maxRatio)) {
          return finish({ names, problem: "zipBomb" });
        }
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.readEntry();
    });
  });
}

/** Bit `fEncrypted` of the flags word at 0x0A of the FIB, which starts the WordDocument stream. */
const FIB_FLAGS_OFFSET = 0x0a;
const FIB_ENCRYPTED = 0x0100;

/**
 * A Word 97–2003 file: read as a compound file (SheetJS `cfb`) and refused when its FIB says it is
 * encrypted (a password to open: RC4 or XOR obfuscation). `cfb` needs the whole file in memory; it
 * is read only for OLE2 files that hold a WordDocument stream, is at most the meeting's limit, and
 * one such file is read at a time per process.
 */
async function inspectWordDocument(path: string): Promise<FileVerdict> {
  // One at a time in this process: each holds its whole file (and cfb's copies) in memory, so
  // many large .doc uploads at once must not add up.
  const previous = wordDocumentTurn;
  let done = () => {};
  wordDocumentTurn = new Promise<void>((resolve) => {
    done = resolve;
  });
  await previous;
  try {
    return await readWordDocument(path);
  } finally {
    done();
  }
}

let wordDocumentTurn: Promise<void> = Promise.resolve();

async function readWordDocument(path: string): Promise<FileVerdict> {
  let stream: Buffer | undefined;
  try {
    const container = CFB.read(await readFile(path), { type: "buffer" });
    const entry = CFB.find(container, "WordDocument");
    if (entry && entry.type === 2) stream = Buffer.from(entry.content);
  } catch {
    return { ok: false, problem: "damaged" };
  }
  if (!stream) return { ok: false, problem: "notAllowed" };
  if (stream.length < FIB_FLAGS_OFFSET + 2) return { ok: false, problem: "damaged" };
  const flags = stream.readUInt16LE(FIB_FLAGS_OFFSET);
  return (flags & FIB_ENCRYPTED) !== 0 ? { ok: false, problem: "encrypted" } : { ok: true, kind: "doc" };
}

/** The verdict on an upload stored at `path` (`size` bytes). */
export async function inspectFile(path: string, size: number): Promise<FileVerdict> {
  if (size === 0) return { ok: false, problem: "empty" };
  const head = await readHead(path, 8);
  if (head.subarray(0, PDF.length).equals(PDF)) {
    return (await fileContains(path, [Buffer.from("/Encrypt", "latin1")]))
      ? { ok: false, problem: "encrypted" }
      : { ok: true, kind: "pdf" };
  }
  if (head.equals(OLE2)) {
    // An encrypted docx/xlsx/pptx is an OLE2 file holding an "EncryptedPackage" stream.
    if (await fileContains(path, [utf16("EncryptedPackage"), utf16("EncryptionInfo")])) return { ok: false, problem: "encrypted" };
    if (!(await fileContains(path, [utf16("WordDocument")]))) return { ok: false, problem: "notAllowed" };
    return inspectWordDocument(path);
  }
  if (head.subarray(0, 4).equals(ZIP_LOCAL)) {
    const { names, problem } = await readZipDirectory(path);
    if (problem) return { ok: false, problem };
    if (names.length === 0) return { ok: false, problem: "empty" };
    if (names.includes("[Content_Types].xml")) {
      if (names.some((name) => name.startsWith("word/"))) return { ok: true, kind: "docx" };
      if (names.some((name) => name.startsWith("ppt/"))) return { ok: true, kind: "pptx" };
      if (names.some((name) => name.startsWith("xl/"))) return { ok: true, kind: "xlsx" };
    }
    return { ok: true, kind: "zip" };
  }
  return { ok: false, problem: "notAllowed" };
}
