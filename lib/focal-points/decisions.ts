import "server-only";
// A focal point's decision on one registration, through the link emailed to them (issue #12):
// no account, the link's token is the only credential. Opening the link (GET or HEAD) only reads;
// deciding is a POST from its page. The first decision wins: the registration row is locked and
// only one that still awaits a focal point is decided, so two focal points deciding at once give
// one decision and a plain answer to the second (docs/decisions/0015-focal-point-approval.md).
import type { Registration } from "@/generated/prisma/client.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { decisionLinkState, statusAfterFocalPointApproval } from "@/lib/notices/approval-rules.ts";
import { retireDecisionLinks } from "@/lib/notices/focal-point-requests.ts";
import { tellRegistrant } from "@/lib/notices/registrant.ts";
import type { RegistrantEmailKind } from "@/lib/notices/registrant-emails.ts";
import { registrationScopeKey } from "@/lib/participants/scopes.ts";
import { hashToken, isWellFormedToken } from "@/lib/security/tokens.ts";

/**
 * Why a link decides nothing: unknown (mistyped, tampered, or never issued), expired, already
 * used, the registration no longer waits for a focal point (another one decided, the registrant
 * withdrew or changed their details, the organizers decided), or the focal point no longer acts
 * for its scope or meeting.
 */
export type DecisionRefusal = "invalid" | "expired" | "used" | "not-waiting" | "out-of-scope";

export type DecisionRequest = {
  focalPoint: { email: string; name: string };
  registration: Pick<
    Registration,
    "id" | "reference" | "givenName" | "familyName" | "email" | "category" | "memberState" | "organization" | "country" | "jobTitle"
  > & {
    status: Registration["status"];
    focalPointDecidedBy: string | null;
    focalPointDecision: string | null;
    focalPointDecidedAt: Date | null;
  };
  meeting: { id: string; title: string; shortName: string; startsAt: Date; endsAt: Date; timeZone: string };
  expiresAt: Date;
};

export type DecisionLinkView = { ok: true; request: DecisionRequest } | { ok: false; reason: DecisionRefusal; request?: DecisionRequest };

const linkInclude = {
  focalPoint: { include: { meetings: { select: { meetingId: true } } } },
  registration: { include: { meeting: true } },
} as const;

type LoadedLink = NonNullable<Awaited<ReturnType<typeof loadLink>>>;

async function loadLink(db: Pick<Database, "focalPointDecisionLink">, token: string) {
  if (!isWellFormedToken(token)) return null;
  return db.focalPointDecisionLink.findUnique({ where: { tokenHash: hashToken(token) }, include: linkInclude });
}

/** The focal point still acts for the registration's scope (by name or alias) and meeting. */
function inScope(link: LoadedLink): boolean {
  const { focalPoint, registration } = link;
  const key = registrationScopeKey({
    category: registration.category,
    countryCode: registration.memberState,
    organization: registration.organization,
  });
  if (!key) return false;
  const matches = focalPoint.scopeKey === key || (key.startsWith("org:") && focalPoint.aliasKeys.includes(key.slice(4)));
  const forMeeting = focalPoint.allMeetings || focalPoint.meetings.some((entry) => entry.meetingId === registration.meetingId);
  return matches && forMeeting;
}

function requestOf(link: LoadedLink): DecisionRequest {
  const { registration, focalPoint } = link;
  const { meeting } = registration;
  return {
    focalPoint: { email: focalPoint.email, name: focalPoint.name },
    registration,
    meeting: {
      id: meeting.id,
      title: meeting.title,
      shortName: meeting.shortName,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
    },
    expiresAt: link.expiresAt,
  };
}

/** Why this link may not decide now, or null when it may. The order matters: the plainest answer first. */
function refusalOf(link: LoadedLink, now: Date): DecisionRefusal | null {
  const state = decisionLinkState(link, now);
  if (state === "used") return "used";
  if (link.registration.status !== "AWAITING_FOCAL_POINT" || link.registration.erasedAt) return "not-waiting";
  if (state === "expired") return "expired";
  if (!inScope(link)) return "out-of-scope";
  return null;
}

