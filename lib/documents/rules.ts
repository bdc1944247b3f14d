// Pure rules of input documents: numbers, the deadline, file names. No clock (`now` is passed in),
// no data access.

/** The file types a participant may submit, recognised from their content (lib/documents/file-type.ts). */
export const DOCUMENT_KINDS = ["pdf", "doc", "docx", "pptx", "xlsx", "zip"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_CONTENT_TYPES: Record<DocumentKind, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
};

// The largest file is set per meeting (Meeting.documentMaxBytes: 25 MB by default, at most 50 MB,
// lib/meetings/schema.ts); scripts/server.ts lets 51 MB reach the upload route.
/** Multipart overhead allowed above the file itself (the form's text fields and boundaries). */
export const DOCUMENT_FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Most documents (versions included) one registration may submit to a meeting: without a bound,
 * a pending registration could fill the database one upload after another, each numbered for
 * good and emailed to the organizers. A real contributor rarely needs a tenth of it.
 */
export const MAX_DOCUMENTS_PER_REGISTRATION = 30;

/** "QIT4N-I-001", "QIT4N-I-001R1": the number as the series shows it. */
export function formatDocumentNumber(prefix: string, number: number, revision = 0): string {
  return `${prefix}-${String(number).padStart(3, "0")}${revision > 0 ? `R${revision}` : ""}`;
}

export type SubmissionTiming = "on-time" | "late" | "closed";

/**
 * Whether a submission made at `now` (the server's clock) is on time, accepted late or refused.
 * No deadline: always on time. An organizer's exception counts until its own end.
 */
export function submissionTiming(
  meeting: { documentDeadline: Date | null; documentLatePolicy: "REFUSE" | "ACCEPT_LATE" },
  exception: { until: Date } | null,
  now: Date,
): SubmissionTiming {
  if (!meeting.documentDeadline || now.getTime() <= meeting.documentDeadline.getTime()) return "on-time";
  if (exception && now.getTime() <= exception.until.getTime()) return "on-time";
  return meeting.documentLatePolicy === "ACCEPT_LATE" ? "late" : "closed";
}

/** Whether the meeting takes input documents through Quorum at all (it has a series). */
export function takesDocuments(meeting: { documentSeriesPrefix: string | null }): boolean {
  return Boolean(meeting.documentSeriesPrefix);
}

// Characters never kept in a stored name: path separators, controls, bidi overrides, and those
// Windows refuses in file names.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/g;

/**
 * The name a stored file is shown and downloaded under: the last segment of what the browser
 * sent (no directory, so no "../"), without unsafe characters, at most 120 characters, with the
 * extension of the type its content was recognised as (a "report.pdf" that is a Word file
 * becomes "report.docx"). Nothing usable left: "document.<ext>".
 */
export function safeFileName(sent: string, kind: DocumentKind): string {
  const lastSegment = sent.split(/[/\\]/).pop() ?? "";
  let base = lastSegment.normalize("NFC").replace(UNSAFE_IN_NAME, "").trim();
  base = base.replace(/\.[A-Za-z0-9]{1,5}$/, "");
  base = base.replace(/^[.\s]+|[.\s]+$/g, "");
  if (base.length > 120) base = base.slice(0, 120).trim();
  return `${base || "document"}.${kind}`;
}

/** The name a document is downloaded under: its number first, so a folder of them sorts by number. */
export function downloadFileName(number: string, storedName: string): string {
  return `${number} ${storedName}`;
}

/**
 * Content-Disposition for a download (RFC 6266): always an attachment, an ASCII fallback and the
 * UTF-8 name in filename*.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replaceAll(/[^A-Za-z0-9._-]+/g, "-").replaceAll(/^-+|-+$/g, "") || "document";
  const encoded = encodeURIComponent(fileName).replaceAll(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Headers of every document download: never rendered, never sniffed, never run. */
export function downloadHeaders(fileName: string, contentType: string, size: number): Record<string, string> {
  return {
    "content-type": contentType,
    "content-length": String(size),
    "content-disposition": attachmentHeader(fileName),
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox; default-src 'none'",
    "cache-control": "private, no-store",
    "referrer-policy": "no-referrer",
  };
}
