import "server-only";
// Who organizes a meeting, and with which role. One set of rules for the console
// (lib/organizers/actions.ts) and for `npm run organizer` (scripts/organizer.ts):
//  - every change is in the meeting's audit log, with who made it;
//  - a meeting never loses its last owner. The meeting row is locked while its roles change, so
//    two owners demoting each other at the same moment leave one of them owner;
//  - someone left with no role and no right to create meetings is no organizer any more: their
//    sessions end at once (and sign-in refuses them, lib/auth/organizers.ts isOrganizer).
import type { OrganizerRole, Prisma } from "@/generated/prisma/client.ts";
import type { AuditAction, AuditActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";

/** An owner in the console, or whoever runs `npm run organizer` on the server. */
export type RoleChangeActor = Extract<AuditActor, { kind: "organizer" } | { kind: "command-line" }>;

export type MeetingOrganizerRow = { userId: string; email: string; role: OrganizerRole; since: Date };

type Transaction = Prisma.TransactionClient;

const ROLE_ORDER: Record<OrganizerRole, number> = { OWNER: 0, EDITOR: 1, VIEWER: 2 };

/** The meeting's organizers: owners first, then editors, then viewers, each by email. */
export async function listMeetingOrganizers(db: Database, meetingId: string): Promise<MeetingOrganizerRow[]> {
  const rows = await db.meetingOrganizer.findMany({ where: { meetingId }, include: { user: { select: { email: true } } } });
  return rows
    .map((row) => ({ userId: row.userId, email: row.user.email, role: row.role, since: row.createdAt }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.email.localeCompare(b.email));
}

/** Lock the meeting's row for the rest of the transaction: its roles change one at a time. */
async function lockMeeting(tx: Transaction, meetingId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Meeting" WHERE id = ${meetingId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

async function isLastOwner(tx: Transaction, meetingId: string, role: OrganizerRole): Promise<boolean> {
  return role === "OWNER" && (await tx.meetingOrganizer.count({ where: { meetingId, role: "OWNER" } })) <= 1;
}

async function audit(
  tx: Transaction,
  entry: {
    meetingId: string | null;
    actor: RoleChangeActor;
    action: AuditAction;
    userId: string;
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
    now: Date;
  },
) {
  await recordAudit(tx, {
    meetingId: entry.meetingId,
    actor: entry.actor,
    action: entry.action,
    entityId: entry.userId,
    before: entry.before,
    after: entry.after,
    at: entry.now,
  });
}

/** End the sessions of a user who is no longer an organizer at all; returns how many ended. */
async function endSessionsIfNoLongerOrganizer(tx: Transaction, userId: string): Promise<number> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { canCreateMeetings: true, _count: { select: { meetingRoles: true } } },
  });
  if (!user || user.canCreateMeetings || user._count.meetingRoles > 0) return 0;
  return (await tx.session.deleteMany({ where: { userId } })).count;
}

export type RoleChange = { ok: true; change: "added" | "changed" | "unchanged" } | { ok: false; reason: "last-owner" | "not-found" };

/**
 * Give `email` a role on the meeting: adds the person (creating their account, without the right
 * to create meetings) or changes the role they have.
 */
export async function grantMeetingRole(
  db: Database,
  options: { meetingId: string; email: string; role: OrganizerRole; actor: RoleChangeActor; now?: Date },
): Promise<RoleChange> {
  const now = options.now ?? new Date();
  const email = options.email.toLowerCase();
  return db.$transaction(async (tx) => {
    if (!(await lockMeeting(tx, options.meetingId))) return { ok: false, reason: "not-found" };
    const user = await tx.user.upsert({ where: { email }, create: { email }, update: {} });
    const key = { meetingId_userId: { meetingId: options.meetingId, userId: user.id } };
    const existing = await tx.meetingOrganizer.findUnique({ where: key });
    if (!existing) {
      await tx.meetingOrganizer.create({ data: { meetingId: options.meetingId, userId: user.id, role: options.role } });
      await audit(tx, {
        meetingId: options.meetingId,
        actor: options.actor,
        action: "organizer.added",
        userId: user.id,
        after: { email, role: options.role },
        now,
      });
      return { ok: true, change: "added" };
    }
    return changeRole(tx, { ...options, userId: user.id, email, current: existing.role, now });
  });
}

/** Change the role of someone who already has one on the meeting. */
export async function changeMeetingRole(
  db: Database,
  options: { meetingId: string; userId: string; role: OrganizerRole; actor: RoleChangeActor; now?: Date },
): Promise<RoleChange> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    if (!(await lockMeeting(tx, options.meetingId))) return { ok: false, reason: "not-found" };
    const key = { meetingId_userId: { meetingId: options.meetingId, userId: options.userId } };
    const existing = await tx.meetingOrganizer.findUnique({ where: key, include: { user: { select: { email: true } } } });
    if (!existing) return { ok: false, reason: "not-found" };
    return changeRole(tx, { ...options, email: existing.user.email, current: existing.role, now });
  });
}

