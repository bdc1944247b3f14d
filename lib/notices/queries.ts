import "server-only";
// How far a meeting's latest notice has got, for the organizer ("sent to N of M").
import type { Database } from "@/lib/db/client.ts";
import { type NoticeKind, RECIPIENTS } from "@/lib/notices/service.ts";

export type NoticeProgress = {
  status: "QUEUED" | "EXPANDING" | "DONE" | "SUPERSEDED";
  createdAt: Date;
  /** Emails the mail server accepted. */
  sent: number;
  /** Registrants it is for: counted when queued, then the emails actually queued once all are. */
  total: number;
};

export async function latestNoticeProgress(db: Database, meetingId: string, kind: string): Promise<NoticeProgress | null> {
  const job = await db.noticeJob.findFirst({ where: { meetingId, kind }, orderBy: { createdAt: "desc" } });
  if (!job) return null;
  // Counted on the (noticeJobId, status) index: at most the job's own emails.
  const sent = await db.outboxEmail.count({ where: { noticeJobId: job.id, status: "SENT" } });
  return {
    status: job.status,
    createdAt: job.createdAt,
    sent,
    total: job.status === "DONE" ? job.queued : Math.max(job.total, job.queued),
  };
}

/** How many registrants a notice of `kind` would go to now (the form says "email the N …"). */
export async function countNoticeRecipients(db: Database, meetingId: string, kind: NoticeKind): Promise<number> {
  return db.registration.count({ where: { meetingId, ...RECIPIENTS[kind] } });
}
