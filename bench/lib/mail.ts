// The mail side of a run: the test SMTP sink (a real SMTP server that keeps and parses every
// message) and the app's own outbox worker sending to it, both in the bench process.
import type { Database } from "@/lib/db/client.ts";
import { createSmtpTransport } from "@/lib/mail/transport.ts";
import { OutboxWorker } from "@/lib/mail/worker.ts";
import { expandNoticeJobs } from "@/lib/notices/service.ts";
import { SmtpSink } from "@/tests/helpers/smtp-sink.ts";
import { sleep } from "./stats.ts";

export type MailSide = {
  sink: SmtpSink;
  startWorker: () => void;
  stopWorker: () => Promise<void>;
  /** Messages the sink accepted for addresses ending in `@domain`. */
  deliveredTo: (domain: string) => number;
  /**
   * Wait until every OutboxEmail of the meeting is SENT (or FAILED: then it never will be),
   * polling every 100 ms for at most `timeoutMs`. Returns when that was (performance.now()), or
   * null on timeout.
   */
  waitForDrain: (db: Database, meetingId: string, timeoutMs: number) => Promise<number | null>;
  stop: () => Promise<void>;
};

export async function startMailSide(db: Database, log: (line: string) => void): Promise<MailSide> {
  const sink = new SmtpSink();
  await sink.start(0);
  const transport = createSmtpTransport(sink.url);
  // The settings the brief asks for: no provider throttle, 8 sends at a time, a quick poll, so
  // the drain time measures the app's outbox rather than a deliberate rate limit.
  const worker = new OutboxWorker({
    db,
    transport,
    from: { name: "Quorum bench", address: "quorum@localhost.localdomain" },
    ratePerMinute: 1_000_000,
    concurrency: 8,
    pollIntervalMs: 100,
    log,
    expand: (now, workerId) => expandNoticeJobs(db, { now, workerId }),
  });
  return {
    sink,
    startWorker: () => worker.start(),
    stopWorker: () => worker.stop(),
    deliveredTo: (domain) => sink.messages.filter((message) => message.envelopeTo.some((to) => to.endsWith(`@${domain}`))).length,
    async waitForDrain(database, meetingId, timeoutMs) {
      const start = performance.now();
      while (performance.now() - start < timeoutMs) {
        const waiting = await database.outboxEmail.count({ where: { meetingId, status: { in: ["QUEUED", "SENDING", "RETRYING"] } } });
        if (waiting === 0) return performance.now();
        await sleep(100);
      }
      return null;
    },
    async stop() {
      await worker.stop();
      transport.close();
      await sink.stop();
    },
  };
}
