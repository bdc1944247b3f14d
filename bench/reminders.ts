// `npm run bench:reminders`: phase 9 of the bench alone (reminders for 10,000 registrants,
// delivered to the SMTP sink by the worker process), then the same path for new connection
// instructions emailed to 20,000 (the organizer's request timed, issue 9 point 2), without the web
// server or a build. Same database set-up as `npm run bench`; results in
// bench/results/<timestamp>-reminders.{json,md}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabaseClient } from "@/lib/db/client.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";
import { SmtpSink } from "@/tests/helpers/smtp-sink.ts";
import { provisionDatabase } from "./lib/database.ts";
import { cpuBusyPercent, loadAverage } from "./lib/machine.ts";
import { computeRows, markdownReport, markdownTable } from "./lib/report.ts";
import { benchReminders, noticeRequestTarget, reminderRows, reminderTarget } from "./phases/reminders.ts";

const REGISTRANTS = Number(process.env.BENCH_REMINDERS ?? 10_000) || 10_000;
const NOTIFIED = Number(process.env.BENCH_NOTIFY ?? 20_000) || 20_000;
const log = (line: string) => console.log(`[bench] ${line}`);

const startedAt = new Date();
const stamp = startedAt.toISOString().slice(0, 19).replaceAll(":", "-");
const busyBefore = await cpuBusyPercent(2000);
const loadBefore = loadAverage();
log(`CPU busy before the run: ${busyBefore === null ? "unknown" : `${Math.round(busyBefore)} %`} (load average ${loadBefore})`);
const database = await provisionDatabase(log);
const db = createDatabaseClient(database.url, 10);
const sink = new SmtpSink();
try {
  await applyMigrations(database.url);
  await sink.start(0);
  log(`9. reminders: ${REGISTRANTS.toLocaleString("en-US")} confirmed registrants, worker process`);
  const result = await benchReminders({
    db,
    databaseUrl: database.url,
    sink,
    appUrl: "http://localhost:3000",
    count: REGISTRANTS,
    // The whole bench gives each drain 3 minutes; alone, on a shared machine, it may take longer.
    timeoutMs: (Number(process.env.BENCH_REMINDERS_TIMEOUT_S ?? 900) || 900) * 1000,
    log,
  });
  log(`9b. new connection instructions: ${NOTIFIED.toLocaleString("en-US")} confirmed registrants, worker process`);
  const notice = await benchReminders({
    kind: "connection-updated",
    db,
    databaseUrl: database.url,
    sink,
    appUrl: "http://localhost:3000",
    count: NOTIFIED,
    timeoutMs: (Number(process.env.BENCH_REMINDERS_TIMEOUT_S ?? 900) || 900) * 1000,
    log,
  });
  const rows = computeRows([...reminderRows("9 reminders", result), ...reminderRows("9b connection", notice)], null);
  const targets = [reminderTarget(result), noticeRequestTarget(notice), reminderTarget(notice)];
  const environment = {
    run: startedAt.toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    "machine load": `CPU ${busyBefore === null ? "?" : `${Math.round(busyBefore)} %`} busy over 2 s before the run; load average ${loadBefore} at the start, ${loadAverage()} at the end`,
    database: `${database.kind} ${database.serverVersion} (fresh database ${database.name}, dropped after the run)`,
  };
  const notes = [
    "The worker is scripts/worker.ts in its own process (MAIL_CONCURRENCY=8, MAIL_RATE_PER_MINUTE=100000, WORKER_POLL_MS=100); " +
      "the SMTP sink parses every message in the bench process. One new SMTP connection per email (lib/mail/transport.ts).",
  ];
  const markdown = markdownReport({ title: "Quorum bench: reminders", environment, rows, targets, notes });
  const resultsDir = path.join("bench", "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${stamp}-reminders.md`), markdown);
  fs.writeFileSync(path.join(resultsDir, `${stamp}-reminders.json`), `${JSON.stringify({ environment, result, notice, rows }, null, 2)}\n`);
  console.log(`\n${markdownTable(rows)}\n`);
  log(`results: bench/results/${stamp}-reminders.md`);
  if (targets.some((target) => target.met !== true)) process.exitCode = 1;
} finally {
  await sink.stop();
  await db.$disconnect();
  await database.drop();
}
