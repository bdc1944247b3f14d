// The app as the end-to-end tests see it: the production build on port E2E_PORT, a fresh
// database (a new database on TEST_DATABASE_URL's server, or an in-memory embedded PostgreSQL),
// a real SMTP sink whose messages are written as JSON files for the tests to read, and the
// email worker. Started by Playwright's webServer; it writes test-results/e2e-env.json.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDatabaseClient } from "../../lib/db/client.ts";
import { startEmbeddedDatabase } from "../../lib/db/embedded.ts";
import { applyMigrations } from "../../lib/db/migrate.ts";
import { createSmtpTransport } from "../../lib/mail/transport.ts";
import { OutboxWorker } from "../../lib/mail/worker.ts";
import { seedMeetings, seedOrganizers } from "../../lib/meetings/seed.ts";
import { runNoticeRound } from "../../lib/meetings/reminders.ts";
import { SmtpSink } from "../helpers/smtp-sink.ts";

const root = process.cwd();
const port = Number(process.env.E2E_PORT ?? 3100);
const outDir = path.join(root, "test-results");
const mailDir = path.join(outDir, "e2e-mailbox");
fs.rmSync(mailDir, { recursive: true, force: true });
fs.mkdirSync(mailDir, { recursive: true });

let databaseUrl: string;
let stopDatabase: () => Promise<void> = async () => {};
if (process.env.TEST_DATABASE_URL) {
  const name = `quorum_e2e_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  stopDatabase = async () => {
    const cleanup = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  };
} else {
  const embedded = await startEmbeddedDatabase("memory://", 0);
  databaseUrl = embedded.url;
  stopDatabase = embedded.stop;
}
await applyMigrations(databaseUrl, path.join(root, "prisma", "migrations"));
const db = createDatabaseClient(databaseUrl, 10);
await seedMeetings(db, new Date());
await seedOrganizers(db, ["organizer@example.org"]);
// A meeting in approval mode that only organizer@example.org runs, and one that only
// other@example.org runs (for the "organizer of another meeting" checks).
const practice = await db.meeting.findUniqueOrThrow({ where: { slug: "practice" } });
const { id: _practiceId, createdAt: _c, updatedAt: _u, ...practiceFacts } = practice;
for (const [slug, owner] of [
  ["approval-e2e", "organizer@example.org"],
  ["other-e2e", "other@example.org"],
] as const) {
  const user = await db.user.upsert({ where: { email: owner }, create: { email: owner }, update: {} });
  await db.meeting.create({
    data: {
      ...practiceFacts,
      texts: practiceFacts.texts ?? {},
      slug,
      shortName: slug.toUpperCase(),
      title: `E2E meeting ${slug}`,
      isPractice: false,
      approvalMode: "MANUAL",
      // Shared connection instructions, not personal links: the tests see the passcode reach
      // approved registrants only (tests/e2e/join-links.spec.ts covers personal links).
      personalJoinLinks: false,
      connectionPasscode: `passcode-${slug}`,
      organizers: { create: { userId: user.id, role: "OWNER" } },
    },
  });
}

const sink = new SmtpSink();
await sink.start(0);
let written = 0;
setInterval(() => {
  while (written < sink.messages.length) {
    const message = sink.messages[written++];
    if (!message) continue;
    const { parsed } = message;
    // Written beside the mailbox, then moved in: a test reading the mailbox never sees half a file.
    const partial = path.join(outDir, `e2e-mail-${String(written).padStart(5, "0")}.partial`);
    fs.writeFileSync(
      partial,
      JSON.stringify({
        to: message.envelopeTo,
        subject: parsed.subject,
        text: parsed.text,
        html: parsed.html,
        messageId: parsed.messageId,
        // The bytes as sent (base64 here), so a test can decode them itself and see that they are UTF-8.
        attachments: parsed.attachments.map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          contentBase64: attachment.content.toString("base64"),
        })),
      }),
    );
    fs.renameSync(partial, path.join(mailDir, `${String(written).padStart(5, "0")}.json`));
  }
}, 50).unref();

const appUrl = `http://localhost:${port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: databaseUrl,
  APP_URL: appUrl,
  AUTH_URL: `${appUrl}/api/auth`,
  AUTH_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
  SMTP_URL: sink.url,
  WORKER_IN_PROCESS: "false",
  // Behave as behind a reverse proxy, so each test can stand for a different client address
  // (rate limits are per address); the un-proxied behaviour is unit-tested.
  TRUST_PROXY: "true",
  PORT: String(port),
};
fs.writeFileSync(path.join(outDir, "e2e-env.json"), JSON.stringify({ databaseUrl, appUrl, mailDir }));

const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "server.ts")], { stdio: "inherit", env });
const worker = new OutboxWorker({
  db,
  transport: createSmtpTransport(sink.url),
  from: { name: "Quorum", address: "meetings@example.org" },
  ratePerMinute: 100_000,
  concurrency: 4,
  pollIntervalMs: 100,
  expand: (now, workerId) => runNoticeRound(db, { now, workerId, appUrl }),
});
worker.start();

async function stop() {
  const exited = new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
  server.kill("SIGTERM");
  await exited;
  await worker.stop();
  await db.$disconnect();
  await sink.stop();
  await stopDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
