import "server-only";
// The outbox worker: claims owed emails with FOR UPDATE SKIP LOCKED (several workers never take
// the same row), sends them, and records the outcome. See docs/decisions/0003-email-outbox.md.
import { hostname } from "node:os";
import type { Database } from "@/lib/db/client.ts";
import { classifyDeliveryError, nextAttemptDelayMs, shouldGiveUp } from "@/lib/mail/delivery-rules.ts";
import { createDevMailboxTransport, createSmtpTransport, type MailTransport } from "@/lib/mail/transport.ts";

/** A claim older than this is considered abandoned by a crashed worker and is taken back. */
export const CLAIM_LEASE_MS = 2 * 60 * 1000;

type ClaimedEmail = {
  id: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  textBody: string;
  htmlBody: string;
  icsBody: string | null;
  messageId: string;
  attempts: number;
  createdAt: Date;
};

export type WorkerOptions = {
  db: Database;
  transport: MailTransport;
  from: { name: string; address: string };
  ratePerMinute: number;
  concurrency: number;
  pollIntervalMs?: number;
  workerId?: string;
  log?: (line: string) => void;
};

export class OutboxWorker {
  readonly id: string;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private sendTimes: number[] = [];

  constructor(private readonly options: WorkerOptions) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Claim up to `limit` emails that are due, or whose claim expired. */
  async claim(limit: number, now = new Date()): Promise<ClaimedEmail[]> {
    const leaseExpired = new Date(now.getTime() - CLAIM_LEASE_MS);
    return this.options.db.$queryRaw<ClaimedEmail[]>`
      UPDATE "OutboxEmail" SET status = 'SENDING', "lockedAt" = ${now}, "lockedBy" = ${this.id}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "OutboxEmail"
        WHERE (status IN ('QUEUED', 'RETRYING') AND "nextAttemptAt" <= ${now})
           OR (status = 'SENDING' AND "lockedAt" < ${leaseExpired})
        ORDER BY priority, "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, "toAddress", "toName", subject, "textBody", "htmlBody", "icsBody", "messageId", attempts, "createdAt"`;
  }

  /** Send one claimed email and record the outcome; only the claiming worker may record it. */
  async deliver(email: ClaimedEmail, clock: () => Date = () => new Date()): Promise<"sent" | "retrying" | "failed"> {
    const { db, transport, from } = this.options;
    try {
      await transport.send({
        from,
        to: { name: email.toName ?? "", address: email.toAddress },
        subject: email.subject,
        text: email.textBody,
        html: email.htmlBody,
        messageId: email.messageId,
        ics: email.icsBody,
      });
      await db.outboxEmail.updateMany({
        where: { id: email.id, lockedBy: this.id },
        data: { status: "SENT", sentAt: new Date(), lockedAt: null, lastError: null },
      });
      return "sent";
    } catch (error) {
      const failure = classifyDeliveryError(error);
      const now = clock();
      const giveUp = failure.permanent || shouldGiveUp(email.createdAt, now);
      await db.outboxEmail.updateMany({
        where: { id: email.id, lockedBy: this.id },
        data: giveUp
          ? { status: "FAILED", lastError: failure.summary, lockedAt: null }
          : {
              status: "RETRYING",
              lastError: failure.summary,
              lockedAt: null,
              nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(email.attempts)),
            },
      });
      this.options.log?.(`[mail] ${giveUp ? "failed" : "will retry"} ${email.id}: ${failure.summary}`);
      return giveUp ? "failed" : "retrying";
    }
  }

  /** How many sends the rate limit allows right now (sliding one-minute window). */
  private allowance(now: number): number {
    this.sendTimes = this.sendTimes.filter((time) => time > now - 60_000);
    return Math.max(0, this.options.ratePerMinute - this.sendTimes.length);
  }

  /** Claim and send what is due, `concurrency` at a time, within the rate limit. Returns how many were handled. */
  async runOnce(now = new Date()): Promise<number> {
    const allowance = this.allowance(Date.now());
    if (allowance === 0) return 0;
    const batch = await this.claim(Math.min(allowance, this.options.concurrency * 4), now);
    let next = 0;
    const lanes = Array.from({ length: Math.min(this.options.concurrency, batch.length) }, async () => {
      while (next < batch.length) {
        const email = batch[next++];
        if (!email) break;
        this.sendTimes.push(Date.now());
        await this.deliver(email, () => now);
      }
    });
    await Promise.all(lanes);
    return batch.length;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const pollIntervalMs = this.options.pollIntervalMs ?? 1000;
    this.loop = (async () => {
      while (this.running) {
        let handled = 0;
        try {
          handled = await this.runOnce();
        } catch (error) {
          this.options.log?.(`[mail] worker error: ${(error as Error).message}`);
        }
        if (handled === 0 && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollIntervalMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = null;
        }
      }
    })();
  }

  /** Stop claiming; resolves once the emails in hand are sent and recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }
}

/** The worker as configured by the environment: SMTP_URL, or the dev mailbox without it. */
export function createOutboxWorkerFromEnv(
  env: { SMTP_URL?: string; MAIL_FROM: string; MAIL_FROM_NAME: string; MAIL_RATE_PER_MINUTE: number; MAIL_CONCURRENCY: number },
  db: Database,
  options: { log: (line: string) => void; pollIntervalMs?: number },
): { worker: OutboxWorker; transport: MailTransport } {
  const transport = env.SMTP_URL ? createSmtpTransport(env.SMTP_URL) : createDevMailboxTransport(db);
  const worker = new OutboxWorker({
    db,
    transport,
    from: { name: env.MAIL_FROM_NAME, address: env.MAIL_FROM },
    ratePerMinute: env.MAIL_RATE_PER_MINUTE,
    concurrency: env.MAIL_CONCURRENCY,
    pollIntervalMs: options.pollIntervalMs,
    log: options.log,
  });
  return { worker, transport };
}
