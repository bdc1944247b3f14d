// Phases 4 and 5: the organizer's view of a meeting with 100,000 registrants. The rows are made
// with one INSERT … SELECT generate_series (a minute of HTTP posts would measure phase 2 again),
// the list queries are timed by calling the app's query functions in this process (server time:
// SQL plus Prisma, without rendering), then the page and the CSV export over HTTP.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { Database } from "@/lib/db/client.ts";
import { countRegistrants, listRegistrants } from "@/lib/registrants/queries.ts";
import { parseRegistrantListQuery } from "@/lib/registrants/schema.ts";
import { httpRequest } from "../lib/http.ts";
import { residentSetBytes, sampleResidentSet } from "../lib/processes.ts";
import { type LatencySummary, summarize, timeRuns } from "../lib/stats.ts";

/** Family names are 2+3+1 letter syllables (400 names, 250 rows each); "ulina" is inside "Rulina" only. */
export const SEARCH_TERM = "ulina";
/** A search that matches thousands: "anna" is the given name of every tenth row (10,000 of 100,000). */
export const BROAD_SEARCH_TERM = "anna";

/** Issue 15: the registrant list's time to first byte as an organizer sees it, p95 over HTTP. */
export const ADMIN_PAGE_TTFB_P95_MS = 150;

/** The console pages timed over HTTP; `judged`: held to ADMIN_PAGE_TTFB_P95_MS (the charts' page is reported beside). */
export function adminPagePaths(meetingId: string): Array<{ path: string; judged: boolean }> {
  return [
    { path: `/admin/meetings/${meetingId}`, judged: true },
    { path: `/admin/meetings/${meetingId}?q=${SEARCH_TERM}`, judged: true },
    { path: `/admin/meetings/${meetingId}?q=${BROAD_SEARCH_TERM}`, judged: true },
    { path: `/admin/meetings/${meetingId}?status=PENDING&category=ACADEMIA`, judged: true },
    { path: `/admin/meetings/${meetingId}/statistics`, judged: false },
  ];
}

export async function seedRegistrants(db: Database, meetingId: string, count: number): Promise<{ seconds: number }> {
  const start = performance.now();
  // Status by g % 10 and category by (g / 10) % 5 are independent, so "PENDING and ACADEMIA"
  // selects 4 % of the rows; createdAt is 30 s apart, like registrations over about 35 days.
  await db.$executeRaw`
    INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", organization, country, category,
      locale, "listConsent", "privacyAcceptedAt", status, "createdAt", "updatedAt")
    SELECT gen_random_uuid(),
      'BL-' || lpad(g::text, 7, '0'),
      ${meetingId}::uuid,
      'p' || g || '@list.bench.example',
      (ARRAY['Anna','Boris','Chen','Dara','Elif','Femi','Goran','Hana','Ivo','Jun'])[1 + g % 10],
      (ARRAY['Ka','Lo','Mi','Ne','Ru','Sa','To','Vi','We','Zo'])[1 + (g / 4) % 10]
        || (ARRAY['ber','dan','gel','hof','lin','mar','ros','sen','tor','win'])[1 + (g / 40) % 10]
        || (ARRAY['a','e','i','o'])[1 + g % 4],
      'Organization ' || (g % 500),
      (ARRAY['CH','FR','DE','US','CN','JP','BR','IN','KE','NG'])[1 + (g / 3) % 10],
      (ARRAY['MEMBER_STATE','SECTOR_MEMBER','ASSOCIATE','ACADEMIA','INDIVIDUAL'])[1 + (g / 10) % 5]::"ParticipantCategory",
      'en', g % 2 = 0, now() - make_interval(secs => g * 30),
      (ARRAY['PENDING','PENDING','CONFIRMED','CONFIRMED','CONFIRMED','CONFIRMED','CONFIRMED','CONFIRMED','REJECTED','WITHDRAWN'])[1 + g % 10]::"RegistrationStatus",
      now() - make_interval(secs => g * 30),
      now()
    FROM generate_series(1, ${count}::int) AS g`;
  // Every registrant was sent an email, and the list and the export look up the newest one per
  // row: without these rows the lateral join would be measured against an empty table.
  await db.$executeRaw`
    INSERT INTO "OutboxEmail" (id, kind, priority, "meetingId", "registrationId", "toAddress", subject, "textBody", "htmlBody",
      "messageId", status, attempts, "nextAttemptAt", "sentAt", "createdAt")
    SELECT gen_random_uuid(), CASE WHEN r.status = 'PENDING' THEN 'registration-received' ELSE 'registration-confirmed' END, 10,
      r."meetingId", r.id, r.email, 'Your registration', repeat('Plain text body. ', 60), repeat('<p>HTML body.</p>', 150),
      '<' || r.id || '@bench.example>', 'SENT', 1, r."createdAt", r."createdAt", r."createdAt"
    FROM "Registration" r WHERE r."meetingId" = ${meetingId}::uuid`;
  // A live database has been through autovacuum (statistics, and the visibility map that lets
  // counts use index-only scans); 100,000 rows arrive over weeks, not in one statement.
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Registration", "OutboxEmail"`);
  return { seconds: (performance.now() - start) / 1000 };
}

