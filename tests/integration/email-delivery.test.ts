// The transactional outbox and its worker against a real database and a real SMTP server.
import { spawn } from "node:child_process";
import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Meeting } from "@/generated/prisma/client.ts";
import { enqueueEmail } from "@/lib/mail/outbox.ts";
import { createDevMailboxTransport, createSmtpTransport } from "@/lib/mail/transport.ts";
import { OutboxWorker } from "@/lib/mail/worker.ts";
import { buildRegistrantEmail, type RegistrantEmailKind } from "@/lib/notices/registrant-emails.ts";
import { registerForMeeting, withdrawRegistration } from "@/lib/registration/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";
import { type SinkMessage, SmtpSink } from "../helpers/smtp-sink.ts";

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
    },
  });
  await enqueueEmail(
    test.db,
    await buildRegistrantEmail({ kind, meeting, registration, manageToken: "t".repeat(43), appUrl: APP_URL, now: new Date(), reason }),
    APP_URL,
  );
  return registration;
}

type Attachment = SinkMessage["parsed"]["attachments"][number];

/** The calendar attachment read back with ical.js, with the method its MIME part announces. */
function readCalendar(attachment: Attachment) {
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString("utf8")));
  const vevent = calendar.getFirstSubcomponent("vevent") ?? expect.fail("no VEVENT");
  const contentType = attachment.headers.get("content-type") as { value: string; params: Record<string, string> };
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    mimeMethod: contentType.params.method,
    event: new ICAL.Event(vevent),
    sequence: Number(vevent.getFirstPropertyValue("sequence")),
    attendees: vevent.getAllProperties("attendee").map((property) => String(property.getFirstValue()).toLowerCase()),
  };
}

