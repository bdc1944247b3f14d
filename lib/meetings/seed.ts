import "server-only";
import type { Database } from "@/lib/db/client.ts";
import { FG_QIT4N_10_SLUG, fgQit4n10Meeting, PRACTICE_SLUG, practiceMeeting } from "@/lib/meetings/seed-data.ts";

/**
 * Create the seeded meetings that do not exist yet. An existing meeting is left as it is, so
 * organizers' edits survive restarts, and the practice meeting keeps its first dates.
 */
export async function seedMeetings(db: Database, now: Date): Promise<string[]> {
  const created: string[] = [];
  for (const meeting of [fgQit4n10Meeting(), practiceMeeting(now)]) {
    const existing = await db.meeting.findUnique({ where: { slug: meeting.slug }, select: { id: true } });
    if (existing) continue;
    try {
      await db.meeting.create({ data: meeting });
      created.push(meeting.slug);
    } catch (error) {
      // Another instance seeded it between our read and write.
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  return created;
}

/**
 * Make every address in ORGANIZER_EMAILS an organizer who may create meetings and owns the
 * seeded meetings. Idempotent.
 */
export async function seedOrganizers(db: Database, emails: string[]): Promise<void> {
  const meetings = await db.meeting.findMany({ where: { slug: { in: [FG_QIT4N_10_SLUG, PRACTICE_SLUG] } }, select: { id: true } });
  for (const email of emails) {
    const user = await db.user.upsert({
      where: { email },
      create: { email, canCreateMeetings: true },
      update: { canCreateMeetings: true },
    });
    for (const meeting of meetings) {
      await db.meetingOrganizer.upsert({
        where: { meetingId_userId: { meetingId: meeting.id, userId: user.id } },
        create: { meetingId: meeting.id, userId: user.id, role: "OWNER" },
        update: {},
      });
    }
  }
}
