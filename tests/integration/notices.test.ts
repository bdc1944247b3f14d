// "Notify registrants" at the size of a big meeting: the organizer's request queues one job, and
// the worker expands it into emails in batches, resumably, each registrant exactly once.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Meeting } from "@/generated/prisma/client.ts";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/transport.ts";
import { OutboxWorker } from "@/lib/mail/worker.ts";
import { updateConnectionInstructions } from "@/lib/meetings/service.ts";
import { latestNoticeProgress } from "@/lib/notices/queries.ts";
import { expandNoticeJobs, NOTICE_LEASE_MS } from "@/lib/notices/service.ts";
import { buildRegistrantEmail } from "@/lib/notices/registrant-emails.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";
import { SmtpSink } from "../helpers/smtp-sink.ts";

const APP_URL = "https://register.example.org";
const actor = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };
const NEW_INSTRUCTIONS = {
  connectionJoinUrl: "https://meet.example.org/j/new",
  connectionMeetingId: "999",
  connectionPasscode: "new-passcode",
  connectionDialIn: null,
  connectionNotes: null,
};
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase(10);
});
afterAll(async () => {
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

/**
 * `count` registrants in one statement (20,000 through the registration service would take
 * minutes); every `withdrawnEvery`-th one withdrawn, so the notice must pick the confirmed ones.
 */
async function addRegistrants(meeting: Meeting, count: number, withdrawnEvery = 0) {
  await test.db.$executeRaw`
    INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", country, category, status,
      "privacyAcceptedAt", "updatedAt")
    SELECT gen_random_uuid(), 'Q-' || lpad(n::text, 11, '0'), ${meeting.id}::uuid, 'person' || n || '@example.org', 'Given' || n,
      'Family', 'CH', 'ACADEMIA',
      CASE WHEN ${withdrawnEvery}::int > 0 AND n % ${withdrawnEvery}::int = 0 THEN 'WITHDRAWN' ELSE 'CONFIRMED' END::"RegistrationStatus",
      now(), now()
    FROM generate_series(1, ${count}::int) AS n`;
}

const notify = (meeting: Meeting, input = NEW_INSTRUCTIONS, now = new Date()) =>
  updateConnectionInstructions(test.db, { meetingId: meeting.id, input, notify: true, actor, now, appUrl: APP_URL });

describe("notifying 20,000 registrants", () => {
  const COUNT = 20_000;
  const CONFIRMED = COUNT - COUNT / 1000;

  it("the organizer's request writes one job and no email: its cost does not grow with the meeting", async () => {
    const meeting = await createMeeting(test.db);
    await addRegistrants(meeting, COUNT, 1000);
    const { notified } = await notify(meeting);
    expect(await test.db.outboxEmail.count()).toBe(0);
    expect(notified).toBe(CONFIRMED);
    const jobs = await test.db.noticeJob.findMany();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ meetingId: meeting.id, kind: "connection-updated", status: "QUEUED", total: CONFIRMED, queued: 0 });
    expect((await test.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).connectionPasscode).toBe("new-passcode");
    const audit = await test.db.auditEntry.findFirstOrThrow({ where: { action: "meeting.connection-updated" } });
    expect(audit.after).toMatchObject({ notified: CONFIRMED });
  });

  it("the worker expands it in batches of N, survives a crash mid-batch, and emails each of 20,000 exactly once", {
    timeout: 600_000,
  }, async () => {
    const BATCH = 2000;
    const meeting = await createMeeting(test.db);
    await addRegistrants(meeting, COUNT, 1000);
    const now = new Date();
    await notify(meeting, NEW_INSTRUCTIONS, now);
    const steps: number[] = [];
    const step = async (workerId: string, at = now) => {
      const queued = await expandNoticeJobs(test.db, { now: at, batchSize: BATCH, workerId });
      steps.push(queued);
      return queued;
    };

    // One batch, then a worker that dies mid-batch: its insert fails, so its transaction never commits.
    expect(await step("first")).toBe(BATCH);
    await test.db.$executeRawUnsafe(`
      CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'worker crashed'; END $$;
      CREATE TRIGGER crash BEFORE INSERT ON "OutboxEmail" FOR EACH STATEMENT EXECUTE FUNCTION crash();`);
    await expect(step("dies")).rejects.toThrow(/worker crashed/);
    await test.db.$executeRawUnsafe(`DROP TRIGGER crash ON "OutboxEmail"; DROP FUNCTION crash();`);
    expect(await test.db.outboxEmail.count()).toBe(BATCH);
    expect(await test.db.noticeJob.findFirstOrThrow()).toMatchObject({ status: "EXPANDING", queued: BATCH, lockedBy: "dies" });

    // The dead worker's claim holds until its lease runs out; then two new workers finish the job together.
    const later = new Date(now.getTime() + NOTICE_LEASE_MS + 1000);
    expect(await step("early", new Date(now.getTime() + 1000))).toBe(0);
    const drain = async (workerId: string) => {
      while ((await step(workerId, later)) > 0);
    };
    await Promise.all([drain("second"), drain("third")]);

    expect(Math.max(...steps)).toBeLessThanOrEqual(BATCH);
    expect(steps.filter((queued) => queued > 0).length).toBe(Math.ceil(CONFIRMED / BATCH));
    expect(await test.db.noticeJob.findFirstOrThrow()).toMatchObject({
      status: "DONE",
      queued: CONFIRMED,
      total: CONFIRMED,
      lockedBy: null,
    });
    expect(await test.db.outboxEmail.count()).toBe(CONFIRMED);
    const [counts] = await test.db.$queryRaw<{ registrants: number; confirmed: number }[]>`
      SELECT count(DISTINCT o."registrationId")::int AS registrants,
             count(*) FILTER (WHERE r.status = 'CONFIRMED')::int AS confirmed
      FROM "OutboxEmail" o JOIN "Registration" r ON r.id = o."registrationId"`;
    expect(counts).toEqual({ registrants: CONFIRMED, confirmed: CONFIRMED });

    // Each email is the one buildRegistrantEmail makes for that registrant, as the request used to queue it
    // (here the first registrant in id order: the first batch, rendered at `now`).
    const updated = await test.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    const registration = await test.db.registration.findFirstOrThrow({ where: { status: "CONFIRMED" }, orderBy: { id: "asc" } });
    const stored = await test.db.outboxEmail.findFirstOrThrow({ where: { registrationId: registration.id } });
    const expected = await buildRegistrantEmail({
      kind: "connection-updated",
      meeting: updated,
      registration,
      manageToken: "",
      appUrl: APP_URL,
      now,
    });
    expect(stored).toMatchObject({
      kind: "connection-updated",
      priority: 20,
      toAddress: expected.toAddress,
      toName: expected.toName,
      subject: expected.subject,
      textBody: expected.text,
      htmlBody: expected.html,
      icsBody: expected.ics,
      meetingId: meeting.id,
    });
    expect(stored.textBody).toContain("new-passcode");
  });
});

