import "server-only";
// Organizer decisions on registrations. Each takes the acting organizer and a meeting id that the
// caller got from findMeetingForOrganizer() with the "decide" permission, changes only rows of
// that meeting, writes the audit entry and queues the registrant's email in one transaction.
import type { RegistrationStatus } from "@/generated/prisma/client.ts";
import type { AuditAction, OrganizerActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { AWAITING_ORGANIZERS } from "@/lib/notices/approval-rules.ts";
import { retireDecisionLinks } from "@/lib/notices/focal-point-requests.ts";
import { tellRegistrant } from "@/lib/notices/registrant.ts";
import type { RegistrantEmailKind } from "@/lib/notices/registrant-emails.ts";
import { isUuid } from "@/lib/forms/ids.ts";

export type Decision = "approve" | "reject" | "withdraw";

// Organizers decide from every waiting stage: their queue (PENDING, "Approved by focal point"),
// and also before a focal point has (a focal point on leave must not keep anyone out).
const ALLOWED_FROM: Record<Decision, RegistrationStatus[]> = {
  approve: [...AWAITING_ORGANIZERS, "REJECTED"],
  reject: [...AWAITING_ORGANIZERS, "CONFIRMED"],
  withdraw: [...AWAITING_ORGANIZERS, "CONFIRMED"],
};
const RESULTING_STATUS: Record<Decision, RegistrationStatus> = { approve: "CONFIRMED", reject: "REJECTED", withdraw: "WITHDRAWN" };
const AUDIT_ACTION: Record<Decision, AuditAction> = {
  approve: "registration.approved",
  reject: "registration.rejected",
  withdraw: "registration.withdrawn",
};
const EMAIL_KIND: Record<Decision, RegistrantEmailKind> = {
  approve: "registration-approved",
  reject: "registration-rejected",
  withdraw: "registration-withdrawn",
};

export type DecisionResult = { changed: number; skipped: number };

/**
 * Apply one decision to registrations of one meeting. Rows in a state the decision does not apply
 * to (e.g. approving a confirmed one) are skipped, not errors, so a bulk action is idempotent.
 */
export async function decideRegistrations(
  db: Database,
  options: {
    meetingId: string;
    registrationIds: string[];
    decision: Decision;
    reason?: string;
    actor: OrganizerActor;
    now: Date;
    appUrl: string;
  },
): Promise<DecisionResult> {
  const ids = [...new Set(options.registrationIds)].filter(isUuid).slice(0, 500);
  if (ids.length === 0) return { changed: 0, skipped: 0 };
  return db.$transaction(
    async (tx) => {
      const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: options.meetingId } });
      // Lock the rows so two organizers deciding at once cannot both act on one registration.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Registration" WHERE "meetingId" = ${options.meetingId}::uuid AND id = ANY(${ids}::uuid[]) FOR UPDATE`;
      const rows = await tx.registration.findMany({ where: { id: { in: locked.map((row) => row.id) }, meetingId: options.meetingId } });
      let changed = 0;
      for (const row of rows) {
        if (!ALLOWED_FROM[options.decision].includes(row.status) || row.erasedAt) continue;
        const status = RESULTING_STATUS[options.decision];
        const kind = EMAIL_KIND[options.decision];
        const updated = await tx.registration.update({
          where: { id: row.id },
          data: {
            status,
            decidedAt: options.decision === "withdraw" ? row.decidedAt : options.now,
            decisionReason: options.decision === "reject" ? (options.reason ?? null) : null,
            withdrawnAt: options.decision === "withdraw" ? options.now : null,
          },
        });
        // Decided: the focal points' links about it decide nothing more.
        if (row.status === "AWAITING_FOCAL_POINT") await retireDecisionLinks(tx, { registrationId: row.id, now: options.now });
        // An approval carries a new manage link beside the registrant's (which keeps working); a
        // rejection or withdrawal carries none, and the registrant's links then show the decision.
        await tellRegistrant(tx, {
          kind,
          meeting,
          registration: updated,
          link: { issue: "decided" },
          appUrl: options.appUrl,
          now: options.now,
          reason: options.reason,
        });
        await recordAudit(tx, {
          meetingId: options.meetingId,
          actor: options.actor,
          action: AUDIT_ACTION[options.decision],
          entityId: row.id,
          before: { status: row.status },
          after: { status, reason: options.reason },
          at: options.now,
        });
        changed++;
      }
      return { changed, skipped: ids.length - changed };
    },
    { timeout: 60_000 },
  );
}
