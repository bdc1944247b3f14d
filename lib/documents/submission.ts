import "server-only";
// The whole of one submission as the upload route runs it: read the form as it streams in (the
// file to local disk, bounded), check the fields and the file's content, store and number it,
// and answer with where to send the browser (the documents page with the outcome or the errors
// in its query, so the page shows them with JavaScript off). The temporary file is removed
// whatever happens.
import type { Database } from "@/lib/db/client.ts";
import { inspectFile } from "@/lib/documents/file-type.ts";
import { findDocumentParticipant, maySubmit } from "@/lib/documents/queries.ts";
import { takesDocuments } from "@/lib/documents/rules.ts";
import { DOCUMENT_FIELDS, documentFormSchema } from "@/lib/documents/schema.ts";
import { submitDocument } from "@/lib/documents/service.ts";
import { receiveUpload } from "@/lib/documents/upload.ts";
import { firstErrorPerField } from "@/lib/forms/errors.ts";
import { logSecurityEvent } from "@/lib/log.ts";

/** The fields a refused form gets back. */
const KEPT_FIELDS = ["title", "source", "coSources", "abstract", "revisionOf"] as const;

export type SubmissionAnswer = { status: 303; location: string } | { status: 404 };

/** The documents page of a manage link. */
export function documentsPath(token: string): string {
  return `/manage/${token}/documents`;
}

export async function receiveAndSubmit(
  db: Database,
  input: { request: Request; token: string; now: Date; appUrl: string },
): Promise<SubmissionAnswer> {
  const participant = await findDocumentParticipant(db, input.token);
  if (!participant) return { status: 404 };
  const back = documentsPath(input.token);
  // Refused before the body is read: a registrant who may not submit, or a meeting that takes no
  // documents, does not get to send up to 50 MB first. submitDocument checks both again.
  const early = !maySubmit(participant) ? "notRegistered" : !takesDocuments(participant.meeting) ? "notTakingDocuments" : null;
  if (early) return { status: 303, location: `${back}?${new URLSearchParams({ errors: `submission.${early}` })}` };
  const upload = await receiveUpload(input.request, "file", participant.meeting.documentMaxBytes);
  // Back to the page with the errors and what was typed, so the form shows it again (JavaScript
  // off too). The page's address holds a credential already and is never cached or referred.
  const refuse = (errors: string[]) => {
    const query = new URLSearchParams({ errors: errors.join(",") });
    if (upload.ok) {
      for (const field of KEPT_FIELDS) {
        const value = upload.fields[field];
        if (typeof value === "string" && value !== "") query.set(field, value.slice(0, field === "abstract" ? 4000 : 500));
      }
    }
    return { status: 303 as const, location: `${back}?${query}` };
  };

  try {
    if (!upload.ok) return refuse([upload.problem === "too-large" ? "file.tooLarge" : "submission.malformed"]);
    const errors: string[] = [];
    const parsed = documentFormSchema.safeParse(upload.fields);
    if (!parsed.success) {
      const fieldErrors = firstErrorPerField(parsed.error, [...DOCUMENT_FIELDS, "submissionKey", "revisionOf"]);
      for (const message of Object.values(fieldErrors)) if (message && !errors.includes(message)) errors.push(message);
    }
    const file = upload.file;
    let kind = null;
    if (!file || (file.size === 0 && file.sentName === "")) errors.push("file.missing");
    else if (file.size === 0) errors.push("file.empty");
    else {
      const verdict = await inspectFile(file.path, file.size);
      if (verdict.ok) kind = verdict.kind;
      else {
        errors.push(`file.${verdict.problem}`);
        logSecurityEvent("document.file-refused", { problem: verdict.problem, size: file.size });
      }
    }
    if (errors.length > 0 || !parsed.success || !file || !kind) return refuse(errors.length ? errors : ["submission.malformed"]);

    let result: Awaited<ReturnType<typeof submitDocument>>;
    try {
      result = await submitDocument(db, { token: input.token, form: parsed.data, file, kind, now: input.now, appUrl: input.appUrl });
    } catch (error) {
      console.error("[documents] a submission could not be stored", error);
      return refuse(["submission.storageFailed"]);
    }
    if (!result.ok) return refuse([`submission.${result.problem}`]);
    const done = result.duplicate ? "duplicate" : result.late ? "submittedLate" : "submitted";
    return { status: 303, location: `${back}?done=${done}&document=${result.documentId}` };
  } finally {
    await upload.discard();
  }
}
