// The pure rules of focal-point approval (issue #12): where a registration goes, when a decision
// link works, and what the registrant is told they wait for.
import { describe, expect, it } from "vitest";
import {
  DECISION_LINK_DAYS,
  decisionLinkExpiry,
  decisionLinkState,
  focalPointFollowUp,
  registrationStage,
  routedStatus,
  statusAfterFocalPointApproval,
} from "@/lib/notices/approval-rules.ts";
import { meetingInputSchema } from "@/lib/meetings/schema.ts";
import { MEETING_FORM_POST as FORM } from "../helpers/factories.ts";

const DAY = 24 * 60 * 60 * 1000;
const route = (overrides: Partial<Parameters<typeof routedStatus>[0]> = {}) =>
  routedStatus({
    mode: "FOCAL_POINT",
    confirmFocalPointApprovals: false,
    focalPointEmails: ["dfp@ict.go.ke"],
    registrantEmail: "delegate@ict.go.ke",
    ...overrides,
  });

describe("routedStatus", () => {
  it("confirms at once in automatic mode and waits for the organizers in manual mode, focal points or not", () => {
    expect(route({ mode: "AUTOMATIC" })).toBe("CONFIRMED");
    expect(route({ mode: "MANUAL" })).toBe("PENDING");
  });

  it("in focal-point mode waits for a focal point when the scope has one, else for the organizers", () => {
    expect(route()).toBe("AWAITING_FOCAL_POINT");
    expect(route({ focalPointEmails: [] })).toBe("PENDING");
  });

  it("approves a focal point's own registration at once (case aside), and confirms it when the meeting says so", () => {
    expect(route({ registrantEmail: "DFP@ict.go.ke" })).toBe("APPROVED_BY_FOCAL_POINT");
    expect(route({ registrantEmail: "dfp@ict.go.ke", confirmFocalPointApprovals: true })).toBe("CONFIRMED");
  });

  it("a focal point's approval goes to the organizers unless the meeting confirms it at once", () => {
    expect(statusAfterFocalPointApproval({ confirmFocalPointApprovals: false })).toBe("APPROVED_BY_FOCAL_POINT");
    expect(statusAfterFocalPointApproval({ confirmFocalPointApprovals: true })).toBe("CONFIRMED");
  });
});

describe("decision links", () => {
  const now = new Date("2026-11-30T12:00:00Z");

  it("expire after 14 days, or at the meeting's end when that is sooner", () => {
    expect(DECISION_LINK_DAYS).toBe(14);
    expect(decisionLinkExpiry(now, new Date(now.getTime() + 30 * DAY))).toEqual(new Date(now.getTime() + 14 * DAY));
    expect(decisionLinkExpiry(now, new Date(now.getTime() + 3 * DAY))).toEqual(new Date(now.getTime() + 3 * DAY));
  });

  it("work until the instant before their expiry, once", () => {
    const expiresAt = new Date(now.getTime() + DAY);
    expect(decisionLinkState({ expiresAt, usedAt: null }, new Date(expiresAt.getTime() - 1))).toBe("usable");
    expect(decisionLinkState({ expiresAt, usedAt: null }, expiresAt)).toBe("expired");
    expect(decisionLinkState({ expiresAt, usedAt: now }, now)).toBe("used");
  });
});

describe("registrationStage", () => {
  it("says what each status waits for", () => {
    expect(registrationStage("AWAITING_FOCAL_POINT")).toBe("focal-point");
    expect(registrationStage("PENDING")).toBe("secretariat");
    expect(registrationStage("APPROVED_BY_FOCAL_POINT")).toBe("secretariat");
    expect(registrationStage("CONFIRMED")).toBe("confirmed");
    expect(registrationStage("REJECTED")).toBe("closed");
    expect(registrationStage("WITHDRAWN")).toBe("closed");
  });
});

describe("the meeting form's approval choices", () => {
  const parse = (values: Record<string, unknown>) => meetingInputSchema.safeParse({ ...FORM, ...values });

  it("accepts the three modes and nothing else", () => {
    for (const approvalMode of ["AUTOMATIC", "MANUAL", "FOCAL_POINT"]) expect(parse({ approvalMode }).success).toBe(true);
    expect(parse({ approvalMode: "FOCAL_POINTS" }).success).toBe(false);
  });

  it("takes the follow-up hours as whole numbers from 1 to 720, and the defaults (48, 96, 48) when left empty or absent", () => {
    const absent = parse({});
    expect(absent.success && [absent.data.focalPointReminderHours, absent.data.focalPointEscalationHours]).toEqual([48, 96]);
    const empty = parse({ focalPointEscalationBeforeCloseHours: " " });
    expect(empty.success && empty.data.focalPointEscalationBeforeCloseHours).toBe(48);
    const given = parse({ focalPointReminderHours: "1", focalPointEscalationHours: "720" });
    expect(given.success && [given.data.focalPointReminderHours, given.data.focalPointEscalationHours]).toEqual([1, 720]);
    for (const bad of ["0", "721", "1.5", "two days"]) {
      const result = parse({ focalPointReminderHours: bad });
      expect(result.success ? null : result.error.issues.map((issue) => issue.message)).toEqual(["focalPointHours.invalid"]);
    }
  });

  it("reads 'confirm focal-point approvals at once' as ticked only when the checkbox is sent", () => {
    const ticked = parse({ approvalMode: "FOCAL_POINT", confirmFocalPointApprovals: "yes" });
    const unticked = parse({ approvalMode: "FOCAL_POINT" });
    expect(ticked.success && ticked.data.confirmFocalPointApprovals).toBe(true);
    expect(unticked.success && unticked.data.confirmFocalPointApprovals).toBe(false);
  });
});

describe("focalPointFollowUp", () => {
  const HOUR = 60 * 60 * 1000;
  const askedAt = new Date("2026-12-01T08:00:00Z");
  const at = (hours: number) => new Date(askedAt.getTime() + hours * HOUR);
  const settings = {
    focalPointReminderHours: 48,
    focalPointEscalationHours: 96,
    focalPointEscalationBeforeCloseHours: 48,
    registrationClosesAt: at(1000),
  };
  const waiting = { focalPointAskedAt: askedAt, focalPointRemindedAt: null, focalPointEscalatedAt: null };

  it("reminds after 2 days, once", () => {
    expect(focalPointFollowUp(waiting, settings, at(47.99))).toBeNull();
    expect(focalPointFollowUp(waiting, settings, at(48))).toBe("remind");
    expect(focalPointFollowUp({ ...waiting, focalPointRemindedAt: at(48) }, settings, at(60))).toBeNull();
  });

  it("escalates after 4 days or 48 hours before registration closes, whichever comes first; only escalates when both are due", () => {
    expect(focalPointFollowUp({ ...waiting, focalPointRemindedAt: at(48) }, settings, at(96))).toBe("escalate");
    expect(focalPointFollowUp(waiting, settings, at(100))).toBe("escalate");
    expect(focalPointFollowUp(waiting, { ...settings, registrationClosesAt: at(50) }, at(2))).toBe("escalate");
    expect(focalPointFollowUp(waiting, { ...settings, registrationClosesAt: at(50) }, at(1.9))).toBeNull();
  });

  it("does nothing for a registration not waiting, or already escalated", () => {
    expect(focalPointFollowUp({ ...waiting, focalPointAskedAt: null }, settings, at(500))).toBeNull();
    expect(focalPointFollowUp({ ...waiting, focalPointEscalatedAt: at(96) }, settings, at(500))).toBeNull();
  });
});
