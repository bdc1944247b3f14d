import "server-only";
// Serving stored documents: one file to a participant (through their manage link) or an organizer,
// and every file of a meeting as one ZIP to an organizer. Each answer is an attachment that is
// never rendered, sniffed or run (lib/documents/rules.ts downloadHeaders), streamed from the
// database one piece at a time, and audited.
import { Readable } from "node:stream";
import yazl from "yazl";
import type { OrganizerActor } from "@/lib/audit/catalogue.ts";
import type { Database } from "@/lib/db/client.ts";
import { findDocumentParticipant, findMeetingDocument, listMeetingDocuments, mayReadAll, maySubmit } from "@/lib/documents/queries.ts";
import {
  DOCUMENT_CONTENT_TYPES,
  type DocumentKind,
  downloadFileName,
  downloadHeaders,
  formatDocumentNumber,
} from "@/lib/documents/rules.ts";
import { recordArchiveDownload, recordDocumentDownload } from "@/lib/documents/service.ts";
import { CHUNK_BYTES, chunkStream } from "@/lib/documents/storage.ts";

function fileResponse(db: Database, document: NonNullable<Awaited<ReturnType<typeof findMeetingDocument>>>): Response {
  const number = formatDocumentNumber(document.seriesPrefix, document.number, document.revision);
  const kind = document.file.kind as DocumentKind;
  return new Response(chunkStream(db, document.file.id), {
    status: 200,
    headers: downloadHeaders(
      downloadFileName(number, document.file.fileName),
      DOCUMENT_CONTENT_TYPES[kind] ?? "application/octet-stream",
      document.file.size,
    ),
  });
}

/**
 * A document for the participant whose manage link is `token`: confirmed registrants read every
 * document of their meeting that is not withdrawn, pending ones their own only. Null: not found
 * (the same for a document that exists but is not theirs to read).
 */
export async function participantDownload(db: Database, input: { token: string; documentId: string; now: Date }): Promise<Response | null> {
  const participant = await findDocumentParticipant(db, input.token);
  if (!participant || !maySubmit(participant)) return null;
  const document = await findMeetingDocument(db, participant.meetingId, input.documentId);
  if (!document || document.withdrawnAt) return null;
  if (!mayReadAll(participant) && document.registrationId !== participant.id) return null;
  await recordDocumentDownload(db, {
    meetingId: participant.meetingId,
    documentId: document.id,
    number: formatDocumentNumber(document.seriesPrefix, document.number, document.revision),
    actor: { kind: "registrant" },
    registrationId: participant.id,
    now: input.now,
  });
  return fileResponse(db, document);
}

/** A document of `meetingId` for one of its organizers (withdrawn ones too). Null: not found. */
export async function organizerDownload(
  db: Database,
  input: { meetingId: string; documentId: string; actor: OrganizerActor; now: Date },
): Promise<Response | null> {
  const document = await findMeetingDocument(db, input.meetingId, input.documentId);
  if (!document) return null;
  await recordDocumentDownload(db, {
    meetingId: input.meetingId,
    documentId: document.id,
    number: formatDocumentNumber(document.seriesPrefix, document.number, document.revision),
    actor: input.actor,
    now: input.now,
  });
  return fileResponse(db, document);
}

/**
 * Every document of the meeting that is not withdrawn, as one ZIP streamed as it is built: each
 * file is read from the database a piece at a time, only when the archive gets to it.
 */
export async function meetingArchive(
  db: Database,
  input: { meetingId: string; shortName: string; actor: OrganizerActor; now: Date },
): Promise<Response> {
  const documents = (await listMeetingDocuments(db, input.meetingId, { withdrawn: false })).filter((document) => document.file);
  await recordArchiveDownload(db, { meetingId: input.meetingId, count: documents.length, actor: input.actor, now: input.now });
  const zip = new yazl.ZipFile();
  for (const document of documents) {
    const number = formatDocumentNumber(document.seriesPrefix, document.number, document.revision);
    // Already-compressed formats (docx, pdf …) are stored, not deflated again.
    zip.addReadStream(lazyFile(db, document.file.id), downloadFileName(number, document.file.fileName), {
      compress: false,
      mtime: document.submittedAt,
      size: document.file.size,
    });
  }
  zip.end();
  const name = `${input.shortName} input documents.zip`;
  const { "content-length": _unknown, ...headers } = downloadHeaders(name, "application/zip", 0);
  return new Response(Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>, { status: 200, headers });
}

/** A stored file as a Node stream that reads nothing from the database until the archive gets to it. */
function lazyFile(db: Database, fileId: string): Readable {
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  return new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      reader ??= chunkStream(db, fileId).getReader();
      reader.read().then(
        ({ done, value }) => this.push(done ? null : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
        (error: Error) => this.destroy(error),
      );
    },
  });
}
