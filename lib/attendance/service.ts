import "server-only";
// Opening a personal join link: look the token up by its hash, decide with the pure rules, and
// record each use that forwards (attendance builds on these rows). The links themselves are
// issued by lib/notices, with the email that carries them.
import { findJoinLink } from "@/lib/attendance/queries.ts";
import { decideJoin, type JoinDecision } from "@/lib/attendance/rules.ts";
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
export async function revokeJoinLinks(db: Database, options: { registrationId: string; now: Date }): Promise<number> {
  const { count } = await db.joinLink.updateMany({
    where: { registrationId: options.registrationId, revokedAt: null },
    data: { revokedAt: options.now },
  });
  return count;
}