/** What the link's page shows: the request and whether it may still be decided. Reads only. */
export async function openDecisionLink(db: Database, options: { token: string; now: Date }): Promise<DecisionLinkView> {
  const link = await loadLink(db, options.token);
  if (!link) return { ok: false, reason: "invalid" };
  const request = requestOf(link);
  const reason = refusalOf(link, options.now);
  // An erased registration shows nothing of its person; nor does an expired link, or the link of
  // someone who no longer acts for the scope (a forwarded or old email keeps no window on it).
  if (link.registration.erasedAt) return { ok: false, reason: "not-waiting" };
  if (reason === "expired" || reason === "out-of-scope") return { ok: false, reason };
  return reason ? { ok: false, reason, request } : { ok: true, request };
}

export type FocalPointDecision = { decision: "approve" } | { decision: "reject"; reason?: string };

export type DecideResult =
  | { ok: true; decision: "approve" | "reject"; status: Registration["status"] }
  | { ok: false; reason: DecisionRefusal; request?: DecisionRequest };

const REGISTRANT_EMAIL: Record<"CONFIRMED" | "APPROVED_BY_FOCAL_POINT" | "REJECTED", RegistrantEmailKind> = {
  CONFIRMED: "registration-approved",
  APPROVED_BY_FOCAL_POINT: "registration-focal-point-approved",
  REJECTED: "registration-rejected",
};

/**
 * Decide on the link's registration: approve (to the organizers' queue, or confirmed when the
 * meeting confirms focal-point approvals at once) or reject (with an optional reason, sent to the
 * registrant). The link is spent, the registrant emailed, and everything audited, in one
 * transaction; a refused attempt on a known link is audited too.
 */
export async function decideByLink(
  db: Database,
  options: { token: string; choice: FocalPointDecision; now: Date; appUrl: string },
): Promise<DecideResult> {
  const { now } = options;
  return db.$transaction(async (tx) => {
    if (!isWellFormedToken(options.token)) return { ok: false, reason: "invalid" } as const;
    const tokenHash = hashToken(options.token);
    // Lock the registration first: of two focal points (or two tabs) deciding at once, the second
    // waits here and then finds it decided.
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT r.id FROM "Registration" r JOIN "FocalPointDecisionLink" l ON l."registrationId" = r.id
      WHERE l."tokenHash" = ${tokenHash} FOR UPDATE OF r`;
    if (!row) return { ok: false, reason: "invalid" } as const;
    const link = await loadLink(tx, options.token);
    if (!link) return { ok: false, reason: "invalid" } as const;
    const registration = link.registration;
    const actor = { kind: "focal-point", email: link.focalPoint.email } as const;
    const refusal = refusalOf(link, now);
    if (refusal) {
      await recordAudit(tx, {
        meetingId: registration.meetingId,
        actor,
        action: "registration.focal-point-link-refused",
        entityId: registration.id,
        after: { refused: refusal, status: registration.status },
        at: now,
      });
      return { ok: false, reason: refusal, request: registration.erasedAt ? undefined : requestOf(link) } as const;
    }
    const decision = options.choice.decision;
    const reason = options.choice.decision === "reject" ? options.choice.reason?.trim() || undefined : undefined;
    const status = decision === "approve" ? statusAfterFocalPointApproval(registration.meeting) : "REJECTED";
    const updated = await tx.registration.update({
      where: { id: registration.id },
      data: {
        status,
        focalPointDecidedAt: now,
        focalPointDecidedBy: link.focalPoint.email,
        focalPointDecision: decision === "approve" ? "approved" : "rejected",
        decisionReason: reason ?? null,
        // A confirmation or a rejection is final for the registrant, as an organizer's decision is.
        decidedAt: status === "APPROVED_BY_FOCAL_POINT" ? null : now,
      },
    });
    await tx.focalPointDecisionLink.update({ where: { tokenHash }, data: { usedAt: now } });
    // The other focal points' links have nothing left to decide.
    await retireDecisionLinks(tx, { registrationId: registration.id, now });
    await tellRegistrant(tx, {
      kind: REGISTRANT_EMAIL[status as keyof typeof REGISTRANT_EMAIL],
      meeting: registration.meeting,
      registration: updated,
      link: { issue: "decided" },
      appUrl: options.appUrl,
      now,
      reason,
    });
    await recordAudit(tx, {
      meetingId: registration.meetingId,
      actor,
      action: decision === "approve" ? "registration.focal-point-approved" : "registration.focal-point-rejected",
      entityId: registration.id,
      before: { status: registration.status },
      after: { status, reason },
      at: now,
    });
    return { ok: true, decision, status } as const;
  });
}
