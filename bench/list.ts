// `npm run bench:list`: phase 4 of the bench alone: the organizer's registrant list at 100,000
// registrants (BENCH_LIST_REGISTRANTS), its queries timed in this process (server time: SQL and
// Prisma) and its pages over HTTP as a signed-in organizer gets them (time to first byte), each
// p95 judged as in `npm run bench`. Same set-up: fresh database, current production build.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createDatabaseClient } from "@/lib/db/client.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";
import { practiceMeeting } from "@/lib/meetings/seed-data.ts";
import { seedMeetings } from "@/lib/meetings/seed.ts";
import { provisionDatabase } from "./lib/database.ts";
import { freePort, waitForHttp } from "./lib/http.ts";
import { cpuBusyPercent, ensureCurrentBuild, loadAverage } from "./lib/machine.ts";
import { startAppServer } from "./lib/processes.ts";
import {
  ADMIN_PAGE_TTFB_P95_MS,
  adminPagePaths,
  createOrganizerSession,
  seedRegistrants,
  timeAdminPage,
  timeListQueries,
} from "./phases/organizer.ts";

const LIST_P95_MS = 50;
// As in `npm run bench`: the p95 of 15 requests would be their slowest one.
const PAGE_RUNS = { warmup: 3, runs: 60 };
const REGISTRANTS = Number(process.env.BENCH_LIST_REGISTRANTS ?? 100_000) || 100_000;
const log = (line: string) => console.log(`[bench] ${line}`);
const round = (value: number) => Math.round(value * 10) / 10;
const verdict = (met: boolean) => (met ? "met" : "NOT MET");

ensureCurrentBuild(log);
const busy = await cpuBusyPercent(2000);
log(`CPU busy before the run: ${busy === null ? "unknown" : `${Math.round(busy)} %`} (load average ${loadAverage()})`);
const database = await provisionDatabase(log);
const db = createDatabaseClient(database.url, 10);
let server: ReturnType<typeof startAppServer> | null = null;
let missed = false;
try {
  await applyMigrations(database.url);
  await seedMeetings(db, new Date());
  const meeting = await db.meeting.create({
    data: { ...practiceMeeting(new Date()), slug: "bench-list", shortName: "BENCH-LIST", isPractice: false, approvalMode: "MANUAL" },
  });
  const seeding = await seedRegistrants(db, meeting.id, REGISTRANTS);
  log(`${REGISTRANTS.toLocaleString("en-US")} registrants seeded in ${round(seeding.seconds)} s (load average ${loadAverage()})`);
  for (const query of await timeListQueries(db, meeting.id, { warmup: 5, runs: 30 })) {
    for (const [label, summary] of [
      ["listRegistrants", query.list],
      ["countRegistrants", query.count],
    ] as const) {
      if (!summary) continue;
      missed ||= summary.p95 > LIST_P95_MS;
      log(
        `${query.name} (${query.matching.toLocaleString("en-US")} matching): ${label} p50 ${round(summary.p50)} ms, p95 ${round(summary.p95)} ms ` +
          `(≤ ${LIST_P95_MS} ms: ${verdict(summary.p95 <= LIST_P95_MS)})`,
      );
    }
  }
  log(`load average ${loadAverage()}`);

  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  server = startAppServer({
    port,
    logFile: path.join("bench", "results", `${new Date().toISOString().slice(0, 19).replaceAll(":", "-")}-list.server-log.tmp`),
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "localhost",
      DATABASE_URL: database.url,
      APP_URL: baseUrl,
      AUTH_URL: `${baseUrl}/api/auth`,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      WORKER_IN_PROCESS: "false",
      SMTP_URL: "smtp://127.0.0.1:9",
    },
  });
  await waitForHttp(`${baseUrl}/healthz`, { timeoutMs: 90_000, gaveUp: server.exitReason });
  const sessionToken = await createOrganizerSession(db, meeting.id);
  for (const { path: pagePath, judged } of adminPagePaths(meeting.id)) {
    const page = await timeAdminPage(baseUrl, pagePath, sessionToken, PAGE_RUNS);
    if (judged) missed ||= page.ttfb.p95 > ADMIN_PAGE_TTFB_P95_MS;
    log(
      `GET ${pagePath.replace(meeting.id, "<id>")}: TTFB p50 ${round(page.ttfb.p50)} ms, p95 ${round(page.ttfb.p95)} ms (slowest of ${page.ttfb.count}: ${round(page.ttfb.max)} ms), ${round(page.bytes / 1000)} kB` +
        (judged ? ` (≤ ${ADMIN_PAGE_TTFB_P95_MS} ms: ${verdict(page.ttfb.p95 <= ADMIN_PAGE_TTFB_P95_MS)})` : " (not judged)") +
        ` (load average ${loadAverage()})`,
    );
  }
  if (missed) process.exitCode = 1;
} finally {
  await server?.stop();
  await db.$disconnect();
  await database.drop();
}
