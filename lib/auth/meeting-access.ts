import "server-only";
// What an organizer may do on a meeting. Every organizer page, action and route asks here, with
// the organizer's user id in the WHERE clause: a meeting the organizer has no role on is simply
// not found (no difference between "missing" and "forbidden").
import type { Meeting, OrganizerRole } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";
import { logSecurityEvent } from "@/lib/log.ts";
import { isUuid } from "@/lib/forms/ids.ts";

const RANK: Record<OrganizerRole, number> = { VIEWER: 1, EDITOR: 2, OWNER: 3 };

/**
 * What each role may do: viewers read and export, editors also decide and update, owners also
 * edit the meeting and choose who organizes it.
 */
export type MeetingPermission = "read" | "export" | "decide" | "notify" | "edit-meeting" | "manage-organizers";
const MINIMUM_ROLE: Record<MeetingPermission, OrganizerRole> = {
  read: "VIEWER",
  export: "VIEWER",
  decide: "EDITOR",
  notify: "EDITOR",
  "edit-meeting": "OWNER",
  "manage-organizers": "OWNER",
};

export function roleAllows(role: OrganizerRole, permission: MeetingPermission): boolean {
  return RANK[role] >= RANK[MINIMUM_ROLE[permission]];
}

export type MeetingAccess = { meeting: Meeting; role: OrganizerRole };

/**
 * The meeting and the organizer's role on it, if the role allows `permission`; otherwise null.
 * Every page, action and route asks here, so this is where a refusal is logged (ASVS 16.3.2).
 */
export async function findMeetingForOrganizer(
  db: Database,
  options: { userId: string; meetingId: string; permission: MeetingPermission },
): Promise<MeetingAccess | null> {
  const { userId, meetingId, permission } = options;
  if (!isUuid(meetingId)) {
    logSecurityEvent("access.denied", { userId, meetingId: "[malformed]", permission });
    return null;
  }
  const membership = await db.meetingOrganizer.findUnique({
    where: { meetingId_userId: { meetingId, userId } },
    include: { meeting: true },
  });
  if (!membership || !roleAllows(membership.role, permission)) {
    logSecurityEvent("access.denied", { userId, meetingId, permission, role: membership?.role });
    return null;
  }
  return { meeting: membership.meeting, role: membership.role };
}
