// The registration use case against a real database: deadline, duplicates, concurrency, capacity.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerForMeeting } from "@/lib/registration/service.ts";
import { hashToken } from "@/lib/security/tokens.ts";
import {
  findRegistrationByManageToken,
  updateRegistrationDetails,
  withdrawRegistration,
  resendConfirmation,
} from "@/lib/registration/service.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

const APP_URL = "https://register.example.org";
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase(30);
});
afterAll(async () => {
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

const register = (slug: string, input = buildRegistrationInput(), now = new Date(), submissionKey: string | null = null) =>
  registerForMeeting(test.db, { slug, input, submissionKey, locale: "en", now, appUrl: APP_URL });

describe("the registration deadline, judged by the server's clock", () => {
  const closesAt = new Date("2021-11-12T22:59:59.999Z");
  const opensAt = new Date("2021-09-12T22:00:00.000Z");

  it.each([
    ["the instant before", new Date(closesAt.getTime() - 1), true],
    ["the instant itself", closesAt, true],
    ["the instant after", new Date(closesAt.getTime() + 1), false],
  ])("at %s the deadline → accepted: %s", async (_label, now, accepted) => {
    const meeting = await createMeeting(test.db, { registrationOpensAt: opensAt, registrationClosesAt: closesAt });
    const result = await register(meeting.slug, buildRegistrationInput(), now);
    expect(result.ok).toBe(accepted);
    if (!accepted) expect(result).toEqual({ ok: false, reason: "closed" });
    expect(await test.db.registration.count()).toBe(accepted ? 1 : 0);
    expect(await test.db.outboxEmail.count()).toBe(accepted ? 1 : 0);
  });

  it("refuses before opening, writing nothing", async () => {
    const meeting = await createMeeting(test.db, { registrationOpensAt: opensAt, registrationClosesAt: closesAt });
    expect(await register(meeting.slug, buildRegistrationInput(), new Date(opensAt.getTime() - 1))).toEqual({
      ok: false,
      reason: "not-open",
    });
    expect(await test.db.registration.count()).toBe(0);
  });
});

describe("one registration per address per meeting", () => {
  it("50 concurrent identical submissions make exactly one row and one email", async () => {
    const meeting = await createMeeting(test.db);
    const input = buildRegistrationInput();
    const key = "5f0c6d1e-0000-4000-8000-000000000001";
    const results = await Promise.all(Array.from({ length: 50 }, () => register(meeting.slug, input, new Date(), key)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await test.db.registration.count()).toBe(1);
    expect(await test.db.outboxEmail.count()).toBe(1);
  });

  it("50 concurrent submissions from different forms make one row; the others get 'already registered' (rate-limited)", async () => {
    const meeting = await createMeeting(test.db);
    const input = buildRegistrationInput();
    const results = await Promise.all(Array.from({ length: 50 }, () => register(meeting.slug, input)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await test.db.registration.count()).toBe(1);
    const emails = await test.db.outboxEmail.findMany({ select: { kind: true } });
    expect(emails.filter((email) => email.kind === "registration-confirmed")).toHaveLength(1);
    expect(emails.filter((email) => email.kind === "already-registered")).toHaveLength(1);
  });

  it("a case-changed address makes no new row and the same answer", async () => {
    const meeting = await createMeeting(test.db);
    const first = await register(meeting.slug, buildRegistrationInput({ email: "ada@example.org" }));
    const again = await register(meeting.slug, buildRegistrationInput({ email: "ada@example.org" }));
    expect(first).toMatchObject({ ok: true, outcome: "created" });
    expect(again).toMatchObject({ ok: true, outcome: "already-registered" });
    expect(await test.db.registration.count()).toBe(1);
  });

  it("withdraw, then register again: the same row comes back", async () => {
    const meeting = await createMeeting(test.db);
    const input = buildRegistrationInput();
    await register(meeting.slug, input);
    const row = await test.db.registration.findFirstOrThrow();
    await test.db.registration.update({ where: { id: row.id }, data: { status: "WITHDRAWN" } });
    const again = await register(meeting.slug, { ...input, givenName: "Augusta" });
    expect(again).toMatchObject({ ok: true, outcome: "reregistered" });
    const rows = await test.db.registration.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "CONFIRMED", givenName: "Augusta" });
  });
});

describe("approval mode and capacity", () => {
  it("manual approval holds the registration as pending and sends no instructions", async () => {
    const meeting = await createMeeting(test.db, { approvalMode: "MANUAL" });
    await register(meeting.slug);
    const row = await test.db.registration.findFirstOrThrow();
    expect(row.status).toBe("PENDING");
    const email = await test.db.outboxEmail.findFirstOrThrow();
    expect(email.kind).toBe("registration-received");
    expect(email.textBody).not.toContain("s3cret-pass");
    expect(email.htmlBody).not.toContain("s3cret-pass");
  });

  it.each([1, 5])("capacity %i under capacity+20 concurrent submissions confirms exactly that many", async (capacity) => {
    const meeting = await createMeeting(test.db, { capacity });
    const results = await Promise.all(Array.from({ length: capacity + 20 }, () => register(meeting.slug, buildRegistrationInput())));
    expect(results.filter((result) => result.ok)).toHaveLength(capacity);
    expect(results.filter((result) => !result.ok && result.reason === "full")).toHaveLength(20);
    expect(await test.db.registration.count({ where: { status: "CONFIRMED" } })).toBe(capacity);
  });

  it("refuses a category the meeting does not invite", async () => {
    const meeting = await createMeeting(test.db, { eligibleCategories: ["MEMBER_STATE"] });
    expect(await register(meeting.slug, buildRegistrationInput({ category: "INDIVIDUAL" }))).toEqual({ ok: false, reason: "not-eligible" });
    expect(await test.db.registration.count()).toBe(0);
  });
});

describe("the private manage link", () => {
  async function registeredWithToken() {
    const meeting = await createMeeting(test.db);
    await register(meeting.slug, buildRegistrationInput({ email: "grace@example.org" }));
    const email = await test.db.outboxEmail.findFirstOrThrow();
    const token = /\/manage\/([A-Za-z0-9_-]{43})/.exec(email.textBody)?.[1];
    if (!token) throw new Error("no manage link in the email");
    return { meeting, token };
  }

  it("stores only the token's hash, and the emailed link finds the registration", async () => {
    const { token } = await registeredWithToken();
    const row = await test.db.registration.findFirstOrThrow();
    expect(row.manageTokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await findRegistrationByManageToken(test.db, token))?.id).toBe(row.id);
    expect(await findRegistrationByManageToken(test.db, `${token.slice(0, -1)}A`)).toBeNull();
  });

  it("changes details until the deadline, not after", async () => {
    const { meeting, token } = await registeredWithToken();
    const input = buildRegistrationInput({ email: "ignored@example.org", givenName: "Grace", familyName: "Hopper" });
    expect(await updateRegistrationDetails(test.db, { token, input, now: new Date() })).toEqual({ ok: true });
    const row = await test.db.registration.findFirstOrThrow();
    expect(row).toMatchObject({ givenName: "Grace", familyName: "Hopper", email: "grace@example.org" });
    const late = new Date(meeting.registrationClosesAt.getTime() + 1);
    expect(await updateRegistrationDetails(test.db, { token, input: { ...input, givenName: "Late" }, now: late })).toEqual({
      ok: false,
      reason: "closed",
    });
    expect((await test.db.registration.findFirstOrThrow()).givenName).toBe("Grace");
  });

  it("withdraws and queues the withdrawal email; resend is rate-limited", async () => {
    const { token } = await registeredWithToken();
    const row = await test.db.registration.findFirstOrThrow();
    expect(
      await resendConfirmation(test.db, {
        registrationId: row.id,
        manageToken: token,
        now: new Date(),
        appUrl: APP_URL,
        actorLabel: "registrant",
      }),
    ).toEqual({ ok: true, queued: false });
    expect(
      await resendConfirmation(test.db, {
        registrationId: row.id,
        manageToken: token,
        now: new Date(Date.now() + 3 * 60_000),
        appUrl: APP_URL,
        actorLabel: "registrant",
      }),
    ).toEqual({ ok: true, queued: true });
    expect(await withdrawRegistration(test.db, { token, now: new Date(), appUrl: APP_URL })).toEqual({ ok: true });
    expect((await test.db.registration.findFirstOrThrow()).status).toBe("WITHDRAWN");
    const kinds = (await test.db.outboxEmail.findMany({ orderBy: { createdAt: "asc" } })).map((email) => email.kind);
    expect(kinds).toEqual(["registration-confirmed", "registration-confirmed", "registration-withdrawn"]);
  });
});
