// Sessions end to end on a real database and SMTP server: the meeting form saves them with stable
// ids, registrants' calendars get one entry per session under a UID per registration and session,
// and changing the times tells the confirmed registrants only (a schedule-updated notice, expanded
// by the worker) with an update that cancels the removed session; a withdrawal cancels them all.
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSmtpTransport } from "@/lib/mail/transport.ts";
import { OutboxWorker } from "@/lib/mail/worker.ts";
import { meetingInputSchema } from "@/lib/meetings/schema.ts";
import { createMeeting, updateMeeting } from "@/lib/meetings/service.ts";
import { expandNoticeJobs } from "@/lib/notices/service.ts";
import { registerForMeeting, withdrawRegistration } from "@/lib/registration/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, MEETING_FORM_POST } from "../helpers/factories.ts";
import { SmtpSink } from "../helpers/smtp-sink.ts";

const APP_URL = "https://register.example.org";
let test: TestDatabase;
let sink: SmtpSink;

beforeAll(async () => {
  test = await createTestDatabase(10);
  sink = new SmtpSink();
  await sink.start(0);
});
afterAll(async () => {
  await sink.stop();
  await test.close();
});
beforeEach(async () => {
  await test.reset();
  sink.messages.length = 0;
});

/** The meeting form as posted: a meeting 1–5 March 2027 in Zurich, open for registration now, with these session rows. */
function form(rows: Array<[id: string, date: string, start: string, end: string]>) {
  return meetingInputSchema.parse({
    ...MEETING_FORM_POST,
    registrationOpensAt: "2026-01-01T00:00",
    eligibleCategories: ["MEMBER_STATE", "ACADEMIA"],
    personalJoinLinks: "yes",
    connectionJoinUrl: "https://meet.example.org/j/123",
    ...Object.fromEntries(
      rows.flatMap(([id, date, start, end], index) => [
        [`session-${index}-id`, id],
        [`session-${index}-date`, date],
        [`session-${index}-start`, start],
        [`session-${index}-end`, end],
      ]),
    ),
  });
}

async function organizer() {
  const user = await test.db.user.create({ data: { email: "secretariat@example.org", canCreateMeetings: true } });
  return { kind: "organizer" as const, userId: user.id, email: user.email };
}

async function drain(now = new Date()) {
  const worker = new OutboxWorker({
    db: test.db,
    transport: createSmtpTransport(sink.url),
    from: { name: "Quorum", address: "meetings@example.org" },
    ratePerMinute: 100_000,
    concurrency: 4,
    expand: (at, workerId) => expandNoticeJobs(test.db, { now: at, workerId }),
  });
  for (let round = 0; round < 100; round++) if ((await worker.runOnce(now)) === 0) return;
  throw new Error("outbox did not drain");
}

/** The .ics of an email, read back with ical.js. */
function calendarOf(mail: ParsedMail) {
  const attachment = mail.attachments.find((file) => file.filename === "meeting.ics") ?? expect.fail("no .ics");
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString("utf8")));
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    events: calendar.getAllSubcomponents("vevent").map((event) => ({
      uid: String(event.getFirstPropertyValue("uid")),
      sequence: Number(event.getFirstPropertyValue("sequence")),
      status: String(event.getFirstPropertyValue("status")),
      start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
    })),
  };
}

const mailTo = (address: string, index: number) => sink.to(address)[index]?.parsed ?? expect.fail(`no email ${index} to ${address}`);

