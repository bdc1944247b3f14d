import "server-only";
// Which meetings an organizer may see and what they may do there. Every organizer query goes
// through these, with the organizer's user id in the WHERE clause: a meeting the organizer has no
// role on is simply not found (no difference between "missing" and "forbidden").
import type { Meeting, OrganizerRole } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";

const RANK: Record<OrganizerRole, number> = { VIEWER: 1, EDITOR: 2, OWNER: 3 };

/** What each role may do: viewers read and export, editors also decide and update, owners also edit the meeting. */
export type MeetingPermission = "read" | "export" | "decide" | "notify" | "edit-meeting";
const MINIMUM_ROLE: Record<MeetingPermission, OrganizerRole> = {
  read: "VIEWER",
  export: "VIEWER",
  decide: "EDITOR",
  notify: "EDITOR",
  "edit-meeting": "OWNER",
};

export function roleAllows(role: OrganizerRole, permission: MeetingPermission): boolean {
  return RANK[role] >= RANK[MINIMUM_ROLE[permission]];
}

export type MeetingAccess = { meeting: Meeting; role: OrganizerRole };

/** The meeting and the organizer's role on it, if the role allows `permission`; otherwise null. */
export async function findMeetingForOrganizer(
  db: Database,
  options: { userId: string; meetingId: string; permission: MeetingPermission },
): Promise<MeetingAccess | null> {
  if (!/^[0-9a-f-]{36}$/i.test(options.meetingId)) return null;
  const membership = await db.meetingOrganizer.findUnique({
    where: { meetingId_userId: { meetingId: options.meetingId, userId: options.userId } },
    include: { meeting: true },
  });
  if (!membership || !roleAllows(membership.role, options.permission)) return null;
  return { meeting: membership.meeting, role: membership.role };
}

export type MeetingOverview = {
  meeting: Meeting;
  role: OrganizerRole;
  counts: Record<"PENDING" | "CONFIRMED" | "REJECTED" | "WITHDRAWN", number>;
};

/** The organizer's meetings with their registration counts. */
export async function listMeetingsForOrganizer(db: Database, userId: string): Promise<MeetingOverview[]> {
  const memberships = await db.meetingOrganizer.findMany({
    where: { userId },
    include: { meeting: true },
    orderBy: { meeting: { startsAt: "desc" } },
  });
  const ids = memberships.map((membership) => membership.meetingId);
  const grouped = ids.length
    ? await db.registration.groupBy({ by: ["meetingId", "status"], where: { meetingId: { in: ids } }, _count: { _all: true } })
    : [];
  return memberships.map((membership) => {
    const counts = { PENDING: 0, CONFIRMED: 0, REJECTED: 0, WITHDRAWN: 0 };
    for (const row of grouped) if (row.meetingId === membership.meetingId) counts[row.status] = row._count._all;
    return { meeting: membership.meeting, role: membership.role, counts };
  });
}
