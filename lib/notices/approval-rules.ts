// Who approves a registration, and when a focal point's decision link works: pure rules, clock
// passed in. Shared by registration (routing a new or changed registration), the focal points'
// decision pages and the organizers' console (docs/decisions/0015-focal-point-approval.md).
import type { ApprovalMode, RegistrationStatus } from "@/generated/prisma/enums.ts";

/** A decision link works this long, and never after the meeting's end. */
export const DECISION_LINK_DAYS = 14;

/** Statuses that hold a place (capacity) and may still be decided on. */
export const OPEN_STATUSES: readonly RegistrationStatus[] = ["PENDING", "CONFIRMED", "AWAITING_FOCAL_POINT", "APPROVED_BY_FOCAL_POINT"];

/** Statuses an organizer may approve or reject from (besides approving a rejected one again). */
export const AWAITING_ORGANIZERS: readonly RegistrationStatus[] = ["PENDING", "AWAITING_FOCAL_POINT", "APPROVED_BY_FOCAL_POINT"];

/**
 * The status a new (or re-routed) registration starts in. In focal-point mode: approved by focal
 * point at once when the registrant is one of the focal points of their own scope; waiting for
 * them when the scope has any; the organizers' queue (PENDING) when it has none.
 */
export function routedStatus(options: {
  mode: ApprovalMode;
  confirmFocalPointApprovals: boolean;
  focalPointEmails: readonly string[];
  registrantEmail: string;
}): RegistrationStatus {
  if (options.mode === "AUTOMATIC") return "CONFIRMED";
  if (options.mode === "MANUAL" || options.focalPointEmails.length === 0) return "PENDING";
  const email = options.registrantEmail.toLowerCase();
  if (options.focalPointEmails.some((address) => address.toLowerCase() === email)) return statusAfterFocalPointApproval(options);
  return "AWAITING_FOCAL_POINT";
}

/** A focal point's approval confirms at once, or goes to the organizers' queue. */
export function statusAfterFocalPointApproval(meeting: { confirmFocalPointApprovals: boolean }): RegistrationStatus {
  return meeting.confirmFocalPointApprovals ? "CONFIRMED" : "APPROVED_BY_FOCAL_POINT";
}

/** When a decision link issued at `now` stops working: 14 days later, or at the meeting's end if sooner. */
export function decisionLinkExpiry(now: Date, meetingEndsAt: Date): Date {
  return new Date(Math.min(now.getTime() + DECISION_LINK_DAYS * 24 * 60 * 60 * 1000, meetingEndsAt.getTime()));
}

export type DecisionLinkState = "usable" | "expired" | "used";

/** Whether a stored link may still decide: unused and before its expiry (the expiry instant excluded). */
export function decisionLinkState(link: { expiresAt: Date; usedAt: Date | null }, now: Date): DecisionLinkState {
  if (link.usedAt) return "used";
  return now.getTime() < link.expiresAt.getTime() ? "usable" : "expired";
}

/** What a registrant is waiting for, as their pages and emails say it. */
export type RegistrationStage = "focal-point" | "secretariat" | "confirmed" | "closed";

export function registrationStage(status: RegistrationStatus): RegistrationStage {
  switch (status) {
    case "AWAITING_FOCAL_POINT":
      return "focal-point";
    case "PENDING":
    case "APPROVED_BY_FOCAL_POINT":
      return "secretariat";
    case "CONFIRMED":
      return "confirmed";
    default:
      return "closed";
  }
}

const HOUR = 60 * 60 * 1000;

export type FollowUpSettings = {
  focalPointReminderHours: number;
  focalPointEscalationHours: number;
  focalPointEscalationBeforeCloseHours: number;
  registrationClosesAt: Date;
};

/**
 * What a registration still waiting for its focal points needs now: to go to the organizers
 * ("escalate": so long after they were asked, or so close to the registration deadline, whichever
 * comes first), one reminder to the focal points, or nothing. When both are due (a worker was
 * down), only the escalation: a reminder about a request that is no longer theirs would mislead.
 */
export function focalPointFollowUp(
  registration: { focalPointAskedAt: Date | null; focalPointRemindedAt: Date | null; focalPointEscalatedAt: Date | null },
  meeting: FollowUpSettings,
  now: Date,
): "remind" | "escalate" | null {
  const askedAt = registration.focalPointAskedAt;
  if (!askedAt || registration.focalPointEscalatedAt) return null;
  const at = now.getTime();
  const escalateAt = Math.min(
    askedAt.getTime() + meeting.focalPointEscalationHours * HOUR,
    meeting.registrationClosesAt.getTime() - meeting.focalPointEscalationBeforeCloseHours * HOUR,
  );
  if (at >= escalateAt) return "escalate";
  if (!registration.focalPointRemindedAt && at >= askedAt.getTime() + meeting.focalPointReminderHours * HOUR) return "remind";
  return null;
}
