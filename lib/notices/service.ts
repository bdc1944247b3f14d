import "server-only";
// What a meeting tells its people: one notice to every registrant who should get it (today, new
// connection instructions to the confirmed ones). The organizer's request only queues a NoticeJob
// row; the outbox worker expands it into emails, one batch at a time, each batch queued in the
// transaction that moves the job's cursor past it. So the request costs the same at 30 or 30,000
// registrants, the worker holds one batch in memory, and a crash between batches loses or repeats
// nobody. See docs/decisions/0003-email-outbox.md.
import { hostname } from "node:os";
import type { NoticeJob, Prisma } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";
import { enqueueEmails } from "@/lib/mail/outbox.ts";
import { buildRegistrantEmail, carriesJoinLink, type RegistrantEmailKind } from "@/lib/notices/registrant-emails.ts";
import { REMINDER_KIND, reminderDueAt, reminderRecipients } from "@/lib/notices/reminders.ts";
import { generateSecretToken, hashToken } from "@/lib/security/tokens.ts";

export type NoticeKind = "connection-updated" | "schedule-updated";

/** Who gets each notice (also counted for the organizer before they send one: lib/notices/queries.ts). */
export const RECIPIENTS: Record<NoticeKind, Prisma.RegistrationWhereInput> = {
  "connection-updated": { status: "CONFIRMED", erasedAt: null },
  "schedule-updated": { status: "CONFIRMED", erasedAt: null },
};

/** Registrations (and rendered emails, ~4 KB each) a worker holds at once: about 2 MB. */
export const NOTICE_BATCH_SIZE = 500;

/** A claim older than this is taken back: a batch takes about a second, so its worker died. */
export const NOTICE_LEASE_MS = 2 * 60 * 1000;

/**
 * Queue a notice in the caller's transaction (the one making the change it tells about). Returns
 * how many registrants it is for, counted now. An unfinished notice of the same kind for the
 * meeting is superseded: the new one goes to everybody, with the instructions as they are then.
 */
export async function queueNotice(
  tx: Prisma.TransactionClient,
  options: { meetingId: string; kind: NoticeKind; appUrl: string; now: Date },
): Promise<{ jobId: string; total: number }> {
  const { meetingId, kind, now } = options;
  await tx.noticeJob.updateMany({
    where: { meetingId, kind, status: { in: ["QUEUED", "EXPANDING"] } },
    data: { status: "SUPERSEDED", finishedAt: now, lockedAt: null, lockedBy: null },
  });
  const total = await tx.registration.count({ where: { meetingId, ...RECIPIENTS[kind] } });
  const job = await tx.noticeJob.create({
    data: { meetingId, kind, appUrl: options.appUrl, total, createdAt: now, ...(total === 0 ? { status: "DONE", finishedAt: now } : {}) },
  });
  return { jobId: job.id, total };
}

/**
 * Queue the reminder `offsetMins` before the first session starting at `startsAt` (lib/notices/
 * reminders.ts says when one is due). Several workers may try at once: the unique key (meeting,
 * kind, offset, start) lets one row in, and the others queue nothing. Returns whether this call
 * queued it.
 */