describe("each email arrives once with the right content", () => {
  const withInstructions: RegistrantEmailKind[] = ["registration-confirmed", "registration-approved", "connection-updated"];
  const withoutInstructions: RegistrantEmailKind[] = [
    "registration-received",
    "registration-rejected",
    "registration-withdrawn",
    "already-registered",
  ];
  // The calendar entry: put in (or updated) with the instructions, taken out on a withdrawal or rejection.
  const calendarMethod: Partial<Record<RegistrantEmailKind, string>> = {
    "registration-confirmed": "REQUEST",
    "registration-approved": "REQUEST",
    "connection-updated": "REQUEST",
    "registration-rejected": "CANCEL",
    "registration-withdrawn": "CANCEL",
  };

  it.each([...withInstructions, ...withoutInstructions])("%s", async (kind) => {
    const meeting = await createMeeting(test.db);
    const registration = await queueKind(kind, meeting, "The meeting is for members only.");
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
    expect(ics ? readCalendar(ics).method : null).toBe(calendarMethod[kind] ?? null);
    if (ics) {
      const { event, mimeMethod, method, attendees } = readCalendar(ics);
      expect(mimeMethod).toBe(method);
      expect(event.uid).toBe(`${registration.id}@register.example.org`);
      expect(attendees).toEqual([`mailto:${kind}@example.org`]);
      expect(event.summary).toBe(meeting.title);
      expect(event.startDate.toJSDate().toISOString()).toBe(meeting.startsAt.toISOString());
      expect(event.endDate.toJSDate().toISOString()).toBe(meeting.endsAt.toISOString());
      expect(event.startDate.zone?.tzid).toBe("UTC");
    }
  });

  it("one registration's calendar entry: the confirmation puts it in, the withdrawal takes out the same UID with a higher SEQUENCE", async () => {
    const meeting = await createMeeting(test.db);
    const registered = await register(meeting, { email: "calendar@example.org" });
    if (!registered.ok) expect.fail("not registered");
    await drain(newWorker());
    const confirmation = sink.to("calendar@example.org")[0]?.parsed ?? expect.fail("no confirmation");
    const token = /\/manage\/([A-Za-z0-9_-]{43})/.exec(confirmation.text ?? "")?.[1] ?? expect.fail("no manage link");
    expect(await withdrawRegistration(test.db, { token, now: new Date(Date.now() + 5000), appUrl: APP_URL })).toEqual({ ok: true });
    await drain(newWorker());
    const withdrawal = sink.to("calendar@example.org")[1]?.parsed ?? expect.fail("no withdrawal email");
    const [put, taken] = [confirmation, withdrawal].map((parsed) =>
      readCalendar(parsed.attachments.find((attachment) => attachment.filename === "meeting.ics") ?? expect.fail("no .ics")),
    );
    expect([put?.method, taken?.method]).toEqual(["REQUEST", "CANCEL"]);
    expect(taken?.event.uid).toBe(put?.event.uid);
    expect(put?.event.uid).toBe(`${registered.registrationId}@register.example.org`);
    expect(taken?.sequence).toBeGreaterThan(put?.sequence ?? Number.POSITIVE_INFINITY);
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
      },
    });
    await enqueueEmail(
      test.db,
      await buildRegistrantEmail({
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
    // The name is in the calendar too, as the attendee's CN: still one attendee, and no line of its own.
    const ics = message?.parsed.attachments.find((attachment) => attachment.filename === "meeting.ics") ?? expect.fail("no .ics");
    expect(readCalendar(ics).attendees).toEqual(["mailto:victim@example.org"]);
    expect(ics.content.toString("utf8")).not.toMatch(/^(Bcc|Subject|Content-Type):/im);
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

  it("two workers together never send one email twice, and both do their share", async () => {
    const meeting = await createMeeting(test.db);
    await Promise.all(Array.from({ length: 120 }, (_, index) => register(meeting, { email: `two${index}@example.org` })));
    // Each delivery takes a moment, as with a real server: a worker's batch is still in hand
    // while the other one claims.
    sink.delayMs = 5;
    const first = newWorker({ workerId: "first" });
    const second = newWorker({ workerId: "second" });
    await Promise.all([drain(first), drain(second)]);
    expect(sink.messages).toHaveLength(120);
    expect(new Set(sink.messages.map((message) => message.parsed.messageId)).size).toBe(120);
    // Every email sent once, by the worker that claimed it; each worker sent some of them.
    const rows = await test.db.outboxEmail.findMany({ select: { status: true, lockedBy: true, attempts: true } });
    expect(rows).toHaveLength(120);
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 1)).toBe(true);
    const sentBy = (worker: string) => rows.filter((row) => row.lockedBy === worker).length;
    expect(sentBy("first") + sentBy("second")).toBe(120);
    expect(sentBy("first")).toBeGreaterThan(0);
    expect(sentBy("second")).toBeGreaterThan(0);
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

describe("no working link is kept once an email is sent", () => {
  const SIGN_IN_URL = `${APP_URL}/sign-in/confirm?token=${"s".repeat(64)}&email=organizer%40example.org`;
  const signInEmail = {
    kind: "sign-in-link",
    priority: 0,
    toAddress: "organizer@example.org",
    subject: "Your sign-in link",
    text: `Sign in:\n\n${SIGN_IN_URL}\n\nIgnore it if it was not you.`,
    html: `<p><a href="${SIGN_IN_URL.replace("&", "&amp;")}">Sign in</a></p>`,
  };

  it("a sent email's stored text and HTML no longer carry its manage or sign-in link; the recipient got them", async () => {
    const meeting = await createMeeting(test.db);
    await register(meeting, { email: "sent@example.org" });
    await enqueueEmail(test.db, signInEmail, APP_URL);
    await drain(newWorker());
    const delivered = sink.to("sent@example.org")[0]?.parsed.text ?? "";
    const token = /\/manage\/([A-Za-z0-9_-]{43})/.exec(delivered)?.[1] ?? expect.fail("no manage link delivered");
    expect(sink.to("organizer@example.org")[0]?.parsed.text).toContain(SIGN_IN_URL);
    const stored = await test.db.outboxEmail.findMany({ orderBy: { priority: "asc" } });
    expect(stored.map((email) => email.status)).toEqual(["SENT", "SENT"]);
    for (const email of stored) {
      const bodies = [email.textBody, email.htmlBody, email.icsBody ?? ""].join("\n");
      expect(bodies).not.toContain(token);
      expect(bodies).not.toContain("s".repeat(64));
      expect(bodies).not.toMatch(/\/manage\/[A-Za-z0-9_-]+|\/sign-in\/confirm\?/);
      expect(email.textBody).toContain("[link removed after sending]");
    }
    // Everything else is kept for the record.
    expect(stored[1]?.textBody).toContain(meeting.title);
  });

  it("a failed email loses its link too; one still to be retried keeps it", async () => {
    const meeting = await createMeeting(test.db);
    await register(meeting, { email: "refused@example.org" });
    sink.refuseWith = { code: 451, message: "Try again later" };
    const worker = newWorker();
    await worker.runOnce();
    const retrying = await test.db.outboxEmail.findFirstOrThrow();
    expect(retrying.status).toBe("RETRYING");
    expect(retrying.textBody).toMatch(/\/manage\/[A-Za-z0-9_-]{43}/);
    sink.refuseWith = { code: 550, message: "No such user" };
    await drain(worker, new Date(Date.now() + 60 * 60 * 1000));
    const failed = await test.db.outboxEmail.findFirstOrThrow();
    expect(failed.status).toBe("FAILED");
    expect(failed.textBody).not.toMatch(/\/manage\/[A-Za-z0-9_-]+/);
    expect(failed.htmlBody).not.toMatch(/\/manage\/[A-Za-z0-9_-]+/);
  });

  it("the dev mailbox keeps showing the link (that is its point); the outbox does not", async () => {
    const meeting = await createMeeting(test.db);
    await register(meeting, { email: "dev@example.org" });
    const worker = new OutboxWorker({
      db: test.db,
      transport: createDevMailboxTransport(test.db),
      from: { name: "Quorum", address: "meetings@example.org" },
      ratePerMinute: 100_000,
      concurrency: 1,
    });
    await drain(worker);
    const message = await test.db.devMailboxMessage.findFirstOrThrow();
    expect(message.raw).toMatch(/\/manage\/[A-Za-z0-9_-]{43}/);
    expect(message.kind).toBe("registration-confirmed");
    expect((await test.db.outboxEmail.findFirstOrThrow()).textBody).not.toMatch(/\/manage\/[A-Za-z0-9_-]+/);
  });
});

describe("after an outage", () => {
  const MINUTE = 60_000;

  it("421 answers for 30 minutes: every owed email is delivered within 2 minutes of the server's recovery, paced", async () => {
    const meeting = await createMeeting(test.db);
    await Promise.all(Array.from({ length: 20 }, (_, index) => register(meeting, { email: `outage${index}@example.org` })));
    const start = Date.now();
    const at = (ms: number) => new Date(start + ms);
    const worker = new OutboxWorker({
      db: test.db,
      transport: createSmtpTransport(sink.url),
      from: { name: "Quorum", address: "meetings@example.org" },
      ratePerMinute: 600,
      concurrency: 4,
    });
    // The worker polls every 10 s of a fake clock; the mail server answers 421 for 30 minutes.
    sink.refuseWith = { code: 421, message: "4.7.0 Try again later, closing connection" };
    for (let elapsed = 0; elapsed < 30 * MINUTE; elapsed += 10_000) await worker.runOnce(at(elapsed));
    expect(sink.messages).toHaveLength(0);
    expect(await test.db.outboxEmail.count({ where: { status: "RETRYING" } })).toBe(20);
    const latest = await test.db.outboxEmail.aggregate({ _max: { nextAttemptAt: true } });
    expect(latest._max.nextAttemptAt?.getTime()).toBeGreaterThan(at(40 * MINUTE).getTime()); // backoff alone: half an hour late
    // One email refused by its own mailbox meanwhile: the server coming back says nothing about it.
    const full = await enqueueEmail(
      test.db,
      { kind: "registration-confirmed", priority: 10, toAddress: "full@example.org", subject: "Full", text: "t", html: "<p>t</p>" },
      APP_URL,
    );
    const fullRetry = at(60 * MINUTE);
    await test.db.outboxEmail.update({
      where: { id: full },
      data: { status: "RETRYING", attempts: 6, lastError: "452 EENVELOPE 452 4.2.2 Mailbox full", nextAttemptAt: fullRetry },
    });

    sink.refuseWith = null;
    const sentPerRound: number[] = [];
    for (let elapsed = 30 * MINUTE; elapsed <= 32 * MINUTE; elapsed += 10_000) {
      const before = sink.messages.length;
      await worker.runOnce(at(elapsed));
      sentPerRound.push(sink.messages.length - before);
    }
    expect(await test.db.outboxEmail.count({ where: { status: "SENT" } })).toBe(20);
    expect(new Set(sink.messages.flatMap((message) => message.envelopeTo)).size).toBe(20);
    expect(await test.db.outboxEmail.findUniqueOrThrow({ where: { id: full } })).toMatchObject({
      status: "RETRYING",
      nextAttemptAt: fullRetry,
    });
    // Brought forward with a spread, not all at once.
    expect(sentPerRound.filter((sent) => sent > 0).length).toBeGreaterThanOrEqual(2);
  });
});

describe("the rate limit holds across workers", () => {
  it("two workers with MAIL_RATE_PER_MINUTE=10 send 10 in a minute together, not 20", async () => {
    const meeting = await createMeeting(test.db);
    await Promise.all(Array.from({ length: 30 }, (_, index) => register(meeting, { email: `shared${index}@example.org` })));
    const worker = (workerId: string) =>
      new OutboxWorker({
        db: test.db,
        transport: createSmtpTransport(sink.url),
        from: { name: "Quorum", address: "meetings@example.org" },
        ratePerMinute: 10,
        concurrency: 2,
        workerId,
      });
    const [first, second] = [worker("first"), worker("second")];
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 60_000);
    await Promise.all([drain(first, minute), drain(second, minute)]);
    expect(sink.messages).toHaveLength(10);
    const later = new Date(minute.getTime() + 60_000);
    await Promise.all([drain(first, later), drain(second, later)]);
    expect(sink.messages).toHaveLength(20);
    expect(await test.db.outboxEmail.count({ where: { status: "QUEUED" } })).toBe(10);
  });
});
