import "server-only";
// Reminders before a meeting, queued when due: a step of the outbox worker's round, before the
// notice jobs are expanded (the worker passes `runNoticeRound` as its `expand`). Every worker runs
// it; the NoticeJob unique key (meeting, kind, offset, first-session start) lets one job in per
// reminder, and the job's cursor, lease and one transaction per batch (lib/notices/service.ts)
// email each registrant once. Nothing here is held in memory between rounds, so a restart or a
// database outage only delays it: the next round finds the same due reminders in the tables.
import type { Database } from "@/lib/db/client.ts";
import { meetingSessions } from "@/lib/meetings/rules.ts";
import { followUpFocalPointRequests } from "@/lib/notices/focal-point-requests.ts";
import { dueReminderOffset, LONGEST_REMINDER_OFFSET_MINUTES, REMINDER_KIND } from "@/lib/notices/reminders.ts";
import { expandNoticeJobs, queueReminder } from "@/lib/notices/service.ts";

/**
 * Queue the reminders that are due at `now` (lib/notices/reminders.ts dueReminderOffset), and
 * close what is left of a reminder whose meeting has started (its first session moved earlier
 * than the one the reminder was for). Returns how many reminders it queued.
 */
export async function scheduleReminders(db: Database, options: { now: Date; appUrl: string }): Promise<number> {
  const { now } = options;
  const horizon = new Date(now.getTime() + LONGEST_REMINDER_OFFSET_MINUTES * 60_000);
  // Meetings not over that start within the longest reminder: a handful. Asked of the meeting's
  // own times and of its sessions' alike, so that neither can hide the other.
  const meetings = await db.meeting.findMany({
    where: {
      reminderOffsetsMinutes: { isEmpty: false },
      AND: [
        { OR: [{ endsAt: { gt: now } }, { sessions: { some: { endsAt: { gt: now } } } }] },
        { OR: [{ startsAt: { lte: horizon } }, { sessions: { some: { startsAt: { lte: horizon } } } }] },
      ],
    },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      reminderOffsetsMinutes: true,
      sessions: { select: { id: true, startsAt: true, endsAt: true } },
      noticeJobs: { where: { kind: REMINDER_KIND }, select: { offsetMins: true, startsAt: true, queued: true, status: true } },
    },
  });
  let queued = 0;
  for (const meeting of meetings) {
    const [first] = meetingSessions(meeting, meeting.sessions);
    if (!first) continue;
    if (first.startsAt.getTime() <= now.getTime()) {
      if (meeting.noticeJobs.some((job) => job.status === "QUEUED" || job.status === "EXPANDING")) {
        await db.noticeJob.updateMany({
          where: { meetingId: meeting.id, kind: REMINDER_KIND, status: { in: ["QUEUED", "EXPANDING"] } },
          data: { status: "DONE", finishedAt: now, lockedAt: null, lockedBy: null },
        });
      }
      // Its emails still waiting expire with the start as it is now, not the one they were queued for.
      await db.outboxEmail.updateMany({
        where: { meetingId: meeting.id, kind: REMINDER_KIND, status: { in: ["QUEUED", "RETRYING"] }, expiresAt: { gt: first.startsAt } },
        data: { expiresAt: first.startsAt },
      });
      continue;
    }
    const offset = dueReminderOffset(
      { firstStartsAt: first.startsAt, offsets: meeting.reminderOffsetsMinutes, queued: meeting.noticeJobs },
      now,
    );
    if (offset === null) continue;
    if (await queueReminder(db, { meetingId: meeting.id, offsetMins: offset, startsAt: first.startsAt, appUrl: options.appUrl, now }))
      queued++;
  }
  return queued;
}

/**
 * One round of a meeting's notices for the outbox worker (its `expand`): queue the reminders that
 * are due, then expand the oldest unfinished notice job by one batch. Returns the emails queued.
 */
export async function runNoticeRound(
  db: Database,
  options: { now: Date; workerId: string; appUrl: string; batchSize?: number },
): Promise<number> {
  await scheduleReminders(db, options);
  // Requests still waiting for a focal point: one reminder, then to the organizers (issue #12).
  await followUpFocalPointRequests(db, options);
  return expandNoticeJobs(db, options);
}
