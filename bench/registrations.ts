// `npm run bench:registrations`: phase 2a of the bench alone (sustained registrations through the
// real no-JS form post, the app's default settings: WEB_CONCURRENCY=1, DATABASE_POOL_SIZE=10),
// with GET /privacy on the same server just before it for the ratio the issue asks for. For
// before/after comparisons of the registration path on a machine that is not idle: same set-up as
// `npm run bench` (fresh database, current production build, SMTP sink and outbox worker in this
// process), the load average printed beside each figure.
//
// BENCH_CPU_PROF=1 starts the web server with `node --cpu-prof`: the V8 CPU profile of the whole
// server process (warm-up and window) lands in bench/results/<timestamp>-registration.cpuprofile.tmp/
// when it exits. `node --import tsx bench/profile-summary.ts <file>` lists its top frames.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDatabaseClient } from "@/lib/db/client.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";
import { practiceMeeting } from "@/lib/meetings/seed-data.ts";
import { seedMeetings } from "@/lib/meetings/seed.ts";
import { provisionDatabase } from "./lib/database.ts";
import { freePort, waitForHttp } from "./lib/http.ts";
import { cpuBusyPercent, ensureCurrentBuild, loadAverage } from "./lib/machine.ts";
import { startMailSide } from "./lib/mail.ts";
import { startAppServer } from "./lib/processes.ts";
import { measureEndpoint } from "./phases/baseline.ts";
import { loadRegistrationForm, sustainedRegistration, warmUpRegistration } from "./phases/registration.ts";

const smoke = process.env.BENCH_SMOKE === "1";
const profiling = process.env.BENCH_CPU_PROF === "1";
const SUSTAINED = smoke
  ? { connections: 2, durationSec: 3, warmupRegistrations: 10 }
  : { connections: 10, durationSec: 20, warmupRegistrations: 100 };
const BASELINE = smoke ? { connections: 2, durationSec: 2, warmupSec: 1 } : { connections: 10, durationSec: 10, warmupSec: 3 };
const log = (line: string) => console.log(`[bench] ${line}`);
const round = (value: number) => Math.round(value * 10) / 10;

ensureCurrentBuild(log);
const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
const resultsDir = path.join("bench", "results");
fs.mkdirSync(resultsDir, { recursive: true });
const serverLog = path.join(resultsDir, `${stamp}-registrations.server-log.tmp`);
const profileDir = path.join(resultsDir, `${stamp}-registration.cpuprofile.tmp`);
const busy = await cpuBusyPercent(2000);
log(`CPU busy before the run: ${busy === null ? "unknown" : `${Math.round(busy)} %`} (load average ${loadAverage()})`);

const database = await provisionDatabase(log);
const db = createDatabaseClient(database.url, 10);
const mail = await startMailSide(db, (line) => console.log(line));
let server: ReturnType<typeof startAppServer> | null = null;
try {
  await applyMigrations(database.url);
  await seedMeetings(db, new Date());
  const meeting = await db.meeting.create({
    data: {
      ...practiceMeeting(new Date()),
      slug: "bench-sustained-default",
      shortName: "BENCH",
      isPractice: false,
      approvalMode: "AUTOMATIC",
    },
  });
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
      SMTP_URL: mail.sink.url,
      WORKER_IN_PROCESS: "false",
      TRUST_PROXY: "true",
      DATABASE_POOL_SIZE: "10",
      WEB_CONCURRENCY: "1",
    },
    nodeArgs: profiling ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  });
  await waitForHttp(`${baseUrl}/healthz`, { timeoutMs: 90_000, gaveUp: server.exitReason });

  // Profiled, the server does nothing but registrations (the profile is of them alone).
  const privacy = profiling ? null : await measureEndpoint(`${baseUrl}/privacy`, BASELINE);
  if (privacy)
    log(`GET /privacy: ${round(privacy.requestsPerSecond)} req/s, p99 ${round(privacy.latency.p99)} ms (load average ${loadAverage()})`);

  const warmup = await warmUpRegistration(
    await loadRegistrationForm(baseUrl, "practice"),
    SUSTAINED.warmupRegistrations,
    SUSTAINED.connections,
    "d",
  );
  if (warmup.errors > 0) log(`warm-up had ${warmup.errors} error(s): ${warmup.errorSamples.join("; ")}`);
  const sustained = await sustainedRegistration({
    form: await loadRegistrationForm(baseUrl, "bench-sustained-default"),
    db,
    mail,
    meetingId: meeting.id,
    connections: SUSTAINED.connections,
    durationSec: SUSTAINED.durationSec,
    drainTimeoutMs: 180_000,
    domain: "default.sustained.bench.example",
  });
  const { load, stored } = sustained;
  log(
    `sustained registration, defaults (${load.connections} connections, ${round(load.elapsedSec)} s): ` +
      `${round(load.registrationsPerSecond)} registrations/s (${privacy ? `${round((100 * load.registrationsPerSecond) / privacy.requestsPerSecond)} % of /privacy` : "/privacy not measured while profiling"}), ` +
      `p50 ${round(load.latency.p50)} ms, p99 ${round(load.latency.p99)} ms, ${load.errors} errors, ${stored.lost} lost, ${stored.duplicated} duplicated, ` +
      `${sustained.mail.delivered}/${sustained.mail.owed} emails delivered (load average ${loadAverage()})`,
  );
  if (load.errors > 0) log(`errors: ${load.errorSamples.join("; ")}`);
  if (load.registrationsPerSecond < 200 || load.latency.p99 > 500 || load.errors > 0 || stored.lost > 0 || stored.duplicated > 0) {
    process.exitCode = 1;
  }
} finally {
  await server?.stop();
  await mail.stop();
  await db.$disconnect();
  await database.drop();
  if (profiling) log(`CPU profile: ${profileDir}/`);
}
