// Reminders before a meeting (issue #13, point 4): pure rules, `now` passed in. A meeting sends
// each of its reminders once, a number of minutes before its first session starts, to the
// registrants confirmed by then. lib/meetings/reminders.ts queues them when due (it knows the
// sessions); the notice jobs of lib/notices/service.ts send them.
import type { Prisma } from "@/generated/prisma/client.ts";

/** The notice job kind, and the kind of the emails it queues. */
export const REMINDER_KIND = "meeting-reminder";

/** The reminders an organizer can choose, in minutes before the first session: 7 days, 1 day, 1 hour. */
export const REMINDER_OFFSET_CHOICES = [10080, 1440, 60] as const;

/** A new meeting sends all of them (the column's default says the same). */
export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [...REMINDER_OFFSET_CHOICES];

/** The earliest a reminder is due: meetings starting later than this from now need no look. */
export const LONGEST_REMINDER_OFFSET_MINUTES = Math.max(...REMINDER_OFFSET_CHOICES);

/** When the reminder `offsetMins` before a session starting at `startsAt` is due. */
export function reminderDueAt(startsAt: Date, offsetMins: number): Date {
  return new Date(startsAt.getTime() - offsetMins * 60_000);
}

/**
 * The registrations a reminder due at `dueAt` goes to: confirmed by then, not erased. Confirmed
 * by an organizer's approval: decidedAt. Confirmed at once (automatic approval): no decidedAt,
 * and privacyAcceptedAt is when the form was (re)submitted; not createdAt, which a withdrawn
 * registration registering again keeps. Re-registering clears decidedAt, approving sets it.
 */
export function reminderRecipients(dueAt: Date): Prisma.RegistrationWhereInput {
  return {
    status: "CONFIRMED",
    erasedAt: null,
    OR: [{ decidedAt: { lte: dueAt } }, { decidedAt: null, privacyAcceptedAt: { lte: dueAt } }],
  };
}

/** A reminder job already queued for a meeting, as the scheduler sees it. */
export type QueuedReminder = { offsetMins: number | null; startsAt: Date | null; queued: number; status: string };

/**
 * The reminder (offset, in minutes) of a meeting whose first session starts at `firstStartsAt` to
 * queue at `now`, if any. Of the reminders due (now at or after first start minus offset, and
 * still before the start) only the latest matters: one overtaken by a later reminder (the worker
 * was down, the meeting was planned late, the reminders were switched on late) is never sent,
 * so nobody gets "in 7 days" and "in 1 hour" together. Each offset is sent once: one already
 * queued for this start is not queued again, nor is one that reached anybody (or is still under
 * way) for an earlier start of the meeting (its dates moved since, and the registrants were told
 * so by the schedule update). One that reached nobody for an earlier start does not count.
 */
export function dueReminderOffset(
  meeting: { firstStartsAt: Date; offsets: readonly number[]; queued: readonly QueuedReminder[] },
  now: Date,
): number | null {
  const { firstStartsAt } = meeting;
  if (now.getTime() >= firstStartsAt.getTime()) return null;
  const due = meeting.offsets.filter((offset) => offset > 0 && reminderDueAt(firstStartsAt, offset).getTime() <= now.getTime());
  if (due.length === 0) return null;
  const latest = Math.min(...due);
  const sent = meeting.queued.some(
    (job) =>
      job.offsetMins === latest &&
      (job.startsAt?.getTime() === firstStartsAt.getTime() || job.queued > 0 || job.status === "QUEUED" || job.status === "EXPANDING"),
  );
  return sent ? null : latest;
}
