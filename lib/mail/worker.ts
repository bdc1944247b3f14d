import "server-only";
// The outbox worker: claims owed emails with FOR UPDATE SKIP LOCKED (several workers never take
// the same row) within a rate limit they share, sends them, and records the outcome. See
// docs/decisions/0003-email-outbox.md.
import { hostname } from "node:os";
import { Prisma } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";
import {
  classifyDeliveryError,
  nextAttemptDelayMs,
  PROBE_INTERVAL_MS,
  RECOVERY_SPREAD_MS,
  rateWindowStart,
  SERVER_DOWN_FAILURE,
  redactSecretLinks,
  shouldGiveUp,
} from "@/lib/mail/delivery-rules.ts";
import { createDevMailboxTransport, createSmtpTransport, type MailTransport } from "@/lib/mail/transport.ts";

/** A claim older than this is considered abandoned by a crashed worker and is taken back. */
export const CLAIM_LEASE_MS = 2 * 60 * 1000;

/** OutboxEmail.lastError of an email that expired before it could be delivered. */
export const EXPIRED_ERROR = "expired before delivery";

/** The RateLimitBucket row that counts sends, for every worker together. */
const SEND_RATE_KEY = "mail:send";

type ClaimedEmail = {
  id: string;
  kind: string;
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
  /** Sends per minute for all workers together (MAIL_RATE_PER_MINUTE). */
  ratePerMinute: number;
  /** Sends at a time in this process (MAIL_CONCURRENCY). */
  concurrency: number;
  pollIntervalMs?: number;
  workerId?: string;
  log?: (line: string) => void;
  /**
   * Work that turns into emails, run at the start of every round before sending: the notice
   * jobs of lib/notices, passed in by whoever creates the worker (mail sits below the modules
   * that know registrants), with this worker's id for their own claims. Returns how many emails
   * it queued.
   */
  expand?: (now: Date, workerId: string) => Promise<number>;
};

/** Only what the recipient needs to act on stays usable after sending: the stored copy loses its secret links. */
function redactedBodies(email: ClaimedEmail) {
  const bodies = {
    textBody: redactSecretLinks(email.textBody),
    htmlBody: redactSecretLinks(email.htmlBody),
    icsBody: email.icsBody === null ? null : redactSecretLinks(email.icsBody),
  };
  // Most bulk mail carries no secret link: then nothing is written back.
  return bodies.textBody === email.textBody && bodies.htmlBody === email.htmlBody && bodies.icsBody === email.icsBody ? {} : bodies;
}