/** A signed-in organizer without the email round trip: the rows Auth.js would have written. */
export async function createOrganizerSession(db: Database, meetingId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  const user = await db.user.create({ data: { email: `organizer-${randomBytes(4).toString("hex")}@bench.example` } });
  await db.meetingOrganizer.create({ data: { meetingId, userId: user.id, role: "OWNER" } });
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 60 * 60 * 1000) } });
  return sessionToken;
}

export type QueryTiming = {
  name: string;
  search: Record<string, string>;
  matching: number;
  list: LatencySummary;
  count: LatencySummary | null;
  /** Both at once, as the page runs them (Promise.all): what the organizer waits for. */
  pageData: LatencySummary;
};

export async function timeListQueries(db: Database, meetingId: string, options: { warmup: number; runs: number }): Promise<QueryTiming[]> {
  const first = await listRegistrants(db, meetingId, parseRegistrantListQuery({}));
  if (!first.nextCursor) throw new Error("the first page has no next page: the seeded meeting is too small");
  const cases: Array<{ name: string; search: Record<string, string>; counts: boolean }> = [
    { name: "first page (newest, no filter)", search: {}, counts: true },
    { name: `search q="${SEARCH_TERM}"`, search: { q: SEARCH_TERM }, counts: true },
    { name: `search q="${BROAD_SEARCH_TERM}"`, search: { q: BROAD_SEARCH_TERM }, counts: true },
    { name: "filter status=PENDING, category=ACADEMIA", search: { status: "PENDING", category: "ACADEMIA" }, counts: true },
    // The totals ignore the cursor, so the next page's count is the first page's.
    { name: "next page (cursor)", search: { after: first.nextCursor }, counts: false },
  ];
  const timings: QueryTiming[] = [];
  for (const testCase of cases) {
    const query = parseRegistrantListQuery(testCase.search);
    const totals = await countRegistrants(db, meetingId, query);
    const list = await timeRuns(() => listRegistrants(db, meetingId, query), options);
    const count = testCase.counts ? await timeRuns(() => countRegistrants(db, meetingId, query), options) : null;
    const pageData = await timeRuns(
      () => Promise.all([listRegistrants(db, meetingId, query), countRegistrants(db, meetingId, query)]),
      options,
    );
    timings.push({
      name: testCase.name,
      search: testCase.search,
      matching: totals.total,
      list: summarize(list),
      count: count ? summarize(count) : null,
      pageData: summarize(pageData),
    });
  }
  return timings;
}

export type PageTiming = { path: string; status: number; bytes: number; ttfb: LatencySummary; total: LatencySummary };

/** The registrants page over HTTP, signed in: server time plus rendering, as the browser sees it. */
export async function timeAdminPage(
  baseUrl: string,
  path: string,
  sessionToken: string,
  options: { warmup: number; runs: number },
): Promise<PageTiming> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { cookie: `authjs.session-token=${sessionToken}`, accept: "text/html" };
  const ttfb: number[] = [];
  const total: number[] = [];
  let last = { status: 0, bytes: 0 };
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const response = await httpRequest(`${baseUrl}${path}`, { agent, headers });
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    last = { status: response.status, bytes: response.bytes };
    if (i >= options.warmup) {
      ttfb.push(response.ttfbMs);
      total.push(response.totalMs);
    }
  }
  agent.destroy();
  return { path, ...last, ttfb: summarize(ttfb), total: summarize(total) };
}

export type ExportRun = { status: number; ttfbMs: number; totalMs: number; bytes: number; lines: number; peakRssBytes: number };
export type ExportResult = { runs: ExportRun[]; rssBeforeBytes: number | null; rssPeakBytes: number; rssSamples: number };

/**
 * The CSV export over HTTP, `runs` times one after another, sampling the server's RSS every 50 ms
 * during each. A warm-up export with a filter that matches nobody loads the route first.
 */
export async function timeExport(baseUrl: string, meetingId: string, sessionToken: string, options: { serverPid: number; runs: number }) {
  const headers = { cookie: `authjs.session-token=${sessionToken}` };
  const warmup = await httpRequest(`${baseUrl}/admin/meetings/${meetingId}/export?q=no-such-registrant`, { headers, timeoutMs: 60_000 });
  if (warmup.status !== 200) throw new Error(`export warm-up answered ${warmup.status}: ${warmup.body.toString("utf8").slice(0, 200)}`);
  const rssBeforeBytes = residentSetBytes(options.serverPid);
  const runs: ExportRun[] = [];
  let rssSamples = 0;
  for (let i = 0; i < options.runs; i++) {
    const sampler = sampleResidentSet(options.serverPid, 50);
    let lines = 0;
    const response = await httpRequest(`${baseUrl}/admin/meetings/${meetingId}/export`, {
      headers,
      keepBody: false,
      timeoutMs: 120_000,
      onData: (chunk) => {
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      },
    });
    const rss = sampler.stop();
    rssSamples += rss.samples.length;
    runs.push({
      status: response.status,
      ttfbMs: response.ttfbMs,
      totalMs: response.totalMs,
      bytes: response.bytes,
      lines,
      peakRssBytes: rss.peakBytes,
    });
  }
  const result: ExportResult = { runs, rssBeforeBytes, rssPeakBytes: Math.max(...runs.map((run) => run.peakRssBytes)), rssSamples };
  return result;
}
