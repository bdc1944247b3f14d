// Reminders before a meeting on a fake clock, against a real database and a real SMTP server:
// each confirmed registrant gets each reminder exactly once, whatever happens to the workers.
import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Meeting, Prisma } from "@/generated/prisma/client.ts";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/transport.ts";
import { CLAIM_LEASE_MS, EXPIRED_ERROR, OutboxWorker } from "@/lib/mail/worker.ts";
import { runNoticeRound } from "@/lib/meetings/reminders.ts";
import { REMINDER_KIND } from "@/lib/notices/reminders.ts";
import { NOTICE_LEASE_MS } from "@/lib/notices/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";
import { type SinkMessage, SmtpSink } from "../helpers/smtp-sink.ts";

const APP_URL = "https://register.example.org";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let test: TestDatabase;
let sink: SmtpSink;
let transport: MailTransport;

beforeAll(async () => {
  test = await createTestDatabase(20);
  sink = new SmtpSink();
  await sink.start(0);
  transport = createSmtpTransport(sink.url);
});
afterAll(async () => {
  transport.close();
  await sink.stop();
  await test.close();
});
beforeEach(async () => {
  await test.reset();
  sink.messages.length = 0;
});

// The fake clock starts now (emails are due from their real insert time) and only moves forward.
const BASE = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
const START = new Date(BASE.getTime() + 10 * DAY);
const at = (offsetFromStart: number) => new Date(START.getTime() + offsetFromStart);

function newWorker(workerId: string, batchSize = 4) {
  return new OutboxWorker({
    db: test.db,
    transport,
    from: { name: "Quorum", address: "meetings@example.org" },
    ratePerMinute: 1_000_000,
    concurrency: 3,
    workerId,
    expand: (now, id) => runNoticeRound(test.db, { now, workerId: id, appUrl: APP_URL, batchSize }),
  });
}

/** Run workers side by side at `now` until none has anything left to do. */
async function drain(workers: OutboxWorker[], now: Date) {
  for (let round = 0; round < 200; round++) {
    const done = await Promise.all(workers.map((worker) => worker.runOnce(now)));
    if (done.every((handled) => handled === 0)) return;
  }
  throw new Error("the workers did not drain");
}

const meetingFor = (overrides: Partial<Prisma.MeetingCreateInput> = {}) =>
  createMeeting(test.db, { startsAt: START, endsAt: new Date(START.getTime() + 2 * DAY), personalJoinLinks: true, ...overrides }, BASE);

let serial = 0;
/** A registration as the services leave it: confirmed at once (privacyAcceptedAt) or by an organizer (decidedAt). */
async function registrant(
  meeting: Meeting,
  options: {
    status?: "CONFIRMED" | "PENDING" | "WITHDRAWN" | "REJECTED";
    submittedAt?: Date;
    decidedAt?: Date | null;
    locale?: string;
  } = {},
) {
  serial++;
  const submittedAt = options.submittedAt ?? BASE;
  return test.db.registration.create({
    data: {
      meetingId: meeting.id,
      reference: `QRM-R${String(serial).padStart(8, "0")}`,
      email: `person${serial}@example.org`,
      givenName: "Given",
      familyName: `Family ${serial}`,
      country: "CH",
      category: "ACADEMIA",
      status: options.status ?? "CONFIRMED",
      locale: options.locale ?? "en",
      privacyAcceptedAt: submittedAt,
      createdAt: submittedAt,
      decidedAt: options.decidedAt ?? null,
    },
  });
}

const reminders = () => sink.messages.filter((message) => message.parsed.subject?.startsWith("Reminder: "));
const addressesOf = (messages: SinkMessage[]) => messages.map((message) => message.envelopeTo[0] ?? "").sort();

