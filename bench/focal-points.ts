// `npm run bench:focal-points`: phase 11 of the bench alone: 1,000 registrations awaiting a focal
// point, decided over HTTP through the decision page's no-JS form by 10 concurrent clients (issue
// #12: "1,000 pending requests decided by focal points, p95 per decision"). Same set-up as
// `npm run bench` (fresh database, current production build, rebuilt first when older than the
// sources), the app's default settings (WEB_CONCURRENCY=1, DATABASE_POOL_SIZE=10), no outbox
// worker (the emails the decisions queue are counted, not sent). BENCH_FOCAL_POINTS sets the
// count, BENCH_FOCAL_POINT_CLIENTS the clients. Results in bench/results/<timestamp>-focal-points.{json,md}.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabaseClient } from "@/lib/db/client.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";
import { provisionDatabase } from "./lib/database.ts";
import { freePort, waitForHttp } from "./lib/http.ts";
import { assertSameBuild, buildStamp, cpuBusyPercent, ensureCurrentBuild, loadAverage } from "./lib/machine.ts";
import { startAppServer } from "./lib/processes.ts";
import { computeRows, markdownReport, markdownTable } from "./lib/report.ts";
import { benchFocalPointDecisions, focalPointDecisionsHeld, focalPointRows } from "./phases/focal-points.ts";

const COUNT = Number(process.env.BENCH_FOCAL_POINTS ?? 1000) || 1000;
const CONNECTIONS = Number(process.env.BENCH_FOCAL_POINT_CLIENTS ?? 10) || 10;
const WARMUP = 20;
const log = (line: string) => console.log(`[bench] ${line}`);

ensureCurrentBuild(log);
const build = buildStamp();
const startedAt = new Date();
const stamp = startedAt.toISOString().slice(0, 19).replaceAll(":", "-");
const resultsDir = path.join("bench", "results");
fs.mkdirSync(resultsDir, { recursive: true });
const serverLog = path.join(resultsDir, `${stamp}-focal-points.server-log.tmp`);
const busyBefore = await cpuBusyPercent(2000);
const loadBefore = loadAverage();
log(`CPU busy before the run: ${busyBefore === null ? "unknown" : `${Math.round(busyBefore)} %`} (load average ${loadBefore})`);

const database = await provisionDatabase(log);
const db = createDatabaseClient(database.url, 10);
let server: ReturnType<typeof startAppServer> | null = null;
try {
  await applyMigrations(database.url);
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  server = startAppServer({
    port,
    logFile: serverLog,
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "localhost",
      DATABASE_URL: database.url,
      APP_URL: baseUrl,
      AUTH_URL: `${baseUrl}/api/auth`,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      // Nothing is sent: no worker runs (the queued emails are counted in the outbox).
      SMTP_URL: "smtp://127.0.0.1:2525",
      WORKER_IN_PROCESS: "false",
      // Believe X-Forwarded-For, so each focal point's visit is its own client for the rate limit.
      TRUST_PROXY: "true",
      DATABASE_POOL_SIZE: "10",
      WEB_CONCURRENCY: "1",
    },
  });
  await waitForHttp(`${baseUrl}/healthz`, { timeoutMs: 90_000, gaveUp: server.exitReason });
  log(`11. focal-point decisions: ${COUNT.toLocaleString("en-US")} (+${WARMUP} warm-up) over HTTP, ${CONNECTIONS} clients`);
  const result = await benchFocalPointDecisions(db, { baseUrl, count: COUNT, warmup: WARMUP, connections: CONNECTIONS, log });
  assertSameBuild(build, "phase 11");
  const loadAfter = loadAverage();
  const rows = computeRows(focalPointRows("11 focal-point decisions", result), null);
  const held = focalPointDecisionsHeld(result);
  const environment = {
    run: startedAt.toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, shared with other engineers' builds, tests and servers`,
    node: process.version,
    "machine load": `CPU ${busyBefore === null ? "?" : `${Math.round(busyBefore)} %`} busy over 2 s before the run; load average ${loadBefore} at the start, ${loadAfter} at the end`,
    database: `${database.kind} ${database.serverVersion} (fresh database ${database.name}, dropped after the run)`,
    "web server": `scripts/server.ts, NODE_ENV=production, build ${build.id}, the defaults (WEB_CONCURRENCY=1, DATABASE_POOL_SIZE=10)`,
  };
  const notes = [
    "Over HTTP against the production server: each client GETs /fp/<token> (the page shows the request and carries the forms' " +
      "server-action inputs), then POSTs the approve form (every tenth: the reject form with a reason) as a browser without " +
      "JavaScript does, with Origin and Sec-Fetch-Site: same-origin; a decision counts when the app answers 303 to " +
      "/fp/<token>?answer=<decision>. The per-decision figure is the POST; the GET and the whole visit are beside it.",
    "Set-up: a meeting in FOCAL_POINT approval mode (focal-point approvals go to the organizers' queue), 20 Member States with a " +
      "primary and a backup focal point each, registrations of category MEMBER_STATE inserted awaiting a focal point, each routed " +
      "by routeRegistration and given one link per focal point asked by issueDecisionLink (a random token, its hash stored), as " +
      "askFocalPoints does without rendering the request emails. Primaries decide even registrations, backups odd ones; deciding " +
      "retires the other focal point's link.",
    "Each visit sends its own synthetic X-Forwarded-For (TRUST_PROXY=true) so that the /fp/ rate limit (60 per 10 minutes per " +
      "address) limits nothing here; the limiter still runs on every request, so its cost is included.",
    `Checked in the database afterwards (warm-up included): no registration still awaiting, each with a decision stored, one used ` +
      `link and one decision audit entry per registration, and the registrant emails queued (the worker does not run; nothing is sent). ` +
      `${held ? "All held." : "NOT ALL HELD: see the row."}`,
    "With 10 clients in a closed loop against one web process, a decision's latency is mostly waiting its turn: " +
      "latency ≈ clients ÷ decisions/s (Little's law), so p95 per decision measures the server's throughput under this load " +
      "more than one decision's own cost; BENCH_FOCAL_POINT_CLIENTS=1 gives the latter.",
    `The load generator (this process) and PostgreSQL share the machine's ${os.cpus().length} cores with the web server, and the ` +
      "machine is shared with other engineers' work: see the load average above; figures on a quiet machine would be lower.",
  ];
  const markdown = markdownReport({
    title: "Quorum bench: focal-point decisions",
    environment,
    rows,
    targets: [
      {
        text: "every decision answered and stored exactly once (0 lost, 0 twice), one audit entry and one registrant email each",
        met: held,
        measured: `${result.acknowledged}/${result.registrations} answered, ${result.errors} errors, ${result.stored.lost} lost, ${result.stored.decidedTwice} twice`,
      },
    ],
    notes,
  });
  fs.writeFileSync(path.join(resultsDir, `${stamp}-focal-points.md`), markdown);
  fs.writeFileSync(path.join(resultsDir, `${stamp}-focal-points.json`), `${JSON.stringify({ environment, result, rows }, null, 2)}\n`);
  console.log(`\n${markdownTable(rows)}\n`);
  log(`results: bench/results/${stamp}-focal-points.md`);
  if (!held) process.exitCode = 1;
} finally {
  await server?.stop();
  await db.$disconnect();
  await database.drop();
}
