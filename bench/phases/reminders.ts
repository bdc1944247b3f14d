// Phase 9: a notice to every confirmed registrant, queued and delivered to the SMTP sink by the
// production worker process (scripts/worker.ts, as `npm run worker` runs it), so its peak memory
// is the worker's own. Two notices take this path:
// - "reminder" (10,000 registrants): the meeting starts in 59 minutes, so the 1-hour reminder is
//   due at once (the 7-day and 1-day ones are overtaken and never sent); the worker's first round
//   queues it.
// - "connection-updated" (20,000, issue 9 point 2): the organizer's "Email the new instructions"
//   — the service the console's action calls, timed in this process with its memory growth — then
//   the worker expands the one job it queued in batches and sends every email.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/client.ts";
import { practiceMeeting } from "@/lib/meetings/seed-data.ts";
import { updateConnectionInstructions } from "@/lib/meetings/service.ts";
import { REMINDER_KIND } from "@/lib/notices/reminders.ts";
import type { SmtpSink } from "@/tests/helpers/smtp-sink.ts";
import { sampleResidentSet } from "../lib/processes.ts";
import type { IssueTarget, ResultRow } from "../lib/report.ts";
import { sleep } from "../lib/stats.ts";

export const REMINDER_DOMAIN = "reminders.bench.example";
const CONNECTION_DOMAIN = "connection.bench.example";

export type NoticeKind = "reminder" | "connection-updated";

export type RemindersResult = {
  kind: NoticeKind;
  registrants: number;
  /** connection-updated only: the organizer's request (the service call), and this process's RSS growth during it. */
  requestMs: number | null;
  requestRssGrowthBytes: number | null;
  /** Emails the sink accepted for the registrants, and how many distinct addresses they went to. */
  delivered: number;
  distinctRecipients: number;
  failed: number;
  /** From the worker's spawn until the sink had every reminder (includes the worker's start, ~s). */
  wallSeconds: number | null;
  /** From the job's creation (the worker's first round) to its last batch queued, and to the last email sent. */
  queuedSeconds: number | null;
  deliveredSeconds: number | null;
  workerStartSeconds: number | null;
  workerPeakRssBytes: number;
  workerRssSamples: number;
};

/** `count` confirmed registrants in one statement, in the six languages in turn. */
async function seedConfirmed(db: Database, meetingId: string, count: number, domain: string) {
  await db.$executeRaw`
    INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", country, category, status, locale,
      "privacyAcceptedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${domain === REMINDER_DOMAIN ? "RM-" : "CN-"} || lpad(g::text, 7, '0'), ${meetingId}::uuid, 'r' || g || '@' || ${domain},
      'Given' || g, 'Family', 'CH', 'ACADEMIA', 'CONFIRMED',
      (ARRAY['en','fr','es','ru','zh','ar'])[1 + g % 6],
      now() - interval '2 days', now() - interval '2 days', now()
    FROM generate_series(1, ${count}::int) AS g`;
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Registration"`);
}