describe("reminders before a meeting", () => {
  it("two workers racing, one killed mid-batch, a database outage and a restart: each confirmed registrant gets each reminder exactly once", {
    timeout: 120_000,
  }, async () => {
    const meeting = await meetingFor();
    const confirmed = [];
    for (let n = 0; n < 22; n++) confirmed.push(await registrant(meeting));
    await registrant(meeting, { status: "WITHDRAWN" });
    await registrant(meeting, { status: "PENDING" });
    await registrant(meeting, { status: "REJECTED", decidedAt: BASE });
    const expected = confirmed.map((row) => row.email).sort();

    // 7 days before, two workers race to queue the reminder: one job.
    const sevenDays = at(-7 * DAY + MINUTE);
    const [a, b] = [newWorker("a"), newWorker("b")];
    await Promise.all([a.runOnce(sevenDays), b.runOnce(sevenDays)]);
    const jobs = await test.db.noticeJob.findMany({ where: { kind: REMINDER_KIND } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ offsetMins: 10080, startsAt: START, total: 22 });

    // A worker is killed mid-batch: its batch's transaction fails, its claim on the job stays.
    await test.db.$executeRawUnsafe(`
      CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'worker killed'; END $$;
      CREATE TRIGGER crash BEFORE INSERT ON "OutboxEmail" FOR EACH STATEMENT EXECUTE FUNCTION crash();`);
    await newWorker("killed").runOnce(new Date(sevenDays.getTime() + MINUTE));
    // Then the database refuses every write (an outage, as the workers see it): each round fails, and
    // nothing is lost or written twice.
    await Promise.all([a.runOnce(new Date(sevenDays.getTime() + 2 * MINUTE)), b.runOnce(new Date(sevenDays.getTime() + 2 * MINUTE))]);
    await test.db.$executeRawUnsafe(`DROP TRIGGER crash ON "OutboxEmail"; DROP FUNCTION crash();`);
    const stuck = await test.db.noticeJob.findFirstOrThrow({ where: { kind: REMINDER_KIND } });
    expect(stuck.status).toBe("EXPANDING");
    expect(stuck.lockedBy).not.toBeNull();

    // Another worker claims a few emails and is killed before sending them.
    const later = new Date(sevenDays.getTime() + NOTICE_LEASE_MS + 3 * MINUTE);
    expect(await runNoticeRound(test.db, { now: later, workerId: "a", appUrl: APP_URL, batchSize: 4 })).toBe(4);
    const dying = newWorker("dying-sender");
    expect((await dying.claim(2, later)).length).toBe(2);

    // Restart: new workers (new ids) race to finish, after the dead claims' leases ran out.
    const afterLeases = new Date(later.getTime() + CLAIM_LEASE_MS + MINUTE);
    await drain([newWorker("c"), newWorker("d")], afterLeases);
    expect(addressesOf(reminders())).toEqual(expected);
    expect(await test.db.noticeJob.findFirstOrThrow({ where: { kind: REMINDER_KIND } })).toMatchObject({ status: "DONE", queued: 22 });

    // Rounds later the same day queue nothing more; 1 day before, the next reminder goes, once each.
    await drain([newWorker("e"), newWorker("f")], new Date(afterLeases.getTime() + DAY));
    expect(reminders()).toHaveLength(22);
    await drain([newWorker("g"), newWorker("h")], at(-DAY));
    expect(addressesOf(reminders())).toEqual([...expected, ...expected].sort());
    expect(await test.db.noticeJob.count({ where: { kind: REMINDER_KIND } })).toBe(2);

    // What each carries: the registrant's personal join link (no platform link), and the calendar entry.
    const message = reminders()[0] as SinkMessage;
    expect(message.parsed.subject).toBe(`Reminder: ${meeting.shortName}`);
    expect(message.parsed.text).toMatch(new RegExp(`${APP_URL}/join/[A-Za-z0-9_-]{40,}`));
    expect(message.parsed.text).not.toContain("meet.example.org");
    const ics = message.parsed.attachments.find((attachment) => attachment.filename === "meeting.ics");
    const event = new ICAL.Component(ICAL.parse(ics?.content.toString("utf8") ?? "")).getFirstSubcomponent("vevent");
    expect(event?.getFirstPropertyValue("dtstart")?.toString()).toBe(ICAL.Time.fromJSDate(START, true).toString());
    expect(await test.db.joinLink.count()).toBe(44);
  });

  it("a registrant confirmed after a reminder's time does not get that one, for automatic and manual approval alike", async () => {
    const sevenDaysDue = at(-7 * DAY);
    const meeting = await meetingFor();
    const early = await registrant(meeting, { submittedAt: new Date(sevenDaysDue.getTime() - MINUTE) });
    const lateAutomatic = await registrant(meeting, { submittedAt: new Date(sevenDaysDue.getTime() + MINUTE) });
    const approvedEarly = await registrant(meeting, { submittedAt: BASE, decidedAt: new Date(sevenDaysDue.getTime() - MINUTE) });
    const approvedLate = await registrant(meeting, { submittedAt: BASE, decidedAt: new Date(sevenDaysDue.getTime() + MINUTE) });
    // The worker only gets to it an hour after its time: the late ones were confirmed meanwhile.
    await drain([newWorker("a")], new Date(sevenDaysDue.getTime() + 60 * MINUTE));
    expect(addressesOf(reminders())).toEqual([early.email, approvedEarly.email].sort());
    // The next reminder is for everybody confirmed by its own time.
    await drain([newWorker("a")], at(-DAY));
    expect(addressesOf(reminders().slice(2))).toEqual([early, lateAutomatic, approvedEarly, approvedLate].map((row) => row.email).sort());
  });

  it("in the registrant's language", async () => {
    const meeting = await meetingFor({ reminderOffsetsMinutes: [60] });
    await registrant(meeting, { locale: "fr" });
    await registrant(meeting, { locale: "ar" });
    await drain([newWorker("a")], at(-30 * MINUTE));
    expect(sink.messages.map((message) => message.parsed.subject).sort()).toEqual([
      `Rappel : ${meeting.shortName}`,
      `تذكير: ${meeting.shortName}`,
    ]);
  });

  it("nothing is sent once the meeting has started: the rest of the job is dropped, queued emails expire undelivered", async () => {
    const meeting = await meetingFor({ reminderOffsetsMinutes: [60] });
    for (let n = 0; n < 10; n++) await registrant(meeting);
    // Two batches of 4 are queued an hour before; the worker sending them stops there.
    const hourBefore = at(-60 * MINUTE);
    await runNoticeRound(test.db, { now: hourBefore, workerId: "x", appUrl: APP_URL, batchSize: 4 });
    await runNoticeRound(test.db, { now: hourBefore, workerId: "x", appUrl: APP_URL, batchSize: 4 });
    expect(await test.db.outboxEmail.count()).toBe(8);
    await drain([newWorker("late")], START);
    expect(sink.messages).toHaveLength(0);
    expect(await test.db.noticeJob.findFirstOrThrow()).toMatchObject({ status: "DONE", queued: 8 });
    const emails = await test.db.outboxEmail.findMany();
    expect(emails).toHaveLength(8);
    for (const email of emails)
      expect(email).toMatchObject({ status: "FAILED", lastError: EXPIRED_ERROR, textBody: "", htmlBody: "", icsBody: null });
  });

  it("an email past its expiry is failed undelivered whether queued, retrying or abandoned mid-send; one a live worker holds is left to it", async () => {
    const meeting = await meetingFor();
    const person = await registrant(meeting);
    const expiresAt = at(-MINUTE);
    const row = (status: "QUEUED" | "RETRYING" | "SENDING", lockedAt: Date | null) => ({
      kind: REMINDER_KIND,
      priority: 20,
      meetingId: meeting.id,
      registrationId: person.id,
      toAddress: person.email,
      subject: "Reminder",
      textBody: `Join: ${APP_URL}/join/secret-token`,
      htmlBody: "<p>Join</p>",
      icsBody: "BEGIN:VCALENDAR",
      messageId: `<${status}-${lockedAt?.getTime() ?? 0}@example.org>`,
      status,
      lockedAt,
      lockedBy: lockedAt ? "someone" : null,
      nextAttemptAt: BASE,
      expiresAt,
    });
    const now = at(0);
    await test.db.outboxEmail.createMany({
      data: [
        row("QUEUED", null),
        row("RETRYING", null),
        row("SENDING", new Date(now.getTime() - CLAIM_LEASE_MS - MINUTE)),
        row("SENDING", new Date(now.getTime() - MINUTE)),
      ],
    });
    expect(await newWorker("a").expire(now)).toBe(3);
    const rows = await test.db.outboxEmail.findMany({
      orderBy: { messageId: "asc" },
      select: { status: true, lastError: true, textBody: true, icsBody: true },
    });
    expect(rows.filter((email) => email.status === "FAILED")).toEqual(
      Array.from({ length: 3 }, () => ({ status: "FAILED", lastError: EXPIRED_ERROR, textBody: "", icsBody: null })),
    );
    expect(rows.filter((email) => email.status === "SENDING")).toHaveLength(1);
    // A worker's round claims none of them, and nothing reaches the mail server.
    await drain([newWorker("b")], now);
    expect(sink.messages).toHaveLength(0);
  });

  it("a meeting moved earlier while its reminder is going out: nothing more is sent or delivered from the new start", async () => {
    const meeting = await meetingFor({ reminderOffsetsMinutes: [60] });
    for (let n = 0; n < 10; n++) await registrant(meeting);
    await runNoticeRound(test.db, { now: at(-60 * MINUTE), workerId: "x", appUrl: APP_URL, batchSize: 4 });
    expect(await test.db.outboxEmail.count()).toBe(4);
    const earlier = at(-30 * MINUTE);
    await test.db.meeting.update({ where: { id: meeting.id }, data: { startsAt: earlier } });
    await drain([newWorker("a")], new Date(earlier.getTime() + MINUTE));
    expect(sink.messages).toHaveLength(0);
    expect(await test.db.noticeJob.findFirstOrThrow()).toMatchObject({ status: "DONE", queued: 4 });
    expect(await test.db.outboxEmail.findMany({ select: { status: true, expiresAt: true } })).toEqual(
      Array.from({ length: 4 }, () => ({ status: "FAILED", expiresAt: earlier })),
    );
  });

  it("switched off, a meeting sends none; with only some chosen, only those", async () => {
    const off = await meetingFor({ reminderOffsetsMinutes: [] });
    const someOnly = await meetingFor({ reminderOffsetsMinutes: [60] });
    await registrant(off);
    const person = await registrant(someOnly);
    for (const offset of [-7 * DAY, -DAY, -60 * MINUTE]) await drain([newWorker("a")], at(offset + MINUTE));
    expect(addressesOf(sink.messages)).toEqual([person.email]);
    expect(await test.db.noticeJob.findMany({ select: { meetingId: true, offsetMins: true } })).toEqual([
      { meetingId: someOnly.id, offsetMins: 60 },
    ]);
  });

  it("the first session's start decides; when it moves, the due times follow, and a reminder sent for the old start is not sent again", async () => {
    const meeting = await meetingFor({ reminderOffsetsMinutes: [1440, 60] });
    // Sessions: the first one starts a day after the meeting's own start field says.
    const first = new Date(START.getTime() + DAY);
    await test.db.meetingSession.createMany({
      data: [
        { meetingId: meeting.id, startsAt: new Date(first.getTime() + DAY), endsAt: new Date(first.getTime() + DAY + 3 * 60 * MINUTE) },
        { meetingId: meeting.id, startsAt: first, endsAt: new Date(first.getTime() + 3 * 60 * MINUTE) },
      ],
    });
    await registrant(meeting);
    await drain([newWorker("a")], at(-DAY + MINUTE));
    expect(sink.messages).toHaveLength(0);
    await drain([newWorker("a")], new Date(first.getTime() - DAY + MINUTE));
    expect(sink.messages).toHaveLength(1);
    // The sessions move two days later: the day-before reminder already went, the hour-before one follows.
    const moved = new Date(first.getTime() + 2 * DAY);
    await test.db.meetingSession.deleteMany({ where: { meetingId: meeting.id } });
    await test.db.meetingSession.create({
      data: { meetingId: meeting.id, startsAt: moved, endsAt: new Date(moved.getTime() + 3 * 60 * MINUTE) },
    });
    await drain([newWorker("a")], new Date(moved.getTime() - DAY + MINUTE));
    expect(sink.messages).toHaveLength(1);
    await drain([newWorker("a")], new Date(first.getTime() - 30 * MINUTE));
    expect(sink.messages).toHaveLength(1);
    await drain([newWorker("a")], new Date(moved.getTime() - 30 * MINUTE));
    expect(sink.messages).toHaveLength(2);
    const jobs = await test.db.noticeJob.findMany({ orderBy: { createdAt: "asc" }, select: { offsetMins: true, startsAt: true } });
    expect(jobs).toEqual([
      { offsetMins: 1440, startsAt: first },
      { offsetMins: 60, startsAt: moved },
    ]);
  });
});