/** Move someone from `current` to `role` on a locked meeting: never the last owner away from owner. */
async function changeRole(
  tx: Transaction,
  change: {
    meetingId: string;
    userId: string;
    email: string;
    current: OrganizerRole;
    role: OrganizerRole;
    actor: RoleChangeActor;
    now: Date;
  },
): Promise<RoleChange> {
  if (change.current === change.role) return { ok: true, change: "unchanged" };
  if (await isLastOwner(tx, change.meetingId, change.current)) return { ok: false, reason: "last-owner" };
  await tx.meetingOrganizer.update({
    where: { meetingId_userId: { meetingId: change.meetingId, userId: change.userId } },
    data: { role: change.role },
  });
  await audit(tx, {
    meetingId: change.meetingId,
    actor: change.actor,
    action: "organizer.role-changed",
    userId: change.userId,
    before: { email: change.email, role: change.current },
    after: { email: change.email, role: change.role },
    now: change.now,
  });
  return { ok: true, change: "changed" };
}

export type RoleRemoval = { ok: true; sessionsEnded: number } | { ok: false; reason: "last-owner" | "not-found" };

/** Take away someone's role on the meeting (never the last owner's). */
export async function removeMeetingRole(
  db: Database,
  options: { meetingId: string; userId: string; actor: RoleChangeActor; now?: Date },
): Promise<RoleRemoval> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    if (!(await lockMeeting(tx, options.meetingId))) return { ok: false, reason: "not-found" };
    const key = { meetingId_userId: { meetingId: options.meetingId, userId: options.userId } };
    const existing = await tx.meetingOrganizer.findUnique({ where: key, include: { user: { select: { email: true } } } });
    if (!existing) return { ok: false, reason: "not-found" };
    if (await isLastOwner(tx, options.meetingId, existing.role)) return { ok: false, reason: "last-owner" };
    await tx.meetingOrganizer.delete({ where: key });
    await audit(tx, {
      meetingId: options.meetingId,
      actor: options.actor,
      action: "organizer.removed",
      userId: options.userId,
      before: { email: existing.user.email, role: existing.role },
      now,
    });
    return { ok: true, sessionsEnded: await endSessionsIfNoLongerOrganizer(tx, options.userId) };
  });
}

export type OrganizerRemoval =
  | { ok: true; meetings: string[]; sessionsEnded: number }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "last-owner"; meetings: string[] };

/**
 * Remove an organizer altogether: every role, the right to create meetings, their sessions and
 * any unused sign-in link. Refused, changing nothing, while they are the last owner of a meeting
 * (`meetings` names those).
 */
export async function removeOrganizer(
  db: Database,
  options: { email: string; actor: RoleChangeActor; now?: Date },
): Promise<OrganizerRemoval> {
  const now = options.now ?? new Date();
  const email = options.email.toLowerCase();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, canCreateMeetings: true } });
    if (!user) return { ok: false, reason: "not-found" };
    const roles = await tx.meetingOrganizer.findMany({
      where: { userId: user.id },
      include: { meeting: { select: { slug: true } } },
      orderBy: { meetingId: "asc" }, // one lock order everywhere: no deadlock between two removals
    });
    for (const role of roles) await lockMeeting(tx, role.meetingId);
    const lastOwned: string[] = [];
    for (const role of roles) if (await isLastOwner(tx, role.meetingId, role.role)) lastOwned.push(role.meeting.slug);
    if (lastOwned.length > 0) return { ok: false, reason: "last-owner", meetings: lastOwned.sort() };
    await tx.meetingOrganizer.deleteMany({ where: { userId: user.id } });
    for (const role of roles) {
      await audit(tx, {
        meetingId: role.meetingId,
        actor: options.actor,
        action: "organizer.removed",
        userId: user.id,
        before: { email, role: role.role },
        now,
      });
    }
    await tx.user.update({ where: { id: user.id }, data: { canCreateMeetings: false } });
    const sessionsEnded = (await tx.session.deleteMany({ where: { userId: user.id } })).count;
    await tx.verificationToken.deleteMany({ where: { identifier: email } });
    // Not about one meeting: the account-wide part of the removal.
    await audit(tx, {
      meetingId: null,
      actor: options.actor,
      action: "organizer.access-removed",
      userId: user.id,
      before: { email, canCreateMeetings: user.canCreateMeetings, roles: roles.length, sessions: sessionsEnded },
      after: { canCreateMeetings: false, roles: 0, sessions: 0 },
      now,
    });
    return { ok: true, meetings: roles.map((role) => role.meeting.slug).sort(), sessionsEnded };
  });
}
