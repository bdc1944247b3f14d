import "server-only";
// Input documents: submitting one (stored, numbered, acknowledged and audited in one transaction),
// withdrawing one, letting one registrant past the deadline, and recording downloads.
//
// Numbers are gapless: the counter row is incremented (UPDATE … RETURNING, which holds its lock
// to the end of the transaction) only after the file's pieces are written, in the transaction that
// stores the document. A submission that fails anywhere — a broken connection, a refused file, the
// database going away — rolls the increment back with the rest, so no number is lost; and the lock
// is held for the last few statements only, not while a large file is written.
import { randomUUID } from "node:crypto";
import { documentReceivedEmail, documentSubmittedEmail, type DocumentFacts } from "@/emails/document-emails.tsx";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { RegistrationStatus } from "@/generated/prisma/enums.ts";
import type { AuditActor, OrganizerActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import {
  type DocumentKind,
  formatDocumentNumber,
  MAX_DOCUMENTS_PER_REGISTRATION,
  safeFileName,
  submissionTiming,
  takesDocuments,
} from "@/lib/documents/rules.ts";
import type { DocumentForm, SubmissionProblem } from "@/lib/documents/schema.ts";
import { writeChunks } from "@/lib/documents/storage.ts";
import type { UploadedFile } from "@/lib/documents/upload.ts";
import { findDocumentParticipant, maySubmit } from "@/lib/documents/queries.ts";
import { DEFAULT_LOCALE, isLocale, type Locale, textDirection } from "@/lib/i18n/config.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { EMAIL_PRIORITY, enqueueEmail } from "@/lib/mail/outbox.ts";

type Tx = Prisma.TransactionClient;

/** Long enough to write a 50 MB file in 1 MB rows on a busy server. */
const SUBMIT_TRANSACTION = { maxWait: 60_000, timeout: 300_000 };

export type SubmitResult =
  | { ok: true; documentId: string; number: string; late: boolean; duplicate: boolean }
  | { ok: false; problem: SubmissionProblem };

/** Where a participant finds the meeting's documents (their own manage link). */
export function participantDocumentsUrl(appUrl: string, token: string, locale: Locale): string {
  return `${appUrl}/manage/${token}/documents?lang=${locale}`;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";

/**
 * Store a participant's input document, from their manage link (`token`). The file has been
 * received to local disk and recognised as `kind` (lib/documents/file-type.ts).
 */
export async function submitDocument(
  db: Database,
  input: { token: string; form: DocumentForm; file: UploadedFile; kind: DocumentKind; now: Date; appUrl: string },
): Promise<SubmitResult> {
  const { form, file, kind, now } = input;
  const participant = await findDocumentParticipant(db, input.token);
  if (!participant || !maySubmit(participant)) return { ok: false, problem: "notRegistered" };
  const { meeting } = participant;
  const prefix = meeting.documentSeriesPrefix;
  if (!prefix || !takesDocuments(meeting)) return { ok: false, problem: "notTakingDocuments" };

  const earlier = await db.inputDocument.findUnique({
    where: { meetingId_submissionKey: { meetingId: meeting.id, submissionKey: form.submissionKey } },
  });
  if (earlier) return duplicateOf(earlier);

  const timing = submissionTiming(meeting, participant.documentException, now);
  if (timing === "closed") return { ok: false, problem: "deadlinePassed" };
  const submitted = (client: Pick<Database, "inputDocument">) =>
    client.inputDocument.count({ where: { meetingId: meeting.id, registrationId: participant.id } });
  if ((await submitted(db)) >= MAX_DOCUMENTS_PER_REGISTRATION) return { ok: false, problem: "tooMany" };

  try {
    return await db.$transaction(async (tx) => {
      const fileRow = await tx.documentFile.create({
        data: { meetingId: meeting.id, fileName: safeFileName(file.sentName, kind), kind, size: file.size, sha256: file.sha256 },
      });
      await writeChunks(tx, fileRow.id, file.path);

      // The registration still stands (not withdrawn meanwhile); locked so it cannot be withdrawn
      // before commit, and so that its uploads are counted one at a time against the limit.
      const [standing] = await tx.$queryRaw<{ status: RegistrationStatus }[]>`
        SELECT status::text FROM "Registration" WHERE id = ${participant.id}::uuid FOR UPDATE`;
      if (!standing || !maySubmit({ status: standing.status, erasedAt: null })) throw new Refused("notRegistered");
      if ((await submitted(tx)) >= MAX_DOCUMENTS_PER_REGISTRATION) throw new Refused("tooMany");

      let number: number;
      let revision = 0;
      if (form.revisionOf) {
        const [original] = await tx.$queryRaw<{ number: number }[]>`
          SELECT number FROM "InputDocument" WHERE id = ${form.revisionOf}::uuid AND "meetingId" = ${meeting.id}::uuid`;
        if (!original) throw new Refused("notYourDocument");
        // Every version of that number, locked: two new versions at once get R1 and R2.
        const versions = await tx.$queryRaw<{ revision: number; registrationId: string | null; withdrawnAt: Date | null }[]>`
          SELECT revision, "registrationId", "withdrawnAt" FROM "InputDocument"
          WHERE "meetingId" = ${meeting.id}::uuid AND number = ${original.number} ORDER BY revision FOR UPDATE`;
        if (!versions.some((version) => version.registrationId === participant.id)) throw new Refused("notYourDocument");
        if (versions.some((version) => version.withdrawnAt)) throw new Refused("withdrawnDocument");
        number = original.number;
        revision = Math.max(...versions.map((version) => version.revision)) + 1;
      } else {
        const [counter] = await tx.$queryRaw<{ lastNumber: number }[]>`
          INSERT INTO "DocumentCounter" ("meetingId", "lastNumber") VALUES (${meeting.id}::uuid, 1)
          ON CONFLICT ("meetingId") DO UPDATE SET "lastNumber" = "DocumentCounter"."lastNumber" + 1
          RETURNING "lastNumber"`;
        if (!counter) throw new Error("document counter not returned");
        number = counter.lastNumber;
      }

      const document = await tx.inputDocument.create({
        data: {
          meetingId: meeting.id,
          number,
          revision,
          seriesPrefix: prefix,
          title: form.title,
          source: form.source,
          coSources: form.coSources ?? null,
          abstract: form.abstract ?? null,
          registrationId: participant.id,
          late: timing === "late",
          submittedAt: now,
          submissionKey: form.submissionKey,
          fileId: fileRow.id,
        },
      });
      const shown = formatDocumentNumber(prefix, number, revision);
      await recordAudit(tx, {
        meetingId: meeting.id,
        actor: { kind: "registrant" },
        action: "document.submitted",
        entityId: document.id,
        after: { number: shown, title: form.title, late: document.late, size: file.size, kind, sha256: file.sha256 },
        at: now,
      });
      await acknowledge(tx, { participant, token: input.token, document, shown, appUrl: input.appUrl, now });
      return { ok: true as const, documentId: document.id, number: shown, late: document.late, duplicate: false };
    }, SUBMIT_TRANSACTION);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.problem };
    if (isUniqueViolation(error)) {
      // The same form sent twice at once: the other request stored it.
      const stored = await db.inputDocument.findUnique({
        where: { meetingId_submissionKey: { meetingId: meeting.id, submissionKey: form.submissionKey } },
      });
      if (stored) return duplicateOf(stored);
    }
    throw error;
  }
}

class Refused extends Error {
  constructor(readonly problem: SubmissionProblem) {
    super(problem);
  }
}

function duplicateOf(document: { id: string; seriesPrefix: string; number: number; revision: number; late: boolean }): SubmitResult {
  return {
    ok: true,
    documentId: document.id,
    number: formatDocumentNumber(document.seriesPrefix, document.number, document.revision),
    late: document.late,
    duplicate: true,
  };
}

/** The acknowledgment to the submitter (in their language) and a notice to each organizer, queued in `tx`. */
async function acknowledge(
  tx: Tx,
  options: {
    participant: Awaited<ReturnType<typeof findDocumentParticipant>> & object;
    token: string;
    document: { id: string; title: string; source: string; late: boolean; submittedAt: Date; meetingId: string };
    shown: string;
    appUrl: string;
    now: Date;
  },
): Promise<void> {
  const { participant, document, shown, appUrl } = options;
  const { meeting } = participant;
  const locale: Locale = isLocale(participant.locale) ? participant.locale : DEFAULT_LOCALE;
  const facts = (forLocale: Locale, url: string): DocumentFacts => ({
    number: shown,
    title: document.title,
    source: document.source,
    meetingShortName: meeting.shortName,
    receivedAt: formatInstant(document.submittedAt, meeting.timeZone, forLocale),
    late: document.late,
    url,
  });
  const rendered = await documentReceivedEmail({
    t: getTranslator(locale, "emails"),
    locale,
    dir: textDirection(locale),
    name: `${participant.givenName} ${participant.familyName}`,
    document: facts(locale, participantDocumentsUrl(appUrl, options.token, locale)),
  });
  await enqueueEmail(
    tx,
    {
      ...rendered,
      kind: "document-received",
      priority: EMAIL_PRIORITY.registrant,
      toAddress: participant.email,
      toName: `${participant.givenName} ${participant.familyName}`,
      meetingId: meeting.id,
      registrationId: participant.id,
    },
    appUrl,
  );
  // Organizers who decide on the meeting (owners and editors) and chose one email per document
  // (the others get the daily digest, lib/documents/digest.ts), in the meeting's own language.
  const organizers = await tx.meetingOrganizer.findMany({
    where: { meetingId: meeting.id, role: { in: ["OWNER", "EDITOR"] }, documentNotices: "EACH" },
    select: { user: { select: { email: true } } },
  });
  const organizerLocale: Locale = isLocale(meeting.defaultLocale) ? meeting.defaultLocale : DEFAULT_LOCALE;
  for (const { user } of organizers) {
    const notice = await documentSubmittedEmail({
      t: getTranslator(organizerLocale, "emails"),
      locale: organizerLocale,
      dir: textDirection(organizerLocale),
      submitter: `${participant.givenName} ${participant.familyName}`,
      document: facts(organizerLocale, `${appUrl}/admin/meetings/${meeting.id}/documents`),
    });
    await enqueueEmail(
      tx,
      { ...notice, kind: "document-submitted", priority: EMAIL_PRIORITY.registrant, toAddress: user.email, meetingId: meeting.id },
      appUrl,
    );
  }
}

export type WithdrawResult = { ok: true; count: number } | { ok: false; reason: "not-found" | "already-withdrawn" };

/** Withdraw a document (every version of its number): it keeps its number, participants can no longer download it. */
export async function withdrawDocument(
  db: Database,
  input: { meetingId: string; documentId: string; actor: OrganizerActor; now: Date },
): Promise<WithdrawResult> {
  return db.$transaction(async (tx) => {
    const document = await tx.inputDocument.findFirst({ where: { id: input.documentId, meetingId: input.meetingId } });
    if (!document) return { ok: false, reason: "not-found" } as const;
    const { count } = await tx.inputDocument.updateMany({
      where: { meetingId: input.meetingId, number: document.number, withdrawnAt: null },
      data: { withdrawnAt: input.now },
    });
    if (count === 0) return { ok: false, reason: "already-withdrawn" } as const;
    await recordAudit(tx, {
      meetingId: input.meetingId,
      actor: input.actor,
      action: "document.withdrawn",
      entityId: document.id,
      after: { number: formatDocumentNumber(document.seriesPrefix, document.number), versions: count },
      at: input.now,
    });
    return { ok: true, count } as const;
  });
}

/** Let one registrant of the meeting submit on time until `until`, whatever the deadline (replaces an earlier exception). */
export async function grantDeadlineException(
  db: Database,
  input: { meetingId: string; registrant: { id: string } | { email: string }; until: Date; actor: OrganizerActor; now: Date },
): Promise<{ ok: boolean }> {
  return db.$transaction(async (tx) => {
    const registration = await tx.registration.findFirst({ where: { ...input.registrant, meetingId: input.meetingId } });
    if (!registration) return { ok: false };
    const before = await tx.documentDeadlineException.findUnique({ where: { registrationId: registration.id } });
    await tx.documentDeadlineException.upsert({
      where: { registrationId: registration.id },
      create: {
        meetingId: input.meetingId,
        registrationId: registration.id,
        until: input.until,
        grantedById: input.actor.userId,
        grantedAt: input.now,
      },
      update: { until: input.until, grantedById: input.actor.userId, grantedAt: input.now },
    });
    await recordAudit(tx, {
      meetingId: input.meetingId,
      actor: input.actor,
      action: "document.deadline-exception-granted",
      entityId: registration.id,
      before: before ? { until: before.until } : undefined,
      after: { until: input.until },
      at: input.now,
    });
    return { ok: true };
  });
}

/** One download of a document, by a participant or an organizer, in the audit log. */
export async function recordDocumentDownload(
  db: Database,
  input: { meetingId: string; documentId: string; number: string; actor: AuditActor; registrationId?: string; now: Date },
): Promise<void> {
  await recordAudit(db, {
    meetingId: input.meetingId,
    actor: input.actor,
    action: "document.downloaded",
    entityId: input.documentId,
    after: { number: input.number, ...(input.registrationId ? { registrationId: input.registrationId } : {}) },
    at: input.now,
  });
}

/** An organizer's download of all the meeting's documents as one zip, in the audit log. */
export async function recordArchiveDownload(db: Database, input: { meetingId: string; count: number; actor: OrganizerActor; now: Date }) {
  await recordAudit(db, {
    meetingId: input.meetingId,
    actor: input.actor,
    action: "documents.downloaded-all",
    entityId: input.meetingId,
    after: { count: input.count, id: randomUUID() },
    at: input.now,
  });
}
