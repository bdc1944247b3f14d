// When a personal join link lets its reader in: pure rules, the clock passed in. Each session of
// the meeting opens for joining `joinOpensMinutesBefore` its start and closes at its end; a
// meeting with no sessions of its own is one session (lib/meetings/rules.ts meetingSessions).
import type { RegistrationStatus } from "@/generated/prisma/enums.ts";
import { MAX_JOIN_OPENS_MINUTES_BEFORE, meetingSessions } from "@/lib/meetings/rules.ts";

export type JoinWindowMeeting = {
  startsAt: Date;
  endsAt: Date;
  joinOpensMinutesBefore: number;
  sessions?: readonly { id: string; startsAt: Date; endsAt: Date }[];
};

export type JoinWindow =
  /** Too early: the link opens at `opensAt`, for the session starting at `startsAt`. */
  | { state: "before"; opensAt: Date; startsAt: Date }
  /** Open: the link forwards into session `sessionId` (null: the meeting as a whole) until `closesAt`. */
  | { state: "open"; closesAt: Date; sessionId: string | null }
  /** The last session is over. */
  | { state: "after" };

/**
 * Where `now` stands against the meeting's sessions, each open for joining over
 * [startsAt − minutes, endsAt): open in the first session whose window holds `now`, otherwise
 * waiting for the next one to open, otherwise over.
 */
export function joinWindow(meeting: JoinWindowMeeting, now: Date): JoinWindow {
  const minutes = Math.min(Math.max(meeting.joinOpensMinutesBefore, 0), MAX_JOIN_OPENS_MINUTES_BEFORE);
  const sessions = meetingSessions(meeting, meeting.sessions);
  let next: { opensAt: Date; startsAt: Date } | null = null;
  for (const session of sessions) {
    const opensAt = new Date(session.startsAt.getTime() - minutes * 60_000);
    if (now >= opensAt && now < session.endsAt) return { state: "open", closesAt: session.endsAt, sessionId: session.id };
    if (now < opensAt && (!next || opensAt < next.opensAt)) next = { opensAt, startsAt: session.startsAt };
  }
  return next ? { state: "before", ...next } : { state: "after" };
}

/** A platform link the join route may forward to: an absolute http(s) URL, nothing else. */
export function isForwardableUrl(url: string | null): url is string {
  if (!url || !URL.canParse(url)) return false;
  return /^https?:$/.test(new URL(url).protocol);
}

export type JoinDecision =
  | { outcome: "forward"; url: string; sessionId: string | null }
  | { outcome: "wait"; opensAt: Date; startsAt: Date }
  /** The meeting is over. */
  | { outcome: "ended" }
  /** Inside the window, but the organizers have not given a platform link (or not an http(s) one). */
  | { outcome: "no-platform-link" }
  /** Unknown, revoked, withdrawn, rejected, pending or erased: the same answer for all. */
  | { outcome: "refused" };

/**
 * What a personal join link does for a registration in `status` at `now`. Only a confirmed
 * registration inside the window goes anywhere, and only to an http(s) platform link.
 */
export function decideJoin(
  link: {
    revoked: boolean;
    status: RegistrationStatus;
    erased: boolean;
    meeting: JoinWindowMeeting & { connectionJoinUrl: string | null };
  } | null,
  now: Date,
): JoinDecision {
  if (!link || link.revoked || link.erased || link.status !== "CONFIRMED") return { outcome: "refused" };
  const window = joinWindow(link.meeting, now);
  if (window.state === "before") return { outcome: "wait", opensAt: window.opensAt, startsAt: window.startsAt };
  if (window.state === "after") return { outcome: "ended" };
  if (!isForwardableUrl(link.meeting.connectionJoinUrl)) return { outcome: "no-platform-link" };
  return { outcome: "forward", url: link.meeting.connectionJoinUrl, sessionId: window.sessionId };
}

/**
 * A name as report rows and registrations are compared: letters and digits only, accents and case
 * dropped, words in order ("José  García-Pérez" → "jose garcia perez"). Zoom's "(original name)"
 * suffix is the caller's to strip.
 */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The forms of a report name to look up: as given, and without a trailing "(…)" (Zoom's original name). */
export function reportNameKeys(name: string): string[] {
  const keys = [normalizeName(name), normalizeName(name.replace(/\s*\([^()]*\)\s*$/, ""))];
  return [...new Set(keys.filter(Boolean))];
}

/**
 * The session a report row's join time belongs to: the one whose join window
 * [startsAt − minutes, endsAt) holds it, else the one the stay [joinedAt, leftAt) overlaps;
 * undefined when it falls in none (the row is kept but counts for no session).
 */
export function sessionOfReportRow(
  meeting: JoinWindowMeeting,
  row: { joinedAt: Date; leftAt: Date | null },
): { id: string | null } | undefined {
  const minutes = Math.min(Math.max(meeting.joinOpensMinutesBefore, 0), MAX_JOIN_OPENS_MINUTES_BEFORE);
  const sessions = meetingSessions(meeting, meeting.sessions);
  const inWindow = sessions.find(
    (session) => row.joinedAt.getTime() >= session.startsAt.getTime() - minutes * 60_000 && row.joinedAt < session.endsAt,
  );
  if (inWindow) return { id: inWindow.id };
  const leftAt = row.leftAt;
  if (!leftAt) return undefined;
  const overlapping = sessions.find((session) => row.joinedAt < session.endsAt && leftAt > session.startsAt);
  return overlapping ? { id: overlapping.id } : undefined;
}
