// The transactional outbox and its worker against a real database and a real SMTP server.
import { spawn } from "node:child_process";
import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Meeting } from "@/generated/prisma/client.ts";
import { enqueueEmail } from "@/lib/mail/outbox.ts";
import { createSmtpTransport } from "@/lib/mail/transport.ts";
import { OutboxWorker } from "@/lib/mail/worker.ts";
import { buildRegistrantEmail, type RegistrantEmailKind } from "@/lib/registration/emails.ts";
import { registerForMeeting } from "@/lib/registration/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";
import { SmtpSink } from "../helpers/smtp-sink.ts";

const APP_URL = "https://register.example.org";
let test: TestDatabase;
let sink: SmtpSink;

beforeAll(async () => {
  test = await createTestDatabase(30);
  sink = new SmtpSink();
  await sink.start(0);
});
afterAll(async () => {
  await sink.stop();
  await test.close();
});
beforeEach(async () => {
  await test.reset();
  // A test that failed while the sink was "down" must not take the next tests down with it.
  if (!sink.isListening) await sink.start();
  sink.messages.length = 0;
  sink.refuseWith = null;
  sink.delayMs = 0;
});

function newWorker(options: { concurrency?: number; workerId?: string } = {}) {
  return new OutboxWorker({
    db: test.db,
    transport: createSmtpTransport(sink.url),
    from: { name: "Quorum", address: "meetings@example.org" },
    ratePerMinute: 100_000,
    concurrency: options.concurrency ?? 4,
    workerId: options.workerId,
  });
}

/** Run the worker until nothing is due, with a clock that may be ahead of real time. */
async function drain(worker: OutboxWorker, now = new Date()) {
  for (let round = 0; round < 200; round++) if ((await worker.runOnce(now)) === 0) return;
  throw new Error("outbox did not drain");
}

const register = (meeting: Meeting, overrides: Parameters<typeof buildRegistrationInput>[0] = {}) =>
  registerForMeeting(test.db, {
    slug: meeting.slug,
    input: buildRegistrationInput(overrides),
    submissionKey: null,
    locale: "en",
    now: new Date(),
    appUrl: APP_URL,
  });

async function queueKind(kind: RegistrantEmailKind, meeting: Meeting, reason?: string) {
  const registration = await test.db.registration.create({
    data: {
      meetingId: meeting.id,
      reference: `Q-TEST-${kind.length}${Math.random().toString(36).slice(2, 6)}`,
      email: `${kind}@example.org`,
      givenName: "Ada",
      familyName: "Lovelace",
      country: "CH",
      category: "ACADEMIA",
      organization: "University",
      status: "CONFIRMED",
      privacyAcceptedAt: new Date(),
      manageTokenHash: `hash-${kind}`,
    },
  });
  await enqueueEmail(
    test.db,
    buildRegistrantEmail({ kind, meeting, registration, manageToken: "t".repeat(43), appUrl: APP_URL, now: new Date(), reason }),
    APP_URL,
  );
  return registration;
}

describe("each email arrives once with the right content", () => {
  const withInstructions: RegistrantEmailKind[] = ["registration-confirmed", "registration-approved", "connection-updated"];
  const withoutInstructions: RegistrantEmailKind[] = [
    "registration-received",
    "registration-rejected",
    "registration-withdrawn",
    "already-registered",
  ];

  it.each([...withInstructions, ...withoutInstructions])("%s", async (kind) => {
    const meeting = await createMeeting(test.db);
    await queueKind(kind, meeting, "The meeting is for members only.");
    await drain(newWorker());
    const messages = sink.to(`${kind}@example.org`);
    expect(messages).toHaveLength(1);
    const { parsed } = messages[0] ?? expect.fail("no message");
    expect(parsed.subject).toContain(meeting.shortName);
    expect(parsed.text).toBeTruthy();
    expect(parsed.html).toBeTruthy();
    expect(parsed.messageId).toMatch(/@register\.example\.org>?$/);
    const hasInstructions = withInstructions.includes(kind);
    for (const part of [parsed.text ?? "", parsed.html || ""]) {
      expect(part.includes("s3cret-pass")).toBe(hasInstructions);
      expect(part.includes("https://meet.example.org/j/123")).toBe(hasInstructions);
    }
    if (kind === "registration-rejected") expect(parsed.text).toContain("The meeting is for members only.");
    const ics = parsed.attachments.find((attachment) => attachment.filename === "meeting.ics");
    expect(Boolean(ics)).toBe(hasInstructions);
    if (ics) {
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(ics.content.toString("utf8"))).getFirstSubcomponent("vevent") ?? expect.fail("no VEVENT"),
      );
      expect(event.summary).toBe(meeting.title);
      expect(event.startDate.toJSDate().toISOString()).toBe(meeting.startsAt.toISOString());
      expect(event.endDate.toJSDate().toISOString()).toBe(meeting.endsAt.toISOString());
      expect(event.startDate.zone?.tzid).toBe("UTC");
    }
  });

  it("a confirmed registration's email has the instructions, a pending one's has not", async () => {
    const automatic = await createMeeting(test.db);
    const manual = await createMeeting(test.db, { approvalMode: "MANUAL" });
    await register(automatic, { email: "auto@example.org" });
    await register(manual, { email: "manual@example.org" });
    await drain(newWorker());
    expect(sink.to("auto@example.org")[0]?.parsed.text).toContain("s3cret-pass");
    expect(sink.to("manual@example.org")[0]?.parsed.text).not.toContain("s3cret-pass");
    const statuses = await test.db.outboxEmail.findMany({ select: { status: true, sentAt: true } });
    expect(statuses.every((email) => email.status === "SENT" && email.sentAt)).toBe(true);
  });

  it("every link to the app starts with APP_URL", async () => {
    const meeting = await createMeeting(test.db);
    await register(meeting, { email: "links@example.org" });
    await drain(newWorker());
    const html = sink.to("links@example.org")[0]?.parsed.html || "";
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1] ?? "");
    const appLinks = hrefs.filter((href) => href.includes("/manage/") || href.includes("/meetings/"));
    expect(appLinks.length).toBeGreaterThan(0);
    expect(appLinks.every((href) => href.startsWith(`${APP_URL}/`))).toBe(true);
  });
});

