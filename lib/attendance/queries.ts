import "server-only";
// Read-only questions about personal join links.
import type { Database } from "@/lib/db/client.ts";
import { meetingSessions } from "@/lib/meetings/rules.ts";
import { hashToken, isWellFormedToken } from "@/lib/security/tokens.ts";

/** What the join page needs to know about the link in its URL; null for a malformed or unknown token. */
export async function findJoinLink(db: Database, token: string) {
  if (!isWellFormedToken(token)) return null;
  return db.joinLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      tokenHash: true,
      revokedAt: true,
      registration: {
        select: {
          status: true,
          erasedAt: true,
          meeting: {
            select: {
              shortName: true,
              timeZone: true,
              startsAt: true,
              endsAt: true,
              joinOpensMinutesBefore: true,
              connectionJoinUrl: true,
              sessions: { select: { id: true, startsAt: true, endsAt: true }, orderBy: { startsAt: "asc" } },
            },
          },
        },
      },
    },
  });
}

/** How many times a registration's join links forwarded to the meeting (for tests and, later, attendance). */
export async function countJoinLinkUses(db: Database, registrationId: string): Promise<number> {
  return db.joinLinkUse.count({ where: { joinLink: { registrationId } } });
}

/** A session's attendance: how many registrations were there. */
export type SessionAttendance = { sessionId: string | null; startsAt: Date; endsAt: Date; attended: number };

/**
 * How many registrations attended each session of a meeting, in session order: those whose
 * personal join link forwarded into it. (The one place that answers "who came"; the list of
 * participants and the console's charts read it.)
 */
export async function attendancePerSession(db: Database, meetingId: string): Promise<SessionAttendance[]> {
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { startsAt: true, endsAt: true, sessions: { select: { id: true, startsAt: true, endsAt: true } } },
  });
  const rows = await db.$queryRaw<{ sessionId: string | null; attended: bigint }[]>`
    SELECT u."sessionId", COUNT(DISTINCT l."registrationId") AS attended
    FROM "JoinLinkUse" u
    JOIN "JoinLink" l ON l."tokenHash" = u."joinLinkHash"
    JOIN "Registration" r ON r.id = l."registrationId"
    WHERE r."meetingId" = ${meetingId}::uuid
    GROUP BY u."sessionId"`;
  const attended = new Map(rows.map((row) => [row.sessionId, Number(row.attended)]));
  return meetingSessions(meeting, meeting.sessions).map((session) => ({
    sessionId: session.id,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    attended: attended.get(session.id) ?? 0,
  }));
}
