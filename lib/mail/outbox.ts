import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { RenderedEmail } from "@/emails/types.ts";

/** Lower runs first: sign-in links must not wait behind a bulk update to 10,000 registrants. */
export const EMAIL_PRIORITY = { signIn: 0, registrant: 10, bulk: 20 } as const;

export type OwedEmail = RenderedEmail & {
  kind: string;
  priority: number;
  toAddress: string;
  toName?: string;
  ics?: string;
  meetingId?: string;
  registrationId?: string;
  /** The notice job (lib/notices) that queued it. */
  noticeJobId?: string;
  /** Not delivered from this instant on (the worker marks it FAILED instead). */
  expiresAt?: Date;
};

type OutboxWriter = Pick<Prisma.TransactionClient, "outboxEmail">;

function outboxRow(email: OwedEmail, appUrl: string) {
  const id = randomUUID();
  return {
    id,
    kind: email.kind,
    priority: email.priority,
    toAddress: email.toAddress,
    toName: email.toName,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
    icsBody: email.ics,
    meetingId: email.meetingId,
    registrationId: email.registrationId,
    noticeJobId: email.noticeJobId,
    expiresAt: email.expiresAt,
    // Fixed when queued, so a resend after a crash carries the same Message-ID.
    messageId: `<${id}@${new URL(appUrl).hostname}>`,
  };
}

/**
 * Record an email the system owes. Call it with the transaction that makes the change causing
 * the email, so the email exists if and only if the change was committed (transactional outbox).
 */
export async function enqueueEmail(tx: OutboxWriter, email: OwedEmail, appUrl: string): Promise<string> {
  const row = outboxRow(email, appUrl);
  await tx.outboxEmail.create({ data: row });
  return row.id;
}

/** Several owed emails in one statement (bulk notifications). */
export async function enqueueEmails(tx: OutboxWriter, emails: OwedEmail[], appUrl: string): Promise<number> {
  if (emails.length === 0) return 0;
  const result = await tx.outboxEmail.createMany({ data: emails.map((email) => outboxRow(email, appUrl)) });
  return result.count;
}