describe("registrant text cannot change an email", () => {
  it("CR/LF with Bcc: and Subject: in a name adds no header and reaches nobody else", async () => {
    const meeting = await createMeeting(test.db);
    const registration = await test.db.registration.create({
      data: {
        meetingId: meeting.id,
        reference: "Q-INJEC-TION1",
        email: "victim@example.org",
        givenName: "Eve\r\nBcc: spy@evil.example\r\nSubject: You won",
        familyName: "X\nContent-Type: text/html",
        country: "CH",
        category: "INDIVIDUAL",
        status: "CONFIRMED",
        privacyAcceptedAt: new Date(),
        manageTokenHash: "hash-injection",
      },
    });
    await enqueueEmail(
      test.db,
      buildRegistrantEmail({
        kind: "registration-confirmed",
        meeting,
        registration,
        manageToken: "t".repeat(43),
        appUrl: APP_URL,
        now: new Date(),
      }),
      APP_URL,
    );
    await drain(newWorker());
    expect(sink.messages).toHaveLength(1);
    const [message] = sink.messages;
    expect(message?.envelopeTo).toEqual(["victim@example.org"]);
    expect(message?.parsed.bcc).toBeUndefined();
    expect(message?.parsed.subject).toBe(`Registration confirmed: ${meeting.shortName}`);
    const headers = message?.raw.split(/\r?\n\r?\n/)[0] ?? "";
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headers).not.toMatch(/^Subject: You won/im);
    expect(headers.match(/^Content-Type:/gim)).toHaveLength(1);
    expect(message?.raw).not.toMatch(/^Bcc: spy/im);
  });

  it("HTML in a name arrives escaped and never as a link", async () => {
    const meeting = await createMeeting(test.db);
    await register(meeting, {
      email: "html@example.org",
      givenName: '<a href="https://evil.example">Join here</a>',
      familyName: "<script>alert(1)</script>",
    });
    await drain(newWorker());
    const { parsed } = sink.to("html@example.org")[0] ?? expect.fail("no message");
    expect(parsed.html).toContain("&lt;a href=&quot;https://evil.example&quot;&gt;Join here&lt;/a&gt;");
    expect(parsed.html).not.toContain('href="https://evil.example"');
    expect(parsed.html).not.toContain("<script>");
    expect(parsed.text).toContain('<a href="https://evil.example">Join here</a>');
  });
});

