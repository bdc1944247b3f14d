// Phase 10: input documents (issue #14). `count` registrants each submit a `sizeBytes` PDF at the
// same time, over HTTP, through the upload route as a browser posts it (multipart, the file
// streamed to disk, checked, then written to PostgreSQL in 1 MiB rows in one transaction): the
// wall time, the throughput, the web server's peak RSS while they run, and whether the numbers
// came out 1..count with no gap or duplicate.
import { createHash, randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/client.ts";
import { residentSetBytes, sampleResidentSet } from "../lib/processes.ts";

export type DocumentUploadResult = {
  count: number;
  sizeBytes: number;
  seconds: number;
  accepted: number;
  /** The numbers were exactly 1..accepted. */
  gapless: boolean;
  rssBeforeBytes: number | null;
  rssPeakBytes: number;
};

/** A PDF of `size` bytes: a valid header and trailer around filler the type check does not mind. */
function pdfOfSize(size: number): Buffer {
  const head = Buffer.from("%PDF-1.4\n% bench\n", "latin1");
  const tail = Buffer.from("\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
}

export async function benchDocumentUploads(
  db: Database,
  options: { baseUrl: string; meetingId: string; count: number; sizeBytes: number; serverPid: number },
): Promise<DocumentUploadResult> {
  const { baseUrl, meetingId, count, sizeBytes } = options;
  await db.meeting.update({
    where: { id: meetingId },
    data: {
      documentSeriesPrefix: "BENCH-I",
      documentMaxBytes: Math.max(sizeBytes + 1024 * 1024, 25 * 1024 * 1024),
      documentDeadline: null,
    },
  });
  const tokens = Array.from({ length: count }, () => randomBytes(32).toString("base64url"));
  for (const [index, token] of tokens.entries()) {
    await db.registration.create({
      data: {
        reference: `DOC-${String(index).padStart(7, "0")}`,
        meetingId,
        email: `doc${index}@documents.bench.example`,
        givenName: "Bench",
        familyName: `Contributor ${index}`,
        country: "CH",
        category: "ACADEMIA",
        organization: "Bench University",
        privacyAcceptedAt: new Date(),
        status: "CONFIRMED",
        manageLinks: { create: { tokenHash: createHash("sha256").update(token).digest("hex"), reason: "registered" } },
      },
    });
  }
  const file = pdfOfSize(sizeBytes);
  const rssBeforeBytes = residentSetBytes(options.serverPid);
  const sampler = sampleResidentSet(options.serverPid, 50);
  const start = performance.now();
  const statuses = await Promise.all(
    tokens.map(async (token, index) => {
      const form = new FormData();
      form.set("submissionKey", randomBytes(16).toString("hex"));
      form.set("title", `Bench contribution ${index}`);
      form.set("source", "Bench University");
      form.set("file", new File([new Uint8Array(file)], `contribution-${index}.pdf`, { type: "application/pdf" }));
      const response = await fetch(`${baseUrl}/manage/${token}/documents/upload`, {
        method: "POST",
        body: form,
        // Each contributor from an address of their own (the bench server trusts X-Forwarded-For), as
        // the manage links' rate limit would otherwise count all of them as one client.
        headers: { origin: baseUrl, "x-forwarded-for": `198.19.${Math.floor(index / 250)}.${(index % 250) + 1}` },
        redirect: "manual",
      });
      return new URL(response.headers.get("location") ?? "/", baseUrl).searchParams.get("done");
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const rss = sampler.stop();
  const numbers = (await db.inputDocument.findMany({ where: { meetingId }, select: { number: true }, orderBy: { number: "asc" } })).map(
    (row) => row.number,
  );
  const accepted = statuses.filter((done) => done === "submitted").length;
  return {
    count,
    sizeBytes,
    seconds,
    accepted,
    gapless: numbers.length === accepted && numbers.every((number, index) => number === index + 1),
    rssBeforeBytes,
    rssPeakBytes: rss.peakBytes,
  };
}
