import "server-only";
// Opening a personal join link: look the token up by its hash, decide with the pure rules, and
// record each use that forwards (attendance builds on these rows). The links themselves are
// issued by lib/notices, with the email that carries them.
import { findJoinLink } from "@/lib/attendance/queries.ts";
import { decideJoin, type JoinDecision } from "@/lib/attendance/rules.ts";
import type { OrganizerActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";

/** What the join link in a request does now; a forward is recorded as a use of the link. */
export async function openJoinLink(
  db: Database,
  options: { token: string; now: Date },
): Promise<JoinDecision & { meeting?: { shortName: string; timeZone: string } }> {
  const link = await findJoinLink(db, options.token);
  const decision = decideJoin(
    link && {
      revoked: link.revokedAt !== null && link.revokedAt <= options.now,
      status: link.registration.status,
      erased: link.registration.erasedAt !== null,
      meeting: link.registration.meeting,
    },
    options.now,
  );
  if (decision.outcome === "refused" || !link) return { outcome: "refused" };
  if (decision.outcome === "forward")
    await db.joinLinkUse.create({ data: { joinLinkHash: link.tokenHash, usedAt: options.now, sessionId: decision.sessionId } });
  const { shortName, timeZone } = link.registration.meeting;
  return { ...decision, meeting: { shortName, timeZone } };
}

/** Revoke every join link of a registration (e.g. one leaked): they forward nowhere from `now` on. */
export async function revokeJoinLinks(db: Pick<Database, "joinLink">, options: { registrationId: string; now: Date }): Promise<number> {
  const { count } = await db.joinLink.updateMany({
    where: { registrationId: options.registrationId, revokedAt: null },
    data: { revokedAt: options.now },
  });
  return count;
}

/**
 * An organizer revokes every join link of a registration of `meetingId` (e.g. one was forwarded
 * to someone else): audited with how many were revoked. Its next email carries a new link.
 */
export async function revokeJoinLinksOf(
  db: Database,
  options: { meetingId: string; registrationId: string; actor: OrganizerActor; now: Date },
): Promise<{ ok: true; revoked: number } | { ok: false }> {
  const { meetingId, registrationId, actor, now } = options;
  return db.$transaction(async (tx) => {
    const registration = await tx.registration.findFirst({ where: { id: registrationId, meetingId }, select: { id: true } });
    if (!registration) return { ok: false } as const;
    const revoked = await revokeJoinLinks(tx, { registrationId, now });
    await recordAudit(tx, {
      meetingId,
      actor,
      action: "attendance.links-revoked",
      entityId: registrationId,
      after: { joinLinksRevoked: revoked },
      at: now,
    });
    return { ok: true, revoked } as const;
  });
}
