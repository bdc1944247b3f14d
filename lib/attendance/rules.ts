// When a personal join link lets its reader in: pure rules, the clock passed in. Today a meeting
// is one session (startsAt..endsAt); when meetings get sessions, the window becomes the session
// whose own window holds `now`, and callers keep asking the same question.
import type { RegistrationStatus } from "@/generated/prisma/enums.ts";
import { MAX_JOIN_OPENS_MINUTES_BEFORE } from "@/lib/meetings/rules.ts";

export type JoinWindowMeeting = { startsAt: Date; endsAt: Date; joinOpensMinutesBefore: number };

export type JoinWindow =
  /** Too early: the link opens at `opensAt`. */
  | { state: "before"; opensAt: Date; startsAt: Date }
  /** Open: the link forwards until `closesAt` (the end of the meeting). */
  | { state: "open"; closesAt: Date }
  /** The meeting is over. */
  | { state: "after" };

/** Where `now` stands against the meeting's join window: [startsAt − minutes, endsAt). */
export function joinWindow(meeting: JoinWindowMeeting, now: Date): JoinWindow {
  const minutes = Math.min(Math.max(meeting.joinOpensMinutesBefore, 0), MAX_JOIN_OPENS_MINUTES_BEFORE);
  const opensAt = new Date(meeting.startsAt.getTime() - minutes * 60_000);
  if (now < opensAt) return { state: "before", opensAt, startsAt: meeting.startsAt };
  if (now < meeting.endsAt) return { state: "open", closesAt: meeting.endsAt };
  return { state: "after" };
}

/** A platform link the join route may forward to: an absolute http(s) URL, nothing else. */
export function isForwardableUrl(url: string | null): url is string {
  if (!url || !URL.canParse(url)) return false;
  return /^https?:$/.test(new URL(url).protocol);
}

export type JoinDecision =
  | { outcome: "forward"; url: string }
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
  return { outcome: "forward", url: link.meeting.connectionJoinUrl };
}
