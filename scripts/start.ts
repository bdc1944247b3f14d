// `npm start`: the whole app from one command.
// - No DATABASE_URL: an embedded PostgreSQL (PGlite) keeps its data in .data/pglite.
// - No SMTP_URL: mail goes to the built-in dev mailbox at /dev/mailbox.
// Then: migrate, seed, build when the build is missing or stale, start the production server
// and the email worker, print the addresses. Ctrl-C (SIGINT) or SIGTERM stops everything cleanly.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { isBuildCurrent, isPrismaClientCurrent } from "./lib/build-state.ts";

const root = process.cwd();
/** Where the embedded database and the generated secret live (QUORUM_DATA_DIR to move them). */
const dataDir = path.resolve(process.env.QUORUM_DATA_DIR ?? path.join(root, ".data"));
const log = (line: string) => console.log(`[quorum] ${line}`);
const fail = (message: string): never => {
  console.error(`[quorum] ${message}`);
  process.exit(1);
};

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) fail(`${path.basename(command)} ${args.join(" ")} failed (exit ${result.status})`);
}

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

const embedded = !process.env.DATABASE_URL;
const devMailbox = !process.env.SMTP_URL;

// 1. Configuration: everything but the database is checked before anything starts.
const { parseEnv, ConfigError } = await import("../lib/env.ts");
function checkConfiguration(env: NodeJS.ProcessEnv) {
  try {
    return parseEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}
checkConfiguration({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://embedded/quorum" });

// AUTH_SECRET: generated once and kept in .data when not given (one instance). Several instances
// must share one: set AUTH_SECRET for them.
if (!process.env.AUTH_SECRET) {
  const secretFile = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(secretFile)) {
    fs.mkdirSync(path.dirname(secretFile), { recursive: true });
    fs.writeFileSync(secretFile, randomBytes(33).toString("base64"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
  log(`AUTH_SECRET not set: using the one kept in ${path.relative(root, secretFile) || secretFile}`);
}

// 2. The generated Prisma client (not in git) must match prisma/schema.prisma.
if (!isPrismaClientCurrent(root)) run(bin("prisma"), ["generate"]);

// 3. The database.
let stopDatabase: (() => Promise<void>) | undefined;
if (embedded) {
  const { startEmbeddedDatabase } = await import("../lib/db/embedded.ts");
  const preferred = Number(process.env.PGLITE_PORT ?? 5439);
  const port = (await isPortFree(preferred)) ? preferred : 0;
  const database = await startEmbeddedDatabase(path.join(dataDir, "pglite"), port);
  process.env.DATABASE_URL = database.url;
  stopDatabase = database.stop;
  log(`embedded PostgreSQL (PGlite, data in ${path.relative(root, path.join(dataDir, "pglite"))}) at ${database.url}`);
}
const env = checkConfiguration({ ...process.env, NODE_ENV: "production" });

const { applyMigrations } = await import("../lib/db/migrate.ts");
try {
  const report = await applyMigrations(env.DATABASE_URL, path.join(root, "prisma", "migrations"));
  log(`migrations: ${report.applied.length ? `applied ${report.applied.join(", ")}` : "none pending"}`);
  for (const name of report.editedAfterApply) log(`warning: migration ${name} was edited after it was applied`);
} catch (error) {
  const reason = (error as Error).message.split("\n")[0];
  fail(`DATABASE_URL: cannot use the database (${reason})`);
}

const { getDatabase, disconnectDatabase } = await import("../lib/db/client.ts");
const { seedMeetings, seedOrganizers } = await import("../lib/meetings/seed.ts");
const db = getDatabase();
const seeded = await seedMeetings(db, new Date());
if (seeded.length) log(`seeded meetings: ${seeded.join(", ")}`);
await seedOrganizers(db, env.ORGANIZER_EMAILS);

// 4. The production build.
if (!isBuildCurrent(root)) {
  log("building the app (first start or sources changed; about a minute)…");
  run(bin("next"), ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}

// 5. The web server (scripts/server.ts: Next.js behind our own http server).
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  APP_URL: env.APP_URL,
  AUTH_URL: `${env.APP_URL}/api/auth`,
  DEV_MAILBOX: devMailbox ? "true" : (process.env.DEV_MAILBOX ?? "false"),
  // The worker runs in this process; web processes must not start their own.
  WORKER_IN_PROCESS: "false",
};
serverEnv.HOST = process.env.HOST ?? (devMailbox ? "localhost" : "");
serverEnv.PORT = String(env.PORT);
const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "server.ts")], {
  stdio: "inherit",
  env: serverEnv,
});

// 6. The email worker.
const { createOutboxWorkerFromEnv } = await import("../lib/mail/worker.ts");
const { runNoticeRound } = await import("../lib/meetings/reminders.ts");
const { worker, transport } = createOutboxWorkerFromEnv(env, db, {
  log,
  expand: (now, workerId) => runNoticeRound(db, { now, workerId, appUrl: env.APP_URL }),
});
const { scheduleDailyMaintenance } = await import("../lib/maintenance/service.ts");
const { sendDocumentDigests } = await import("../lib/documents/digest.ts");
let stopMaintenance = () => {};
if (env.WORKER_IN_PROCESS) {
  worker.start();
  stopMaintenance = scheduleDailyMaintenance(db, log, async (now) => ({
    documentDigests: await sendDocumentDigests(db, { now, appUrl: env.APP_URL }),
  }));
}

log(`Quorum is starting on ${env.APP_URL}`);
log(`  meetings:        ${env.APP_URL}/`);
log(`  FG-QIT4N-10:     ${env.APP_URL}/meetings/fg-qit4n-10`);
log(`  practice:        ${env.APP_URL}/meetings/practice/register`);
log(`  organizers:      ${env.APP_URL}/admin`);
if (devMailbox) log(`  dev mailbox:     ${env.APP_URL}/dev/mailbox  (no SMTP_URL: emails are kept here)`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping…`);
  const serverExited = new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
  server.kill("SIGTERM");
  stopMaintenance();
  await Promise.all([serverExited, worker.stop()]);
  transport.close();
  await disconnectDatabase();
  await stopDatabase?.();
  log("stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
server.on("exit", (code) => {
  if (!stopping) {
    console.error(`[quorum] the web server exited (${code}); stopping`);
    void shutdown("SIGTERM");
  }
});
