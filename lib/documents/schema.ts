// The input-document form (text fields; the file is checked by lib/documents/file-type.ts), shared
// by the page and the upload route. Error messages are keys below documents.errors. Isomorphic.
import { z } from "zod";
import { optionalText, requiredText } from "@/lib/forms/text.ts";

export const DOCUMENT_FIELDS = ["title", "source", "coSources", "abstract", "file"] as const;

export const documentFormSchema = z.object({
  title: requiredText({ required: "title.required", tooLong: "title.tooLong", invalid: "title.invalid" }, { max: 300 }),
  source: requiredText({ required: "source.required", tooLong: "source.tooLong", invalid: "source.invalid" }, { max: 200 }),
  coSources: optionalText({ tooLong: "coSources.tooLong", invalid: "coSources.invalid" }, { max: 500 }),
  // A form sends line breaks as CRLF: stored as LF, counted once.
  abstract: z.preprocess(
    (value) => (typeof value === "string" ? value.replaceAll(/\r\n?/g, "\n") : value),
    optionalText({ tooLong: "abstract.tooLong", invalid: "abstract.invalid" }, { max: 4000, multiline: true }),
  ),
  /** Random id of the form as it was shown: the same form sent twice stores one document. */
  submissionKey: z.string().regex(/^[0-9a-f]{32}$/, { error: "file.invalid" }),
  /** Set for a new version of an earlier document (its id). */
  revisionOf: z.uuid({ error: "file.invalid" }).optional(),
});
export type DocumentForm = z.output<typeof documentFormSchema>;

/** Why a file is refused (keys below documents.errors.file). */
export const FILE_PROBLEMS = ["missing", "empty", "tooLarge", "notAllowed", "encrypted", "zipBomb", "damaged"] as const;
export type FileProblem = (typeof FILE_PROBLEMS)[number];

/** Why a submission is refused as a whole (keys below documents.errors.submission). */
export const SUBMISSION_PROBLEMS = [
  "notRegistered",
  "notTakingDocuments",
  "deadlinePassed",
  "withdrawnDocument",
  "notYourDocument",
  "tooMany",
  "storageFailed",
  "malformed",
] as const;
export type SubmissionProblem = (typeof SUBMISSION_PROBLEMS)[number];
