import "server-only";
import type { Database } from "@/lib/db/client.ts";

/** An organizer is a user who may create meetings or holds a role on at least one meeting. */
export async function isOrganizer(db: Database, email: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { canCreateMeetings: true, _count: { select: { meetingRoles: true } } },
  });
  return Boolean(user && (user.canCreateMeetings || user._count.meetingRoles > 0));
}

/** Add an organizer (the `npm run organizer -- add` command and ORGANIZER_EMAILS). */
export async function addOrganizer(
  db: Database,
  options: { email: string; canCreateMeetings: boolean; meetingSlug?: string; role?: "OWNER" | "EDITOR" | "VIEWER" },
) {
  const email = options.email.toLowerCase();
  const user = await db.user.upsert({
    where: { email },
    create: { email, canCreateMeetings: options.canCreateMeetings },
    update: options.canCreateMeetings ? { canCreateMeetings: true } : {},
  });
  if (options.meetingSlug) {
    const meeting = await db.meeting.findUnique({ where: { slug: options.meetingSlug }, select: { id: true } });
    if (!meeting) throw new Error(`No meeting with slug "${options.meetingSlug}"`);
    const role = options.role ?? "VIEWER";
    await db.meetingOrganizer.upsert({
      where: { meetingId_userId: { meetingId: meeting.id, userId: user.id } },
      create: { meetingId: meeting.id, userId: user.id, role },
      update: { role },
    });
  }
  return user;
}
