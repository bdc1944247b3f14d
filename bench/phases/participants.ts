// Phase 8: the list of participants of a meeting with 10,000 confirmed registrants and attendance
// in two sessions, as the organizer's printable HTML page and as the XLSX export, over HTTP (the
// time the organizer waits: query, grouping, rendering or writing the workbook), and the list
// itself in this process (query and grouping alone).
import http from "node:http";
import type { Database } from "@/lib/db/client.ts";
import { listOfParticipants } from "@/lib/attendance/participants.ts";
import { httpRequest } from "../lib/http.ts";
import { residentSetBytes, sampleResidentSet } from "../lib/processes.ts";
import { type LatencySummary, summarize, timeRuns } from "../lib/stats.ts";

/**
 * `count` confirmed registrants across the five categories (Member States from 30 countries),
 * two sessions, and a matched report row in the first session for every other registrant.
 */
export async function seedParticipants(db: Database, meetingId: string, count: number): Promise<{ seconds: number }> {
  const start = performance.now();
  const meeting = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { startsAt: true } });
  const first = await db.meetingSession.create({
    data: { meetingId, startsAt: meeting.startsAt, endsAt: new Date(meeting.startsAt.getTime() + 3 * 3600_000) },
  });
  await db.meetingSession.create({
    data: {
      meetingId,
      startsAt: new Date(meeting.startsAt.getTime() + 86_400_000),
      endsAt: new Date(meeting.startsAt.getTime() + 86_400_000 + 3 * 3600_000),
    },
  });
  await db.$executeRaw`
    INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", organization, country, "memberState",
      category, locale, "listConsent", "privacyAcceptedAt", status, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), 'LP-' || lpad(g::text, 7, '0'), ${meetingId}::uuid, 'lp' || g || '@participants.bench.example',
      (ARRAY['Anna','Boris','Chen','Dara','Elif','Femi','Goran','Hana','Ivo','Jun'])[1 + g % 10],
      'Family' || (g % 997),
      'Organization ' || (g % 300),
      c.code,
      CASE WHEN g % 5 = 0 THEN c.code END,
      (ARRAY['MEMBER_STATE','SECTOR_MEMBER','ASSOCIATE','ACADEMIA','INDIVIDUAL'])[1 + g % 5]::"ParticipantCategory",
      'en', g % 2 = 0, now(), 'CONFIRMED', now(), now()
    FROM generate_series(1, ${count}::int) AS g
    CROSS JOIN LATERAL (SELECT (ARRAY['CH','FR','DE','US','CN','JP','BR','IN','KE','NG','RU','EG','SA','AR','MX','ES','IT','GB','CA','AU',
      'ZA','KR','ID','TR','PL','SE','NO','FI','TN','SN'])[1 + (g / 5) % 30] AS code) c`;
  const reportId = crypto.randomUUID();
  await db.attendanceReport.create({
    data: { id: reportId, meetingId, platform: "zoom", fileName: "bench.csv", uploadedById: "bench", uploadedAt: new Date() },
  });
  await db.$executeRaw`
    INSERT INTO "AttendanceReportRow" (id, "reportId", line, name, email, "joinedAt", "inSession", "sessionId", "registrationId", "matchedBy")
    SELECT gen_random_uuid(), ${reportId}::uuid, row_number() OVER () + 1, r."givenName" || ' ' || r."familyName", r.email,
      ${first.startsAt}, true, ${first.id}::uuid, r.id, 'email'
    FROM "Registration" r WHERE r."meetingId" = ${meetingId}::uuid AND right(r.reference, 1) IN ('0', '2', '4', '6', '8')`;
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Registration", "AttendanceReportRow"`);
  return { seconds: (performance.now() - start) / 1000 };
}

export type ParticipantsTiming = {
  participants: number;
  /** listOfParticipants in this process: query and grouping. */
  list: LatencySummary;
  html: { status: number; bytes: number; total: LatencySummary };
  xlsx: { status: number; bytes: number; total: LatencySummary; peakRssBytes: number; rssBeforeBytes: number | null };
};

export async function timeParticipantsList(
  db: Database,
  baseUrl: string,
  meetingId: string,
  sessionToken: string,
  options: { warmup: number; runs: number; serverPid: number },
): Promise<ParticipantsTiming> {
  const probe = await listOfParticipants(db, { meetingId, locale: "en", audience: "organizers" });
  const list = await timeRuns(() => listOfParticipants(db, { meetingId, locale: "en", audience: "organizers" }), options);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { cookie: `authjs.session-token=${sessionToken}` };
  const over = async (path: string, sample: boolean) => {
    const totals: number[] = [];
    let last = { status: 0, bytes: 0 };
    let peak = 0;
    for (let i = 0; i < options.warmup + options.runs; i++) {
      const sampler = sample ? sampleResidentSet(options.serverPid, 50) : null;
      const response = await httpRequest(`${baseUrl}${path}`, { agent, headers, keepBody: false, timeoutMs: 120_000 });
      const rss = sampler?.stop();
      if (rss) peak = Math.max(peak, rss.peakBytes);
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      last = { status: response.status, bytes: response.bytes };
      if (i >= options.warmup) totals.push(response.totalMs);
    }
    return { ...last, total: summarize(totals), peak };
  };
  const html = await over(`/admin/meetings/${meetingId}/participants`, false);
  const rssBeforeBytes = residentSetBytes(options.serverPid);
  const xlsx = await over(`/admin/meetings/${meetingId}/participants/export?format=xlsx`, true);
  agent.destroy();
  return {
    participants: probe.total,
    list: summarize(list),
    html: { status: html.status, bytes: html.bytes, total: html.total },
    xlsx: { status: xlsx.status, bytes: xlsx.bytes, total: xlsx.total, peakRssBytes: xlsx.peak, rssBeforeBytes },
  };
}
