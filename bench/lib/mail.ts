// The mail side of a run: the test SMTP sink (a real SMTP server that keeps and parses every
// message) and the app's own outbox worker sending to it, both in the bench process.
import type { Database } from "@/lib/db/client.ts";
import { createSmtpTransport } from "@/lib/mail/transport.ts";
import { OutboxWorker } from "@/lib/mail/worker.ts";
import { expandNoticeJobs } from "@/lib/notices/service.ts";
import { type SinkMessage, SmtpSink } from "@/tests/helpers/smtp-sink.ts";
import { sleep } from "./stats.ts";

/** What the SMTP sink received for one meeting's emails, counted per address and per Message-ID. */
export type SinkCount = {
  /** Messages the sink accepted for the domain. */
  received: number;
  /** Messages whose Message-ID the sink had already received: the same email delivered twice. */
  repeatedMessageIds: number;
  /** Messages beyond what the outbox owed their address (a duplicate under a new Message-ID too). */
  extraForAddress: number;
  /** Owed emails (OutboxEmail rows) whose Message-ID never reached the sink. */
  missing: number;
};

const bareMessageId = (id: string) => id.trim().replace(/^<|>$/g, "");

/** The sink's messages for addresses at `domain`, counted against the emails owed (one OutboxEmail each). */
export function countAtSink(
  messages: ReadonlyArray<Pick<SinkMessage, "envelopeTo"> & { parsed: { messageId?: string } }>,
  domain: string,
  owed: ReadonlyArray<{ toAddress: string; messageId: string }>,
): SinkCount {
  const received = messages.filter((message) => message.envelopeTo.some((to) => to.endsWith(`@${domain}`)));
  const seenIds = new Set<string>();
  let repeatedMessageIds = 0;
  const perAddress = new Map<string, number>();
  for (const message of received) {
    const id = bareMessageId(message.parsed.messageId ?? "");
    if (id && seenIds.has(id)) repeatedMessageIds++;
    seenIds.add(id);
    for (const to of message.envelopeTo) perAddress.set(to.toLowerCase(), (perAddress.get(to.toLowerCase()) ?? 0) + 1);
  }
  const owedPerAddress = new Map<string, number>();
  for (const email of owed) owedPerAddress.set(email.toAddress.toLowerCase(), (owedPerAddress.get(email.toAddress.toLowerCase()) ?? 0) + 1);
  let extraForAddress = 0;
  for (const [address, count] of perAddress) extraForAddress += Math.max(0, count - (owedPerAddress.get(address) ?? 0));
  const missing = owed.filter((email) => !seenIds.has(bareMessageId(email.messageId))).length;
  return { received: received.length, repeatedMessageIds, extraForAddress, missing };
}

export type MailSide = {
  sink: SmtpSink;
  startWorker: () => void;
  stopWorker: () => Promise<void>;
  /** Messages the sink accepted for addresses ending in `@domain`. */
  deliveredTo: (domain: string) => number;
  /**
   * The sink's own count against what was owed (one OutboxEmail each): a duplicate and a loss
   * cannot cancel out, because each address and each Message-ID is counted apart.
   */
  countAtSink: (domain: string, owed: ReadonlyArray<{ toAddress: string; messageId: string }>) => SinkCount;
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
    countAtSink: (domain, owed) => countAtSink(sink.messages, domain, owed),
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
