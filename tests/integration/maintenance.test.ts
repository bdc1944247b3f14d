// The daily job, with a fake clock: personal data goes when the retention period is over, and
// not a moment before.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIGN_IN_LINK_MINUTES } from "@/lib/auth/config.ts";
import { runDailyMaintenance, SIGN_IN_EMAIL_LIFETIME_MS } from "@/lib/maintenance/service.ts";
import { registerForMeeting, updateRegistrationDetails } from "@/lib/registration/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";

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

const DAY = 24 * 60 * 60 * 1000;

describe("data retention", () => {
  it("erases registrants' personal data the day after the retention period, keeps the counts", async () => {
    const now = new Date("2027-01-10T12:00:00Z");
    const meeting = await createMeeting(
      test.db,
      {
        startsAt: new Date("2027-02-01T08:00:00Z"),
        endsAt: new Date("2027-02-03T17:00:00Z"),
        registrationOpensAt: new Date("2027-01-01T00:00:00Z"),
        registrationClosesAt: new Date("2027-01-31T23:59:00Z"),
        retentionDays: 90,
      },
      now,
    );
    const other = await createMeeting(
      test.db,
      { endsAt: new Date("2027-12-01T00:00:00Z"), startsAt: new Date("2027-11-30T00:00:00Z") },
      now,
    );
    await registerForMeeting(test.db, {
      slug: meeting.slug,
      input: buildRegistrationInput({ email: "ada@example.org", givenName: "Ada" }),
      submissionKey: null,
      locale: "en",
      now,
      appUrl: "https://q.example",
    });
    await registerForMeeting(test.db, {
      slug: other.slug,
      input: buildRegistrationInput({ email: "keep@example.org" }),
      submissionKey: null,
      locale: "en",
      now,
      appUrl: "https://q.example",
    });
    const email = await test.db.outboxEmail.findFirstOrThrow({ where: { toAddress: "ada@example.org" } });
    const token = /\/manage\/([A-Za-z0-9_-]{43})/.exec(email.textBody)?.[1] ?? "";
    await updateRegistrationDetails(test.db, {
      token,
      input: buildRegistrationInput({ email: "ada@example.org", givenName: "Augusta" }),
      now,
      appUrl: "https://q.example",
    });

    const retentionEnds = new Date(meeting.endsAt.getTime() + 90 * DAY);
    const justBefore = await runDailyMaintenance(test.db, new Date(retentionEnds.getTime() - 1));
    expect(justBefore.erasedRegistrations).toBe(0);
    expect((await test.db.registration.findFirstOrThrow({ where: { meetingId: meeting.id } })).givenName).toBe("Augusta");

    const after = await runDailyMaintenance(test.db, new Date(retentionEnds.getTime() + 1));
    expect(after.erasedRegistrations).toBe(1);
    const erased = await test.db.registration.findFirstOrThrow({ where: { meetingId: meeting.id } });
    expect(erased).toMatchObject({ givenName: "", familyName: "", organization: null, jobTitle: null, accessibilityOther: null });
    expect(erased.email).toMatch(/@erased\.invalid$/);
    expect(erased.erasedAt).not.toBeNull();
    expect(erased.status).toBe("CONFIRMED"); // counts by status and category stay
    expect(await test.db.outboxEmail.count({ where: { meetingId: meeting.id } })).toBe(0);
    const audit = JSON.stringify(await test.db.auditEntry.findMany({ where: { meetingId: meeting.id } }));
    expect(audit).not.toContain("Augusta");
    expect(audit).not.toContain("Ada");
    expect(audit).toContain("registrations.erased");
    // The other meeting is untouched, and a second run changes nothing.
    expect((await test.db.registration.findFirstOrThrow({ where: { meetingId: other.id } })).email).toBe("keep@example.org");
    expect((await runDailyMaintenance(test.db, new Date(retentionEnds.getTime() + DAY))).erasedRegistrations).toBe(0);
  });

  it("removes expired sessions, spent sign-in tokens and old rate-limit windows", async () => {
    const now = new Date();
    const user = await test.db.user.create({ data: { email: "o@example.org" } });
    await test.db.session.createMany({
      data: [
        { sessionToken: "old", userId: user.id, expires: new Date(now.getTime() - 1) },
        { sessionToken: "live", userId: user.id, expires: new Date(now.getTime() + DAY) },
      ],
    });
    await test.db.verificationToken.create({ data: { identifier: "o@example.org", token: "t", expires: new Date(now.getTime() - 1) } });
    await test.db.rateLimitBucket.create({ data: { key: "register:1.2.3.4", windowStart: new Date(now.getTime() - 2 * DAY), hits: 3 } });
    const report = await runDailyMaintenance(test.db, now);
    expect(report).toMatchObject({ deletedSessions: 1, deletedTokens: 1, deletedRateLimits: 1 });
    expect((await test.db.session.findMany()).map((session) => session.sessionToken)).toEqual(["live"]);
  });

  it("removes focal-point lists uploaded more than a day ago and never confirmed, and keeps younger ones", async () => {
    const now = new Date();
    await test.db.focalPointImport.createMany({
      data: [
        { userId: "u", fileName: "old.csv", content: "email", createdAt: new Date(now.getTime() - DAY - 1) },
        { userId: "u", fileName: "new.csv", content: "email", createdAt: new Date(now.getTime() - DAY + 60_000) },
      ],
    });
    expect(await runDailyMaintenance(test.db, now)).toMatchObject({ deletedFocalPointImports: 1 });
    expect((await test.db.focalPointImport.findMany()).map((upload) => upload.fileName)).toEqual(["new.csv"]);
  });
});