describe("a meeting's sessions", () => {
  it("are saved from the form; editing a row keeps its id, a blank row removes its session and keeps it for cancelling", async () => {
    const actor = await organizer();
    const created = await createMeeting(test.db, {
      input: form([
        ["", "2027-03-01", "13:00", "16:00"],
        ["", "2027-03-02", "13:00", "16:00"],
        ["", "2027-03-03", "13:00", "16:00"],
      ]),
      actor,
      now: new Date(),
    });
    if (!created.ok) expect.fail("not created");
    const meetingId = created.meeting.id;
    const before = await test.db.meetingSession.findMany({ where: { meetingId }, orderBy: { startsAt: "asc" } });
    expect(before.map((session) => session.startsAt.toISOString())).toEqual([
      "2027-03-01T12:00:00.000Z",
      "2027-03-02T12:00:00.000Z",
      "2027-03-03T12:00:00.000Z",
    ]);
    const [first, second, third] = before.map((session) => session.id);

    await updateMeeting(test.db, {
      meetingId,
      input: form([
        [first ?? "", "2027-03-01", "14:00", "16:00"],
        [second ?? "", "", "", ""],
        [third ?? "", "2027-03-03", "13:00", "16:00"],
        ["", "2027-03-04", "09:00", "11:00"],
      ]),
      actor,
      now: new Date(),
      appUrl: APP_URL,
    });
    const after = await test.db.meetingSession.findMany({ where: { meetingId }, orderBy: { startsAt: "asc" } });
    expect(after.map((session) => [session.id, session.startsAt.toISOString()])).toEqual([
      [first, "2027-03-01T13:00:00.000Z"],
      [third, "2027-03-03T12:00:00.000Z"],
      [expect.any(String), "2027-03-04T08:00:00.000Z"],
    ]);
    expect(await test.db.removedMeetingSession.findMany({ select: { id: true, startsAt: true } })).toEqual([
      { id: second, startsAt: new Date("2027-03-02T12:00:00.000Z") },
    ]);
    const [audit] = await test.db.auditEntry.findMany({ where: { action: "meeting.sessions-changed" } });
    expect(audit?.before).toEqual({
      sessions: [
        "2027-03-01T12:00:00.000Z/2027-03-01T15:00:00.000Z",
        "2027-03-02T12:00:00.000Z/2027-03-02T15:00:00.000Z",
        "2027-03-03T12:00:00.000Z/2027-03-03T15:00:00.000Z",
      ],
    });
    expect(audit?.after).toMatchObject({ sessions: expect.arrayContaining(["2027-03-04T08:00:00.000Z/2027-03-04T10:00:00.000Z"]) });
  });

  it("a change of times emails confirmed registrants only: new times, their join link, an update with the same UIDs, a higher SEQUENCE and the removed session cancelled", async () => {
    const actor = await organizer();
    const rows: Array<[string, string, string, string]> = [
      ["", "2027-03-01", "13:00", "16:00"],
      ["", "2027-03-02", "13:00", "16:00"],
    ];
    const created = await createMeeting(test.db, { input: form(rows), actor, now: new Date() });
    if (!created.ok) expect.fail("not created");
    const meeting = created.meeting;
    const register = (email: string) =>
      registerForMeeting(test.db, {
        slug: meeting.slug,
        input: buildRegistrationInput({ email }),
        submissionKey: null,
        locale: "en",
        now: new Date(),
        appUrl: APP_URL,
      });
    const confirmed = await register("confirmed@example.org");
    const leaving = await register("leaving@example.org");
    if (!confirmed.ok || !leaving.ok) expect.fail("not registered");
    await drain();

    // The confirmation: one entry per session, each under the registration's and the session's ids.
    const [monday, tuesday] = await test.db.meetingSession.findMany({ where: { meetingId: meeting.id }, orderBy: { startsAt: "asc" } });
    if (!monday || !tuesday) expect.fail("no sessions");
    const uid = (sessionId: string | null) =>
      sessionId ? `${confirmed.registrationId}.${sessionId}@register.example.org` : `${confirmed.registrationId}@register.example.org`;
    const confirmation = calendarOf(mailTo("confirmed@example.org", 0));
    expect(confirmation.method).toBe("REQUEST");
    expect(confirmation.events.map(({ uid, status }) => ({ uid, status }))).toEqual([
      { uid: uid(monday.id), status: "CONFIRMED" },
      { uid: uid(tuesday.id), status: "CONFIRMED" },
    ]);
    expect(mailTo("confirmed@example.org", 0).text).toContain("Monday, 1 March 2027, 13:00–16:00 CET");

    // One registrant withdraws: a cancellation of every session.
    const token = /\/manage\/([A-Za-z0-9_-]{43})/.exec(mailTo("leaving@example.org", 0).text ?? "")?.[1] ?? expect.fail("no manage link");
    expect(await withdrawRegistration(test.db, { token, now: new Date(Date.now() + 2000), appUrl: APP_URL })).toEqual({ ok: true });
    await drain();
    const cancellation = calendarOf(mailTo("leaving@example.org", 1));
    expect(cancellation.method).toBe("CANCEL");
    expect(cancellation.events.map((event) => event.status)).toEqual(["CANCELLED", "CANCELLED"]);
    expect(cancellation.events.map((event) => event.uid)).toEqual([
      `${leaving.registrationId}.${monday.id}@register.example.org`,
      `${leaving.registrationId}.${tuesday.id}@register.example.org`,
    ]);
    sink.messages.length = 0;

    // The organizer moves Monday and removes Tuesday.
    const later = new Date(Date.now() + 10_000);
    const saved = await updateMeeting(test.db, {
      meetingId: meeting.id,
      input: form([
        [monday.id, "2027-03-01", "14:00", "17:00"],
        [tuesday.id, "", "", ""],
      ]),
      actor,
      now: later,
      appUrl: APP_URL,
    });
    expect(saved).toEqual({ ok: true, notified: 1 });
    const jobs = await test.db.noticeJob.findMany({ where: { meetingId: meeting.id } });
    expect(jobs.map((job) => [job.kind, job.total])).toEqual([["schedule-updated", 1]]);
    await drain(later);

    expect(sink.messages.map((message) => message.envelopeTo[0])).toEqual(["confirmed@example.org"]);
    const update = mailTo("confirmed@example.org", 0);
    expect(update.subject).toBe(`New times: ${meeting.shortName}`);
    expect(update.text).toContain("Monday, 1 March 2027, 14:00–17:00 CET");
    expect(update.text).not.toContain("Tuesday, 2 March 2027");
    expect(update.text).toMatch(/https:\/\/register\.example\.org\/join\/[A-Za-z0-9_-]{43}/);
    expect(update.text).not.toContain("meet.example.org");
    expect(update.html).toContain("14:00–17:00");
    const calendar = calendarOf(update);
    expect(calendar.method).toBe("REQUEST");
    expect(calendar.events.map(({ uid, status, start }) => ({ uid, status, start }))).toEqual([
      { uid: uid(monday.id), status: "CONFIRMED", start: "2027-03-01T13:00:00.000Z" },
      { uid: uid(tuesday.id), status: "CANCELLED", start: "2027-03-02T12:00:00.000Z" },
      // The whole-meeting entry a calendar may hold from before the meeting had sessions.
      { uid: uid(null), status: "CANCELLED", start: "2027-03-01T08:00:00.000Z" },
    ]);
    const firstSequence = confirmation.events[0]?.sequence ?? Number.POSITIVE_INFINITY;
    expect(calendar.events.every((event) => event.sequence > firstSequence)).toBe(true);
  });

  it("saving with the same times queues nothing; a second change supersedes an unfinished notice", async () => {
    const actor = await organizer();
    const created = await createMeeting(test.db, { input: form([["", "2027-03-01", "13:00", "16:00"]]), actor, now: new Date() });
    if (!created.ok) expect.fail("not created");
    const meetingId = created.meeting.id;
    const [session] = await test.db.meetingSession.findMany({ where: { meetingId } });
    await test.db.registration.create({
      data: {
        meetingId,
        reference: "Q-SESS-0001",
        email: "ada@example.org",
        givenName: "Ada",
        familyName: "Lovelace",
        country: "CH",
        category: "ACADEMIA",
        status: "CONFIRMED",
        privacyAcceptedAt: new Date(),
      },
    });
    const save = (rows: Array<[string, string, string, string]>, title = "Tenth meeting") =>
      updateMeeting(test.db, { meetingId, input: { ...form(rows), title }, actor, now: new Date(), appUrl: APP_URL });

    expect(await save([[session?.id ?? "", "2027-03-01", "13:00", "16:00"]], "Renamed")).toEqual({ ok: true, notified: null });
    expect(await test.db.noticeJob.count()).toBe(0);

    await save([[session?.id ?? "", "2027-03-01", "14:00", "16:00"]]);
    await save([[session?.id ?? "", "2027-03-01", "15:00", "16:00"]]);
    const jobs = await test.db.noticeJob.findMany({ orderBy: { createdAt: "asc" } });
    expect(jobs.map((job) => [job.kind, job.status])).toEqual([
      ["schedule-updated", "SUPERSEDED"],
      ["schedule-updated", "QUEUED"],
    ]);
  });
});
