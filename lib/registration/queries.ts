import "server-only";
// Read-only questions about a meeting's registrations that public pages ask.
import type { Database } from "@/lib/db/client.ts";
import { OPEN_STATUSES } from "@/lib/notices/approval-rules.ts";

/**
 * Whether every place of a meeting with a capacity is taken, for the registration page. The
 * registration service counts again inside its transaction: this only spares people a form they
 * cannot send.
 */
export async function isMeetingFull(db: Database, meeting: { id: string; capacity: number | null }): Promise<boolean> {
  if (meeting.capacity === null) return false;
  const taken = await db.registration.count({ where: { meetingId: meeting.id, status: { in: [...OPEN_STATUSES] } } });
  return taken >= meeting.capacity;
}
