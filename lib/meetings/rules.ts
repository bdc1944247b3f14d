// Pure rules about a meeting's registration window. Time is always an argument, so the same
// function answers for the server's clock in production and for any instant in tests.

export type RegistrationWindowState = "not-open" | "open" | "closed";

export type RegistrationWindow = { registrationOpensAt: Date; registrationClosesAt: Date };

/**
 * Registration is accepted from `registrationOpensAt` up to and including `registrationClosesAt`
 * (both UTC instants; organizers state them in the meeting's time zone).
 */
export function getRegistrationWindowState(meeting: RegistrationWindow, now: Date): RegistrationWindowState {
  if (now.getTime() < meeting.registrationOpensAt.getTime()) return "not-open";
  if (now.getTime() > meeting.registrationClosesAt.getTime()) return "closed";
  return "open";
}

export function isRegistrationOpen(meeting: RegistrationWindow, now: Date): boolean {
  return getRegistrationWindowState(meeting, now) === "open";
}

/** Milliseconds until registration closes (negative once closed). */
export function timeUntilRegistrationCloses(meeting: RegistrationWindow, now: Date): number {
  return meeting.registrationClosesAt.getTime() - now.getTime();
}

/** The instant after which a meeting's registrants' personal data is erased. */
export function getRetentionEndsAt(meeting: { endsAt: Date; retentionDays: number }): Date {
  return new Date(meeting.endsAt.getTime() + meeting.retentionDays * 24 * 60 * 60 * 1000);
}

/** Minutes before a meeting starts from which its join links forward, unless the organizers say otherwise. */
export const DEFAULT_JOIN_OPENS_MINUTES_BEFORE = 30;

/** Most minutes an organizer may open the links before the start (one day). */
export const MAX_JOIN_OPENS_MINUTES_BEFORE = 24 * 60;

/** One session of a meeting: a row of MeetingSession, or (id null) the whole meeting when it has none. */
export type MeetingSessionTimes = { id: string | null; startsAt: Date; endsAt: Date };

/**
 * A meeting's sessions in time order. A meeting with no sessions of its own is one session from
 * its start to its end, so join links, calendars, reminders and attendance ask one question.
 */
export function meetingSessions(
  meeting: { startsAt: Date; endsAt: Date },
  sessions: readonly { id: string; startsAt: Date; endsAt: Date }[] = [],
): MeetingSessionTimes[] {
  if (sessions.length === 0) return [{ id: null, startsAt: meeting.startsAt, endsAt: meeting.endsAt }];
  return sessions
    .map(({ id, startsAt, endsAt }) => ({ id, startsAt, endsAt }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime());
}