export class OutboxWorker {
  readonly id: string;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastProbeAt = Number.NEGATIVE_INFINITY;
  private lastRecoveryAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WorkerOptions) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  }

  /**
   * Claim up to `limit` emails that are due, or whose claim expired, within what the shared rate
   * limit has left in this minute. The window's counter row stays locked until the claim is
   * counted, so workers reserve one after another and never exceed the limit together. With
   * `early`, the claim is one email that failed because the server was down, whatever its time:
   * the probe of a server that may be back.
   */
  async claim(limit: number, now = new Date(), options: { early?: boolean } = {}): Promise<ClaimedEmail[]> {
    const leaseExpired = new Date(now.getTime() - CLAIM_LEASE_MS);
    const claimable = options.early
      ? Prisma.sql`status = 'RETRYING' AND "lastError" ~ ${SERVER_DOWN_FAILURE}`
      : Prisma.sql`(status IN ('QUEUED', 'RETRYING') AND "nextAttemptAt" <= ${now}) OR (status = 'SENDING' AND "lockedAt" < ${leaseExpired})`;
    const windowStart = rateWindowStart(now);
    return this.options.db.$transaction(async (tx) => {
      // A row lock, not an update: an idle worker polling every second writes nothing.
      await tx.$executeRaw`
        INSERT INTO "RateLimitBucket" (key, "windowStart", hits) VALUES (${SEND_RATE_KEY}, ${windowStart}, 0)
        ON CONFLICT (key, "windowStart") DO NOTHING`;
      const [bucket] = await tx.$queryRaw<{ hits: number }[]>`
        SELECT hits FROM "RateLimitBucket" WHERE key = ${SEND_RATE_KEY} AND "windowStart" = ${windowStart} FOR UPDATE`;
      const allowance = Math.min(limit, this.options.ratePerMinute - (bucket?.hits ?? 0));
      if (allowance <= 0) return [];
      const claimed = await tx.$queryRaw<ClaimedEmail[]>`
        UPDATE "OutboxEmail" SET status = 'SENDING', "lockedAt" = ${now}, "lockedBy" = ${this.id}, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM "OutboxEmail"
          WHERE (${claimable}) AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
          ORDER BY priority, "nextAttemptAt"
          LIMIT ${allowance}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, "toAddress", "toName", subject, "textBody", "htmlBody", "icsBody", "messageId", attempts, "createdAt"`;
      if (claimed.length > 0) {
        await tx.$executeRaw`
          UPDATE "RateLimitBucket" SET hits = hits + ${claimed.length} WHERE key = ${SEND_RATE_KEY} AND "windowStart" = ${windowStart}`;
      }
      return claimed;
    });
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
        kind: email.kind,
      });
      await db.outboxEmail.updateMany({
        where: { id: email.id, lockedBy: this.id },
        data: { status: "SENT", sentAt: new Date(), lockedAt: null, lastError: null, ...redactedBodies(email) },
      });
      return "sent";
    } catch (error) {
      const failure = classifyDeliveryError(error);
      const now = clock();
      const giveUp = failure.permanent || shouldGiveUp(email.createdAt, now);
      await db.outboxEmail.updateMany({
        where: { id: email.id, lockedBy: this.id },
        data: giveUp
          ? { status: "FAILED", lastError: failure.summary, lockedAt: null, ...redactedBodies(email) }
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

  /**
   * Emails past their expiresAt (a reminder once the meeting has started) that are not delivered
   * are not delivered at all: FAILED, with EXPIRED_ERROR, and their bodies dropped (they may carry
   * a join link that works, and nobody will send them). One in a worker's hands is left to it
   * until its lease runs out: it was claimed before it expired. Returns how many expired.
   */
  async expire(now: Date): Promise<number> {
    const leaseExpired = new Date(now.getTime() - CLAIM_LEASE_MS);
    return this.options.db.$executeRaw`
      UPDATE "OutboxEmail"
      SET status = 'FAILED', "lastError" = ${EXPIRED_ERROR}, "lockedAt" = NULL, "textBody" = '', "htmlBody" = '', "icsBody" = NULL
      WHERE "expiresAt" <= ${now}
        AND (status IN ('QUEUED', 'RETRYING') OR (status = 'SENDING' AND "lockedAt" < ${leaseExpired}))`;
  }

  /**
   * The mail server is back: every email that is retrying because it was down is due within
   * RECOVERY_SPREAD_MS (spread, so that the workers do not all start at once; the rate limit
   * still paces them) instead of waiting out a backoff that may have reached an hour. Returns
   * how many were brought forward.
   */
  async bringRetriesForward(now: Date): Promise<number> {
    return this.options.db.$executeRaw`
      UPDATE "OutboxEmail"
      SET "nextAttemptAt" = ${now}::timestamptz + random() * ${RECOVERY_SPREAD_MS} * interval '1 millisecond'
      WHERE status = 'RETRYING' AND "nextAttemptAt" > ${new Date(now.getTime() + RECOVERY_SPREAD_MS)}
        AND "lastError" ~ ${SERVER_DOWN_FAILURE}`;
  }

  /**
   * One round: expand queued notices, then claim and send what is due, `concurrency` at a time,
   * within the shared rate limit. When nothing is due, an email that failed because the server was
   * down is sent early now and then as a probe; a success after failures brings the backlog
   * forward. Returns how much was done.
   */
  async runOnce(now = new Date()): Promise<number> {
    let expanded = 0;
    if (this.options.expand) {
      try {
        expanded = await this.options.expand(now, this.id);
      } catch (error) {
        // Sending must go on whatever happens to a notice job.
        this.options.log?.(`[mail] expanding notices failed: ${(error as Error).message}`);
      }
    }
    const expired = await this.expire(now);
    if (expired > 0) this.options.log?.(`[mail] ${expired} emails expired undelivered`);
    let batch = await this.claim(this.options.concurrency * 4, now);
    if (batch.length === 0 && now.getTime() - this.lastProbeAt >= PROBE_INTERVAL_MS) {
      this.lastProbeAt = now.getTime();
      batch = await this.claim(1, now, { early: true });
    }
    let next = 0;
    let recovered = false;
    const lanes = Array.from({ length: Math.min(this.options.concurrency, batch.length) }, async () => {
      while (next < batch.length) {
        const email = batch[next++];
        if (!email) break;
        // attempts counts this one: more than 1 means the email had failed before.
        if ((await this.deliver(email, () => now)) === "sent" && email.attempts > 1) recovered = true;
      }
    });
    await Promise.all(lanes);
    // Once a minute at most: after the first, the backlog is due anyway and the update finds nothing.
    if (recovered && now.getTime() - this.lastRecoveryAt >= PROBE_INTERVAL_MS) {
      this.lastRecoveryAt = now.getTime();
      const brought = await this.bringRetriesForward(now);
      if (brought > 0) this.options.log?.(`[mail] delivery works again: ${brought} retrying emails brought forward`);
    }
    return expanded + batch.length;
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
  options: { log: (line: string) => void; pollIntervalMs?: number; expand?: WorkerOptions["expand"] },
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
    expand: options.expand,
  });
  return { worker, transport };
}
