import "server-only";
// Participant reports from the video platform: an organizer uploads one, its rows are stored as
// text and matched to the meeting's registrations (by email, then by a unique normalised name),
// each assigned to the session its join time falls in; rows left unmatched are resolved by hand
// (a registration picked, or the row ignored). Every import and resolution is audited.
import { cleanCell, parseReport, type ReportPlatform, type ReportProblem } from "@/lib/attendance/report-file.ts";
import { normalizeName, reportNameKeys, sessionOfReportRow } from "@/lib/attendance/rules.ts";
import type { OrganizerActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";

const INSERT_BATCH = 5000;

export type ImportResult =
  | { ok: true; reportId: string; platform: ReportPlatform; rows: number; matched: number; unmatched: number }
  | ({ ok: false } & ReportProblem);

/** A file name as stored and shown: no path, no control characters, at most 255 characters. */
function cleanFileName(name: string): string {
  return cleanCell(name.split(/[\\/]/).pop() ?? "").slice(0, 255) || "report.csv";
}

/** Import a participant report's bytes into `meetingId`; a refused file stores nothing. */
export async function importAttendanceReport(
  db: Database,
  options: { meetingId: string; bytes: Uint8Array; fileName: string; actor: OrganizerActor; now: Date },
): Promise<ImportResult> {
  const { meetingId, actor, now } = options;
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: {
      timeZone: true,
      startsAt: true,
      endsAt: true,
      joinOpensMinutesBefore: true,
      sessions: { select: { id: true, startsAt: true, endsAt: true } },
    },
  });
  const parsed = parseReport(options.bytes, meeting.timeZone);
  if (!parsed.ok) return parsed;

  const registrations = await db.registration.findMany({
    where: { meetingId, erasedAt: null },
    select: { id: true, email: true, givenName: true, familyName: true },
  });
  const byEmail = new Map(registrations.map((registration) => [registration.email, registration.id]));
  const byName = new Map<string, Set<string>>();
  for (const registration of registrations) {
    for (const key of [
      normalizeName(`${registration.givenName} ${registration.familyName}`),
      normalizeName(`${registration.familyName} ${registration.givenName}`),
    ]) {
      if (!byName.has(key)) byName.set(key, new Set());
      byName.get(key)?.add(registration.id);
    }
  }
  const match = (row: { name: string; email: string | null }): { registrationId: string; matchedBy: "email" | "name" } | null => {
    const byMail = row.email ? byEmail.get(row.email) : undefined;
    if (byMail) return { registrationId: byMail, matchedBy: "email" };
    for (const key of reportNameKeys(row.name)) {
      const ids = byName.get(key);
      // Two registrants of the same name: an organizer decides, not a guess.
      if (ids?.size === 1) return { registrationId: [...ids][0] as string, matchedBy: "name" };
    }
    return null;
  };

  const reportId = crypto.randomUUID();
  const rows = parsed.rows.map((row) => {
    const session = sessionOfReportRow(meeting, row);
    const matched = match(row);
    return {
      reportId,
      line: row.line,
      name: row.name,
      email: row.email,
      joinedAt: row.joinedAt,
      leftAt: row.leftAt,
      durationSeconds: row.durationSeconds,
      inSession: session !== undefined,
      sessionId: session?.id ?? null,
      registrationId: matched?.registrationId ?? null,
      matchedBy: matched?.matchedBy ?? null,
    };
  });
  const matched = rows.filter((row) => row.registrationId).length;
  const fileName = cleanFileName(options.fileName);
  await db.$transaction(async (tx) => {
    await tx.attendanceReport.create({
      data: { id: reportId, meetingId, platform: parsed.platform, fileName, uploadedById: actor.userId, uploadedAt: now },
    });
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      await tx.attendanceReportRow.createMany({ data: rows.slice(start, start + INSERT_BATCH) });
    }
    await recordAudit(tx, {
      meetingId,
      actor,
      action: "attendance.report-imported",
      entityId: reportId,
      after: { fileName, platform: parsed.platform, rows: rows.length, matched, unmatched: rows.length - matched },
      at: now,
    });
  });
  return { ok: true, reportId, platform: parsed.platform, rows: rows.length, matched, unmatched: rows.length - matched };
}

export type ResolveResult = { ok: true } | { ok: false; reason: "not-found" };

/**
 * An organizer's answer for one report row of `meetingId`: the registration it is (from the same
 * meeting), or null to ignore the row. Audited with the row's line and name.
 */
export async function resolveReportRow(
  db: Database,
  options: { meetingId: string; rowId: string; registrationId: string | null; actor: OrganizerActor; now: Date },
): Promise<ResolveResult> {
  const { meetingId, rowId, registrationId, actor, now } = options;
  return db.$transaction(async (tx) => {
    const row = await tx.attendanceReportRow.findFirst({
      where: { id: rowId, report: { meetingId } },
      select: { id: true, reportId: true, line: true, name: true, registrationId: true, ignoredAt: true },
    });
    if (!row) return { ok: false, reason: "not-found" } as const;
    const registration = registrationId
      ? await tx.registration.findFirst({ where: { id: registrationId, meetingId, erasedAt: null }, select: { id: true, reference: true } })
      : null;
    if (registrationId && !registration) return { ok: false, reason: "not-found" } as const;
    await tx.attendanceReportRow.update({
      where: { id: row.id },
      data: registration
        ? { registrationId: registration.id, matchedBy: "organizer", ignoredAt: null }
        : { registrationId: null, matchedBy: null, ignoredAt: now },
    });
    await recordAudit(tx, {
      meetingId,
      actor,
      action: "attendance.row-resolved",
      entityId: row.reportId,
      after: { line: row.line, reportName: row.name, reference: registration?.reference ?? null, ignored: !registration },
      at: now,
    });
    return { ok: true } as const;
  });
}