export async function benchReminders(options: {
  kind?: NoticeKind;
  db: Database;
  databaseUrl: string;
  sink: SmtpSink;
  appUrl: string;
  count: number;
  timeoutMs: number;
  log: (line: string) => void;
}): Promise<RemindersResult> {
  const { db, sink, count } = options;
  const kind = options.kind ?? "reminder";
  const now = new Date();
  // A reminder: one session starting in 59 minutes. New instructions: a meeting ten days away
  // with no reminders, so that nothing but the notice is sent.
  const startsAt = new Date(now.getTime() + (kind === "reminder" ? 59 * 60_000 : 10 * 24 * 60 * 60_000));
  const meeting = await db.meeting.create({
    data: {
      ...practiceMeeting(now),
      // Not the practice meeting's sessions (days away): no sessions, the meeting's own times.
      sessions: undefined,
      slug: `bench-${kind}`,
      shortName: kind === "reminder" ? "BENCH-REMINDERS" : "BENCH-CONNECTION",
      isPractice: false,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 60 * 60_000),
      personalJoinLinks: true,
      ...(kind === "reminder" ? {} : { reminderOffsetsMinutes: [] }),
    },
  });
  // Each notice its own addresses, so that one run's emails are never counted as the other's.
  const domain = kind === "reminder" ? REMINDER_DOMAIN : CONNECTION_DOMAIN;
  await seedConfirmed(db, meeting.id, count, domain);
  let requestMs: number | null = null;
  let requestRssGrowthBytes: number | null = null;
  if (kind === "connection-updated") {
    const organizer = await db.user.create({ data: { email: `organizer@${CONNECTION_DOMAIN}` } });
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const { notified } = await updateConnectionInstructions(db, {
      meetingId: meeting.id,
      input: {
        connectionJoinUrl: "https://meet.example.org/j/bench-new",
        connectionMeetingId: "987 654 321",
        connectionPasscode: "bench-new",
        connectionDialIn: null,
        connectionNotes: null,
      },
      notify: true,
      actor: { kind: "organizer", userId: organizer.id, email: organizer.email },
      now: new Date(),
      appUrl: options.appUrl,
    });
    requestMs = performance.now() - started;
    requestRssGrowthBytes = process.memoryUsage().rss - rssBefore;
    if (notified !== count) throw new Error(`the notice counted ${notified} registrants, not ${count}`);
  }
  const deliveredNow = () => sink.messages.filter((message) => message.envelopeTo.some((to) => to.endsWith(`@${domain}`))).length;

  const spawnedAt = performance.now();
  const worker: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      SMTP_URL: sink.url,
      APP_URL: options.appUrl,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      // As phase 3: no provider throttle, 8 sends at a time, a quick poll.
      MAIL_RATE_PER_MINUTE: "100000",
      MAIL_CONCURRENCY: "8",
      WORKER_POLL_MS: "100",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (worker.pid === undefined) throw new Error("the worker did not start");
  let startedAt: number | null = null;
  worker.stdout?.on("data", (chunk: Buffer) => {
    if (startedAt === null && chunk.toString("utf8").includes("started")) startedAt = performance.now();
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const rss = sampleResidentSet(worker.pid, 100);
  let doneAt: number | null = null;
  let memory: { peakBytes: number; samples: unknown[] } = { peakBytes: 0, samples: [] };
  try {
    while (performance.now() - spawnedAt < options.timeoutMs) {
      if (deliveredNow() >= count) {
        doneAt = performance.now();
        break;
      }
      await sleep(100);
    }
  } finally {
    memory = rss.stop();
    worker.kill("SIGTERM");
    await Promise.race([exited, sleep(15_000)]);
    if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
  }
  // A duplicate would arrive after the last new address: give it a moment, then count.
  await sleep(500);
  const mine = sink.messages.filter((message) => message.envelopeTo.some((to) => to.endsWith(`@${domain}`)));
  const job = await db.noticeJob.findFirst({ where: { meetingId: meeting.id, kind: kind === "reminder" ? REMINDER_KIND : kind } });
  const [last] = await db.$queryRaw<{ sentAt: Date | null; failed: number }[]>`
    SELECT max("sentAt") AS "sentAt", (count(*) FILTER (WHERE status = 'FAILED'))::int AS failed
    FROM "OutboxEmail" WHERE "meetingId" = ${meeting.id}::uuid`;
  const seconds = (from: Date | null | undefined, to: Date | null | undefined) =>
    from && to ? (to.getTime() - from.getTime()) / 1000 : null;
  return {
    kind,
    registrants: count,
    requestMs,
    requestRssGrowthBytes,
    delivered: mine.length,
    distinctRecipients: new Set(mine.flatMap((message) => message.envelopeTo)).size,
    failed: last?.failed ?? 0,
    wallSeconds: doneAt === null ? null : (doneAt - spawnedAt) / 1000,
    queuedSeconds: seconds(job?.createdAt, job?.finishedAt),
    deliveredSeconds: seconds(job?.createdAt, last?.sentAt),
    workerStartSeconds: startedAt === null ? null : (startedAt - spawnedAt) / 1000,
    workerPeakRssBytes: memory.peakBytes,
    workerRssSamples: memory.samples.length,
  };
}

const round = (value: number | null, digits = 1) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/** The report's rows for this phase. */
export function reminderRows(phase: string, result: RemindersResult): ResultRow[] {
  const none = (why: string) => ({ kind: "none" as const, why });
  const what = result.kind === "reminder" ? "reminders" : "new connection instructions";
  const request: ResultRow[] =
    result.kind === "reminder"
      ? []
      : [
          {
            phase,
            metric: `"Email the new instructions" to ${result.registrants.toLocaleString("en-US")}: the organizer's request`,
            value: round(result.requestMs, 1),
            unit: "ms",
            compare: none("the service the console's action calls, in process"),
            note: `this process's RSS grew ${round((result.requestRssGrowthBytes ?? 0) / 1e6)} MB during it`,
          },
        ];
  return [
    ...request,
    {
      phase,
      metric: `${result.registrants.toLocaleString("en-US")} ${what}: worker start to last delivered`,
      value: round(result.wallSeconds, 2),
      unit: "s",
      compare: none("end to end"),
      note: `the worker process took ${round(result.workerStartSeconds, 2) ?? "?"} s to start`,
    },
    { phase, metric: "queued (job created to last batch)", value: round(result.queuedSeconds, 2), unit: "s", compare: none("server-side") },
    {
      phase,
      metric: "delivered (job created to last sent)",
      value: round(result.deliveredSeconds, 2),
      unit: "s",
      compare: none("server-side"),
    },
    {
      phase,
      metric: "worker process peak RSS",
      value: round(result.workerPeakRssBytes / 1e6),
      unit: "MB",
      compare: none("memory"),
      note: `${result.workerRssSamples} samples, every 100 ms`,
    },
    {
      phase,
      metric: "delivered / distinct recipients / failed",
      value: result.delivered,
      unit: "count",
      compare: none("count"),
      note: `${result.distinctRecipients} distinct, ${result.failed} failed`,
    },
  ];
}

/** The organizer's request answers in under a second whatever the meeting's size (issue 9 point 2). */
export function noticeRequestTarget(result: RemindersResult): IssueTarget {
  return {
    text: `"Email the new instructions" to ${result.registrants.toLocaleString("en-US")} confirmed registrants: the request < 1 s`,
    met: result.requestMs !== null && result.requestMs < 1000,
    measured: `${round(result.requestMs, 1) ?? "?"} ms, RSS +${round((result.requestRssGrowthBytes ?? 0) / 1e6)} MB; worker peak RSS ${round(result.workerPeakRssBytes / 1e6)} MB`,
  };
}

/** Each registrant got the notice, exactly once. */
export function reminderTarget(result: RemindersResult): IssueTarget {
  const count = result.registrants.toLocaleString("en-US");
  return {
    text: `${result.kind === "reminder" ? "reminders" : "new connection instructions"}: each of ${count} confirmed registrants exactly once`,
    met: result.delivered === result.registrants && result.distinctRecipients === result.registrants && result.failed === 0,
    measured: `${result.delivered} delivered to ${result.distinctRecipients} addresses, ${result.failed} failed${result.wallSeconds === null ? ", NOT within the time limit" : ""}`,
  };
}