export async function queueReminder(
  db: Database,
  options: { meetingId: string; offsetMins: number; startsAt: Date; appUrl: string; now: Date },
): Promise<boolean> {
  const { meetingId, offsetMins, startsAt, now } = options;
  const total = await db.registration.count({ where: { meetingId, ...reminderRecipients(reminderDueAt(startsAt, offsetMins)) } });
  const { count } = await db.noticeJob.createMany({
    data: [
      {
        meetingId,
        kind: REMINDER_KIND,
        offsetMins,
        startsAt,
        appUrl: options.appUrl,
        total,
        createdAt: now,
        ...(total === 0 ? { status: "DONE" as const, finishedAt: now } : {}),
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}

/** Who a job's emails go to, or null for a kind this code does not know. */
function jobRecipients(job: Pick<NoticeJob, "kind" | "offsetMins" | "startsAt">): Prisma.RegistrationWhereInput | null {
  if (job.kind === REMINDER_KIND) {
    if (job.offsetMins === null || job.startsAt === null) return null;
    return reminderRecipients(reminderDueAt(job.startsAt, job.offsetMins));
  }
  return RECIPIENTS[job.kind as NoticeKind] ?? null;
}

/** The batch's job moved on under us (superseded, or taken back after a stall): queue nothing. */
class JobMovedOn extends Error {}

/**
 * One step of the worker: take the oldest unfinished notice job (several workers never take the
 * same one: FOR UPDATE SKIP LOCKED and a lease), render the next `batchSize` emails and queue
 * them in one transaction with the job's new cursor. Returns how many emails it queued.
 */
export async function expandNoticeJobs(db: Database, options: { now?: Date; batchSize?: number; workerId?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? NOTICE_BATCH_SIZE;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  const leaseExpired = new Date(now.getTime() - NOTICE_LEASE_MS);
  const [job] = await db.$queryRaw<Pick<NoticeJob, "id" | "meetingId" | "kind" | "appUrl" | "cursor" | "offsetMins" | "startsAt">[]>`
    UPDATE "NoticeJob" SET status = 'EXPANDING', "lockedAt" = ${now}, "lockedBy" = ${workerId}
    WHERE id = (
      SELECT id FROM "NoticeJob"
      WHERE status IN ('QUEUED', 'EXPANDING') AND ("lockedAt" IS NULL OR "lockedAt" < ${leaseExpired})
      ORDER BY "createdAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "meetingId", kind, "appUrl", cursor, "offsetMins", "startsAt"`;
  if (!job) return 0;
  const recipients = jobRecipients(job);
  if (!recipients) throw new Error(`unknown notice kind ${job.kind}`);
  // A reminder is never sent once the meeting has started: what is left of it is dropped.
  if (job.startsAt && now.getTime() >= job.startsAt.getTime()) {
    await db.noticeJob.updateMany({
      where: { id: job.id, status: "EXPANDING", lockedBy: workerId },
      data: { status: "DONE", finishedAt: now, lockedAt: null, lockedBy: null },
    });
    return 0;
  }
  const kind = job.kind as RegistrantEmailKind;

  // Read and render outside the transaction: it then holds its locks only while writing.
  const meeting = await db.meeting.findUniqueOrThrow({ where: { id: job.meetingId }, include: { sessions: true, removedSessions: true } });
  const batch = await db.registration.findMany({
    where: { meetingId: job.meetingId, ...recipients, ...(job.cursor ? { id: { gt: job.cursor } } : {}) },
    orderBy: { id: "asc" },
    take: batchSize,
    select: { id: true, email: true, givenName: true, familyName: true, reference: true, locale: true },
  });
  // A personal join link per email, stored with the batch (in its transaction) or not at all.
  const joinLinks: { tokenHash: string; registrationId: string; createdAt: Date }[] = [];
  const withJoinLinks = carriesJoinLink(kind, meeting);
  const emails = await Promise.all(
    batch.map(async (registration) => {
      const joinToken = withJoinLinks ? generateSecretToken() : null;
      if (joinToken) joinLinks.push({ tokenHash: hashToken(joinToken), registrationId: registration.id, createdAt: now });
      return {
        // No manage link in this email, so registrants' existing links stay valid.
        ...(await buildRegistrantEmail({
          kind,
          meeting,
          registration,
          manageToken: "",
          joinToken,
          appUrl: job.appUrl,
          now,
          startsAt: job.startsAt ?? undefined,
        })),
        noticeJobId: job.id,
        // Not delivered once the meeting it reminds of has started.
        expiresAt: job.startsAt ?? undefined,
      };
    }),
  );
  const finished = batch.length < batchSize;
  try {
    return await db.$transaction(
      async (tx) => {
        const queued = await enqueueEmails(tx, emails, job.appUrl);
        if (joinLinks.length > 0) await tx.joinLink.createMany({ data: joinLinks });
        // Only if the job is still ours and where we found it; otherwise nothing of this batch stays.
        const advanced = await tx.noticeJob.updateMany({
          where: { id: job.id, status: "EXPANDING", lockedBy: workerId, cursor: job.cursor },
          data: {
            cursor: batch.at(-1)?.id ?? job.cursor,
            queued: { increment: queued },
            lockedAt: null,
            lockedBy: null,
            ...(finished ? { status: "DONE", finishedAt: now } : {}),
          },
        });
        if (advanced.count !== 1) throw new JobMovedOn();
        return queued;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (error instanceof JobMovedOn) return 0;
    throw error;
  }
}
