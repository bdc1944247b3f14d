import "server-only";
// The built-in dev mailbox: what the worker "delivered" when no SMTP_URL is configured.
import { simpleParser } from "mailparser";
import type { Database } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { isUuid } from "@/lib/forms/ids.ts";

/** The dev mailbox shows every email the app sent, manage links included: never on by default in production. */
export function isDevMailboxEnabled(): boolean {
  const env = getEnv();
  return env.DEV_MAILBOX || (env.NODE_ENV !== "production" && !env.SMTP_URL);
}

export async function listDevMailbox(db: Database, limit = 100) {
  return db.devMailboxMessage.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, toAddress: true, subject: true, createdAt: true },
  });
}

export async function readDevMailboxMessage(db: Database, id: string) {
  if (!isUuid(id)) return null;
  const message = await db.devMailboxMessage.findUnique({ where: { id } });
  if (!message) return null;
  const parsed = await simpleParser(message.raw);
  return {
    id: message.id,
    createdAt: message.createdAt,
    subject: parsed.subject ?? "",
    from: parsed.from?.text ?? "",
    to: Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(", ") : (parsed.to?.text ?? ""),
    messageId: parsed.messageId ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? "",
      contentType: attachment.contentType,
      size: attachment.size,
    })),
  };
}
