// `npm run worker`: the email worker alone, for deployments that run it apart from the web
// processes (set WORKER_IN_PROCESS=false there). Several may run at once: they never take the same
// email. SIGTERM/SIGINT: stop claiming, finish the emails in hand, exit.
import { getDatabase, disconnectDatabase } from "../lib/db/client.ts";
import { sendDocumentDigests } from "../lib/documents/digest.ts";
import { ConfigError, getEnv } from "../lib/env.ts";
import { createOutboxWorkerFromEnv } from "../lib/mail/worker.ts";
import { scheduleDailyMaintenance } from "../lib/maintenance/service.ts";
import { runNoticeRound } from "../lib/meetings/reminders.ts";

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`[worker] ${error.message}`);
    process.exit(1);
  }
  throw error;
}
const db = getDatabase();
const { worker, transport } = createOutboxWorkerFromEnv(env, db, {
  log: (line) => console.log(line),
  pollIntervalMs: Number(process.env.WORKER_POLL_MS ?? 1000),
  // Reminders that are due, and notices to a whole meeting, become emails here, a batch per round.
  expand: (now, workerId) => runNoticeRound(db, { now, workerId, appUrl: env.APP_URL }),
});
worker.start();
const stopMaintenance = scheduleDailyMaintenance(
  db,
  (line) => console.log(line),
  async (now) => ({
    documentDigests: await sendDocumentDigests(db, { now, appUrl: env.APP_URL }),
  }),
);
console.log(`[worker] ${worker.id} started (${env.SMTP_URL ? "SMTP" : "dev mailbox"})`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing the emails in hand`);
  stopMaintenance();
  await worker.stop();
  transport.close();
  await disconnectDatabase();
  console.log("[worker] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