describe("delivery when the mail server fails", () => {
  it("mail server down while 100 people register: all registrations stored, every email delivered exactly once later", async () => {
    const meeting = await createMeeting(test.db);
    await sink.stop();
    const results = await Promise.all(Array.from({ length: 100 }, (_, index) => register(meeting, { email: `p${index}@example.org` })));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await test.db.registration.count()).toBe(100);
    const worker = newWorker();
    await drain(worker);
    expect(await test.db.outboxEmail.count({ where: { status: "RETRYING" } })).toBe(100);
    const failure = await test.db.outboxEmail.findFirstOrThrow();
    expect(failure.lastError).toMatch(/ECONNREFUSED/);

    await sink.start();
    await drain(worker, new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(await test.db.outboxEmail.count({ where: { status: "SENT" } })).toBe(100);
    expect(sink.messages).toHaveLength(100);
    const recipients = new Set(sink.messages.flatMap((message) => message.envelopeTo));
    expect(recipients.size).toBe(100);
  });

  it.each([421, 451])("a %i answer is retried, then delivered", async (code) => {
    const meeting = await createMeeting(test.db);
    await register(meeting, { email: "retry@example.org" });
    sink.refuseWith = { code, message: "Try again later" };
    const worker = newWorker();
    await drain(worker);
    const retrying = await test.db.outboxEmail.findFirstOrThrow();
    expect(retrying.status).toBe("RETRYING");
    expect(retrying.lastError).toContain(String(code));
    expect(retrying.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    sink.refuseWith = null;
    await drain(worker, new Date(Date.now() + 60 * 60 * 1000));
    expect((await test.db.outboxEmail.findFirstOrThrow()).status).toBe("SENT");
    expect(sink.to("retry@example.org")).toHaveLength(1);
  });

  it("a 550 answer marks the email failed, without retrying", async () => {
    const meeting = await createMeeting(test.db);
    await register(meeting, { email: "nobody@example.org" });
    sink.refuseWith = { code: 550, message: "No such user" };
    const worker = newWorker();
    await drain(worker);
    await drain(worker, new Date(Date.now() + 60 * 60 * 1000));
    const failed = await test.db.outboxEmail.findFirstOrThrow();
    expect(failed.status).toBe("FAILED");
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain("550");
  });

  it("two workers together never send one email twice", async () => {
    const meeting = await createMeeting(test.db);
    await Promise.all(Array.from({ length: 120 }, (_, index) => register(meeting, { email: `two${index}@example.org` })));
    const first = newWorker({ workerId: "first" });
    const second = newWorker({ workerId: "second" });
    await Promise.all([drain(first), drain(second)]);
    expect(sink.messages).toHaveLength(120);
    expect(new Set(sink.messages.map((message) => message.parsed.messageId)).size).toBe(120);
    const byWorker = await test.db.outboxEmail.groupBy({ by: ["lockedBy"], _count: true });
    expect(byWorker.length).toBeGreaterThanOrEqual(1);
  });

  it("a worker killed mid-batch (SIGKILL): after a restart every email is delivered, none lost", async () => {
    const meeting = await createMeeting(test.db);
    await Promise.all(Array.from({ length: 30 }, (_, index) => register(meeting, { email: `kill${index}@example.org` })));
    sink.delayMs = 150;
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: test.url,
        SMTP_URL: sink.url,
        MAIL_CONCURRENCY: "2",
        WORKER_POLL_MS: "100",
        NODE_ENV: "production",
        AUTH_SECRET: "x".repeat(32),
      },
      stdio: "ignore",
    });
    const deadline = Date.now() + 60_000;
    while (sink.messages.length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const deliveredBeforeKill = sink.messages.length;
    expect(deliveredBeforeKill).toBeGreaterThanOrEqual(5);
    expect(deliveredBeforeKill).toBeLessThan(30);
    expect(await test.db.outboxEmail.count({ where: { status: "SENDING" } })).toBeGreaterThan(0);

    sink.delayMs = 0;
    // The restarted worker takes back the dead worker's claims once their lease has run out.
    await drain(newWorker(), new Date(Date.now() + 10 * 60 * 1000));
    expect(await test.db.outboxEmail.count({ where: { status: { not: "SENT" } } })).toBe(0);
    const delivered = new Set(sink.messages.flatMap((message) => message.envelopeTo));
    expect(delivered.size).toBe(30);
    // A message the dead worker had handed over but not yet recorded may come twice: with the same Message-ID.
    const ids = sink.messages.map((message) => message.parsed.messageId);
    expect(new Set(ids).size).toBe(30);
  });
});

describe("the worker's order, pace and stop", () => {
  it("sign-in links go ahead of bulk mail", async () => {
    const meeting = await createMeeting(test.db);
    await Promise.all(Array.from({ length: 30 }, (_, index) => register(meeting, { email: `bulk${index}@example.org` })));
    await test.db.outboxEmail.updateMany({ data: { priority: 20 } });
    await enqueueEmail(
      test.db,
      { kind: "sign-in-link", priority: 0, toAddress: "organizer@example.org", subject: "Sign in", text: "link", html: "<p>link</p>" },
      APP_URL,
    );
    const [first] = await newWorker().claim(1);
    expect(first?.toAddress).toBe("organizer@example.org");
  });

  it("sends no more than the configured rate per minute", async () => {
    const meeting = await createMeeting(test.db);
    await Promise.all(Array.from({ length: 12 }, (_, index) => register(meeting, { email: `rate${index}@example.org` })));
    const worker = new OutboxWorker({
      db: test.db,
      transport: createSmtpTransport(sink.url),
      from: { name: "Q", address: "q@example.org" },
      ratePerMinute: 5,
      concurrency: 2,
    });
    await drain(worker);
    expect(sink.messages).toHaveLength(5);
    expect(await test.db.outboxEmail.count({ where: { status: "QUEUED" } })).toBe(7);
  });

  it("stop() lets the email in hand finish: it ends SENT, not stuck in SENDING", async () => {
    const meeting = await createMeeting(test.db);
    await register(meeting, { email: "in-hand@example.org" });
    sink.delayMs = 800;
    const worker = newWorker({ concurrency: 1 });
    worker.start();
    await expect.poll(() => test.db.outboxEmail.count({ where: { status: "SENDING" } }), { timeout: 10_000, interval: 20 }).toBe(1);
    await worker.stop();
    expect((await test.db.outboxEmail.findFirstOrThrow()).status).toBe("SENT");
    expect(sink.to("in-hand@example.org")).toHaveLength(1);
  });
});
