// A real SMTP server in the test process (smtp-server), with every message parsed back by
// mailparser. It can refuse mail with a chosen reply, and can be stopped and started again on the
// same port to play a mail server that is down.
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SinkMessage = { envelopeTo: string[]; raw: string; parsed: ParsedMail };

export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  /** When set, each DATA is answered with this (e.g. { code: 451, message: "try later" }). */
  refuseWith: { code: number; message: string } | null = null;
  /** Wait this long before accepting each message (a slow mail server). */
  delayMs = 0;
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = this.port): Promise<void> {
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", async () => {
          if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
          if (this.refuseWith) {
            const error = Object.assign(new Error(this.refuseWith.message), { responseCode: this.refuseWith.code });
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          this.messages.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, parsed: await simpleParser(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    const address = server.server.address();
    this.port = typeof address === "object" && address ? address.port : port;
    this.server = server;
  }

  get isListening(): boolean {
    return this.server !== null;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): SinkMessage[] {
    return this.messages.filter((message) => message.envelopeTo.includes(address));
  }
}
