import "server-only";
// Reading input documents: who a manage link is and what they may see, the meeting's list for
// participants and for the console.
import type { Prisma } from "@/generated/prisma/client.ts";
import type { RegistrationStatus } from "@/generated/prisma/enums.ts";
import type { Database } from "@/lib/db/client.ts";
import { OPEN_STATUSES } from "@/lib/notices/approval-rules.ts";
import { hashToken } from "@/lib/security/tokens.ts";

/** The registration a manage link opens, with its meeting and deadline exception. */
export async function findDocumentParticipant(db: Database, token: string) {
  const link = await db.manageLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { registration: { include: { meeting: true, documentException: true } } },
  });
  const registration = link?.registration;
  if (!registration || registration.erasedAt) return null;
  return registration;
}

/**
 * Registrants who may submit: their registration stands — confirmed, or waiting for a decision
 * (the organizers' or a focal point's, docs/decisions/0015).
 */
export function maySubmit(registration: { status: RegistrationStatus; erasedAt: Date | null }): boolean {
  return !registration.erasedAt && OPEN_STATUSES.includes(registration.status);
}

/** Registrants who may read every document of the meeting: confirmed ones. Pending ones see their own. */
export function mayReadAll(registration: { status: string; erasedAt: Date | null }): boolean {
  return !registration.erasedAt && registration.status === "CONFIRMED";
}

const LIST_SELECT = {
  id: true,
  number: true,
  revision: true,
  seriesPrefix: true,
  title: true,
  source: true,
  coSources: true,
  abstract: true,
  late: true,
  submittedAt: true,
  withdrawnAt: true,
  registrationId: true,
  file: { select: { id: true, fileName: true, kind: true, size: true } },
  registration: { select: { givenName: true, familyName: true, email: true } },
} satisfies Prisma.InputDocumentSelect;

export type DocumentRow = Prisma.InputDocumentGetPayload<{ select: typeof LIST_SELECT }>;

export type DocumentFilters = { q?: string; late?: boolean; withdrawn?: boolean };

/** A meeting's documents, every version, by number then revision. */
export async function listMeetingDocuments(db: Database, meetingId: string, filters: DocumentFilters = {}): Promise<DocumentRow[]> {
  const where: Prisma.InputDocumentWhereInput = { meetingId };
  if (filters.late !== undefined) where.late = filters.late;
  if (filters.withdrawn === true) where.withdrawnAt = { not: null };
  if (filters.withdrawn === false) where.withdrawnAt = null;
  if (filters.q) {
    where.OR = [
      { title: { contains: filters.q, mode: "insensitive" } },
      { source: { contains: filters.q, mode: "insensitive" } },
      { coSources: { contains: filters.q, mode: "insensitive" } },
    ];
  }
  return db.inputDocument.findMany({ where, select: LIST_SELECT, orderBy: [{ number: "asc" }, { revision: "asc" }] });
}

/** One document of a meeting, with its file. */
export async function findMeetingDocument(db: Database, meetingId: string, documentId: string) {
  return db.inputDocument.findFirst({
    where: { id: documentId, meetingId },
    select: { ...LIST_SELECT, file: { select: { id: true, fileName: true, kind: true, size: true, sha256: true } } },
  });
}

/** An organizer's choice of emails about the meeting's new documents (EACH when they have no role). */
export async function findDocumentNotices(db: Database, meetingId: string, userId: string) {
  const role = await db.meetingOrganizer.findUnique({
    where: { meetingId_userId: { meetingId, userId } },
    select: { documentNotices: true },
  });
  return role?.documentNotices ?? "EACH";
}
