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
  /** Which template produced it (OutboxEmail.kind); only the dev mailbox keeps it. */
  kind?: string;
};

export type MailTransport = { send(message: OutgoingMessage): Promise<void>; close(): void };

function calendarMethod(ics: string): string {
  return /^METHOD:([A-Z-]+)\r?$/m.exec(ics)?.[1] ?? "PUBLISH";
}

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
    // The part's method must be the calendar's own (REQUEST or CANCEL, RFC 6047).
    attachments: message.ics
      ? [
          {
            filename: "meeting.ics",
            content: message.ics,
            contentType: `text/calendar; charset=utf-8; method=${calendarMethod(message.ics)}`,
          },
        ]
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
      await db.devMailboxMessage.create({ data: { toAddress: message.to.address, subject: message.subject, raw, kind: message.kind } });
    },
    close: () => transporter.close(),
  };
}