describe("working links do not outlive their use", () => {
  const MINUTE = 60 * 1000;
  const now = new Date("2027-03-01T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("deletes sign-in emails once their link has expired, whatever their delivery state; other emails stay", async () => {
    const email = (kind: string, createdAt: Date, status: "SENT" | "QUEUED" | "RETRYING") => ({
      kind,
      status,
      createdAt,
      toAddress: "organizer@example.org",
      subject: kind,
      textBody: "https://q.example/sign-in/confirm?token=abc",
      htmlBody: "",
      messageId: `<${kind}-${createdAt.getTime()}-${status}@q.example>`,
    });
    await test.db.outboxEmail.createMany({
      data: [
        email("sign-in-link", ago(11 * MINUTE), "SENT"),
        email("sign-in-link", ago(3 * DAY), "RETRYING"),
        email("sign-in-link", ago(5 * MINUTE), "QUEUED"),
        email("registration-confirmed", ago(30 * DAY), "SENT"),
      ],
    });
    const report = await runDailyMaintenance(test.db, now);
    const left = await test.db.outboxEmail.findMany({ orderBy: { createdAt: "asc" } });
    expect(left.map((row) => [row.kind, row.status])).toEqual([
      ["registration-confirmed", "SENT"],
      ["sign-in-link", "QUEUED"],
    ]);
    expect(report.deletedSignInEmails).toBe(2);
  });

  it("erases dev-mailbox messages after 7 days, and sign-in ones once their link has expired", async () => {
    const message = (kind: string | null, createdAt: Date) => ({
      kind,
      createdAt,
      toAddress: "a@example.org",
      subject: String(kind),
      raw: "…",
    });
    await test.db.devMailboxMessage.createMany({
      data: [
        message("registration-confirmed", ago(7 * DAY + MINUTE)),
        message(null, ago(8 * DAY)),
        message("registration-confirmed", ago(6 * DAY)),
        message("sign-in-link", ago(11 * MINUTE)),
        message("sign-in-link", ago(5 * MINUTE)),
      ],
    });
    const report = await runDailyMaintenance(test.db, now);
    const left = await test.db.devMailboxMessage.findMany({ orderBy: { createdAt: "asc" } });
    expect(left.map((row) => [row.kind, row.createdAt])).toEqual([
      ["registration-confirmed", ago(6 * DAY)],
      ["sign-in-link", ago(5 * MINUTE)],
    ]);
    expect(report.deletedDevMailboxMessages).toBe(3);
  });

  it("counts a sign-in email as expired exactly when its link is", () => {
    expect(SIGN_IN_EMAIL_LIFETIME_MS).toBe(SIGN_IN_LINK_MINUTES * MINUTE);
  });
});