describe("a notice end to end", () => {
  let sink: SmtpSink;
  let transport: MailTransport;
  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start(0);
    transport = createSmtpTransport(sink.url);
  });
  afterAll(async () => {
    transport.close();
    await sink.stop();
  });

  const worker = () =>
    new OutboxWorker({
      db: test.db,
      transport,
      from: { name: "Quorum", address: "meetings@example.org" },
      ratePerMinute: 100_000,
      concurrency: 4,
      expand: (now, workerId) => expandNoticeJobs(test.db, { now, workerId, batchSize: 2 }),
    });

  it("the worker expands the notice and sends it; the organizer sees 'sent to N of M'", async () => {
    sink.messages.length = 0;
    const meeting = await createMeeting(test.db);
    await addRegistrants(meeting, 5, 5);
    await notify(meeting);
    expect(await latestNoticeProgress(test.db, meeting.id, "connection-updated")).toMatchObject({ status: "QUEUED", sent: 0, total: 4 });
    const outbox = worker();
    for (let round = 0; round < 20 && (await outbox.runOnce()) > 0; round++);
    expect(sink.messages.map((message) => message.envelopeTo[0]).sort()).toEqual([
      "person1@example.org",
      "person2@example.org",
      "person3@example.org",
      "person4@example.org",
    ]);
    expect(sink.messages.every((message) => message.parsed.text?.includes("new-passcode"))).toBe(true);
    expect(await latestNoticeProgress(test.db, meeting.id, "connection-updated")).toMatchObject({ status: "DONE", sent: 4, total: 4 });
  });

  it("notifying again before the first notice went out: each registrant gets one email, with the latest instructions", async () => {
    sink.messages.length = 0;
    const meeting = await createMeeting(test.db);
    await addRegistrants(meeting, 7);
    await notify(meeting);
    await expandNoticeJobs(test.db, { batchSize: 2 });
    await notify(meeting, { ...NEW_INSTRUCTIONS, connectionPasscode: "newest-passcode" });
    const outbox = worker();
    for (let round = 0; round < 20 && (await outbox.runOnce()) > 0; round++);
    const jobs = await test.db.noticeJob.findMany({ orderBy: { createdAt: "asc" } });
    expect(jobs.map((job) => job.status)).toEqual(["SUPERSEDED", "DONE"]);
    // The first two got the first notice before the second was queued; nobody else got it.
    const latest = sink.messages.filter((message) => message.parsed.text?.includes("newest-passcode"));
    expect(new Set(latest.map((message) => message.envelopeTo[0])).size).toBe(7);
    expect(latest).toHaveLength(7);
    expect(sink.messages).toHaveLength(9);
  });

  it("the worker process itself (plain Node under the react-server condition, as npm start and npm run worker run it) renders and sends a notice", async () => {
    sink.messages.length = 0;
    const meeting = await createMeeting(test.db);
    await addRegistrants(meeting, 3);
    await notify(meeting);
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: test.url,
        SMTP_URL: sink.url,
        WORKER_POLL_MS: "100",
        NODE_ENV: "production",
        AUTH_SECRET: "x".repeat(32),
        APP_URL,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    try {
      await expect.poll(() => sink.messages.length, { timeout: 60_000, interval: 100 }).toBe(3);
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    expect(stderr).not.toMatch(/Error/);
    for (const { parsed } of sink.messages) {
      expect(parsed.subject).toBe(`New connection instructions: ${meeting.shortName}`);
      expect(parsed.text).toContain("new-passcode");
      expect(parsed.html).toMatch(/^<!DOCTYPE html/i);
      expect(parsed.html).toContain("new-passcode");
      const ics = parsed.attachments.find((attachment) => attachment.filename === "meeting.ics");
      expect(ics?.content.toString("utf8")).toContain("METHOD:REQUEST\r\n");
    }
  });
});
