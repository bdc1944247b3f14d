import "server-only";
// Where owed emails go: a real SMTP server (SMTP_URL), or, with none configured, the built-in
// dev mailbox (rows in DevMailboxMessage that /dev/mailbox shows).
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { Database } from "@/lib/db/client.ts";

export type OutgoingMessage = {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  messageId: string;
  ics?: string | null;
};

export type MailTransport = { send(message: OutgoingMessage): Promise<void>; close(): void };

function toNodemailerMessage(message: OutgoingMessage) {
  return {
    // Address objects, never strings: nodemailer then has no address text to parse.
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: { "Auto-Submitted": "auto-generated" },
    attachments: message.ics
      ? [{ filename: "meeting.ics", content: message.ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }]
      : [],
  };
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  const transporter: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    // Reuse connections: a new TCP (and TLS, and login) handshake per email capped delivery at
    // ~60/s in the benchmark; pooled, the same server took ~10×.
    pool: true,
    maxConnections: 4,
    // Bounded waits: a hung server must not hold a claimed email past its lease.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  } as SMTPTransport.Options);
  return {
    async send(message) {
      await transporter.sendMail(toNodemailerMessage(message));
    },
    close: () => transporter.close(),
  };
}

export function createDevMailboxTransport(db: Database): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await transporter.sendMail(toNodemailerMessage(message));
      const raw = (info.message as Buffer).toString("utf8");
      await db.devMailboxMessage.create({ data: { toAddress: message.to.address, subject: message.subject, raw } });
    },
    close: () => transporter.close(),
  };
}
