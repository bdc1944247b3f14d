import "server-only";
// Read-only questions about personal join links.
import { Prisma } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";
import { isUuid } from "@/lib/forms/ids.ts";
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
 * Who was in the meeting, one row per registration and session: the personal join link forwarded
 * them into it, or a matched row of an uploaded platform report joined in it. A registrant counts
 * once per session whatever the source.
 */
const attendanceRows = (meetingId: string) => Prisma.sql`
    SELECT u."sessionId", l."registrationId"
    FROM "JoinLinkUse" u
    JOIN "JoinLink" l ON l."tokenHash" = u."joinLinkHash"
    JOIN "Registration" r ON r.id = l."registrationId"
    WHERE r."meetingId" = ${meetingId}::uuid
    UNION
    SELECT w."sessionId", w."registrationId"
    FROM "AttendanceReportRow" w
    JOIN "AttendanceReport" a ON a.id = w."reportId"
    WHERE a."meetingId" = ${meetingId}::uuid AND w."registrationId" IS NOT NULL AND w."inSession"`;

/**
 * How many registrations attended each session of a meeting, in session order: those whose
 * personal join link forwarded into it or whom an uploaded report shows joining it. (The one place
 * that answers "who came"; the list of participants and the console's charts read it.)
 */
export async function attendancePerSession(db: Database, meetingId: string): Promise<SessionAttendance[]> {
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { startsAt: true, endsAt: true, sessions: { select: { id: true, startsAt: true, endsAt: true } } },
  });
  const rows = await db.$queryRaw<{ sessionId: string | null; attended: bigint }[]>`
    SELECT t."sessionId", COUNT(DISTINCT t."registrationId") AS attended
    FROM (${attendanceRows(meetingId)}) t
    GROUP BY t."sessionId"`;
  const attended = new Map(rows.map((row) => [row.sessionId, Number(row.attended)]));
  return meetingSessions(meeting, meeting.sessions).map((session) => ({
    sessionId: session.id,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    attended: attended.get(session.id) ?? 0,
  }));
}

/** Key of a session in attendance maps: its id, or "meeting" for a meeting without sessions. */
export const sessionKey = (sessionId: string | null) => sessionId ?? "meeting";

/** The sessions each registration of a meeting attended (keys from `sessionKey`), from both sources. */
export async function attendanceByRegistration(db: Database, meetingId: string): Promise<Map<string, Set<string>>> {
  const rows = await db.$queryRaw<{ sessionId: string | null; registrationId: string }[]>`
    SELECT t."sessionId", t."registrationId"::text AS "registrationId" FROM (${attendanceRows(meetingId)}) t`;
  const byRegistration = new Map<string, Set<string>>();
  for (const row of rows) {
    const sessions = byRegistration.get(row.registrationId) ?? new Set<string>();
    sessions.add(sessionKey(row.sessionId));
    byRegistration.set(row.registrationId, sessions);
  }
  return byRegistration;
}

/** The participant reports uploaded for a meeting, newest first, with their row counts. */
export async function listAttendanceReports(db: Database, meetingId: string) {
  const reports = await db.attendanceReport.findMany({
    where: { meetingId },
    orderBy: { uploadedAt: "desc" },
    select: { id: true, platform: true, fileName: true, uploadedAt: true, _count: { select: { rows: true } } },
  });
  const unmatched = await db.attendanceReportRow.groupBy({
    by: ["reportId"],
    where: { report: { meetingId }, registrationId: null, ignoredAt: null },
    _count: { _all: true },
  });
  const open = new Map(unmatched.map((row) => [row.reportId, row._count._all]));
  return reports.map((report) => ({ ...report, rows: report._count.rows, unmatched: open.get(report.id) ?? 0 }));
}

/**
 * One report of a meeting with its rows in file order and, to resolve the unmatched ones by hand,
 * the meeting's registrations by name; null when the report is not the meeting's.
 */
export async function getAttendanceReport(db: Database, meetingId: string, reportId: string) {
  if (!isUuid(reportId)) return null;
  const report = await db.attendanceReport.findFirst({
    where: { id: reportId, meetingId },
    select: {
      id: true,
      platform: true,
      fileName: true,
      uploadedAt: true,
      rows: {
        orderBy: { line: "asc" },
        select: {
          id: true,
          line: true,
          name: true,
          email: true,
          joinedAt: true,
          leftAt: true,
          durationSeconds: true,
          inSession: true,
          sessionId: true,
          matchedBy: true,
          ignoredAt: true,
          registration: { select: { id: true, givenName: true, familyName: true, reference: true } },
        },
      },
    },
  });
  if (!report) return null;
  const registrations = await db.registration.findMany({
    where: { meetingId, erasedAt: null },
    orderBy: [{ familyName: "asc" }, { givenName: "asc" }],
    select: { id: true, givenName: true, familyName: true, email: true, reference: true },
  });
  return { report, registrations };
}
