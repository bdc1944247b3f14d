// The registration use case against a real database: deadline, duplicates, concurrency, capacity.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerForMeeting } from "@/lib/registration/service.ts";
import { hashToken } from "@/lib/security/tokens.ts";
import { resendConfirmation } from "@/lib/notices/registrant.ts";
import {
  changeEmailLanguage,
  findRegistrationByManageToken,
  updateRegistrationDetails,
  withdrawRegistration,
} from "@/lib/registration/service.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { runDailyMaintenance } from "@/lib/maintenance/service.ts";
import { decideRegistrations } from "@/lib/registrants/service.ts";
import { registrationInputSchema } from "@/lib/registration/schema.ts";
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
    // As the registration action does: what was typed goes through the form's schema first.
    const typed = (email: string) => registrationInputSchema.parse(buildRegistrationInput({ email }));
    const first = await register(meeting.slug, typed("ada.lovelace@example.org"));
    const again = await register(meeting.slug, typed("Ada.LOVELACE@Example.ORG"));
    expect(first).toMatchObject({ ok: true, outcome: "created" });
    // The same page: "check your email" with the same reference number.
    expect(again).toMatchObject({ ok: true, outcome: "already-registered", reference: first.ok ? first.reference : "?" });
    const rows = await test.db.registration.findMany();
    expect(rows.map((row) => row.email)).toEqual(["ada.lovelace@example.org"]);
    const emails = await test.db.outboxEmail.findMany({ orderBy: { createdAt: "asc" }, select: { kind: true, toAddress: true } });
    expect(emails).toEqual([
      { kind: "registration-confirmed", toAddress: "ada.lovelace@example.org" },
      { kind: "already-registered", toAddress: "ada.lovelace@example.org" },
    ]);
  });

  it("withdraw, then register again in Arabic: the same row comes back with the new details and language", async () => {
    const meeting = await createMeeting(test.db);
    const input = buildRegistrationInput();
    await register(meeting.slug, input);
    const row = await test.db.registration.findFirstOrThrow();
    await test.db.registration.update({ where: { id: row.id }, data: { status: "WITHDRAWN" } });
    const again = await registerForMeeting(test.db, {
      slug: meeting.slug,
      input: { ...input, givenName: "Augusta" },
      submissionKey: null,
      locale: "ar",
      now: new Date(),
      appUrl: APP_URL,
    });
    expect(again).toMatchObject({ ok: true, outcome: "reregistered" });
    const rows = await test.db.registration.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "CONFIRMED", givenName: "Augusta", locale: "ar" });
    const welcome = await test.db.outboxEmail.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(welcome.htmlBody).toMatch(/<html[^>]* lang="ar"/);
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
    const links = await test.db.manageLink.findMany();
    expect(links).toEqual([expect.objectContaining({ tokenHash: hashToken(token), registrationId: row.id })]);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(links)).not.toContain(token);
    expect((await findRegistrationByManageToken(test.db, token))?.id).toBe(row.id);
    // Another last character (a 32-byte token's last one is one of 16, "A" among them).
    expect(await findRegistrationByManageToken(test.db, `${token.slice(0, -1)}${token.endsWith("A") ? "E" : "A"}`)).toBeNull();
  });

  it("changes details until the deadline, not after", async () => {
    const { meeting, token } = await registeredWithToken();
    const input = buildRegistrationInput({ email: "ignored@example.org", givenName: "Grace", familyName: "Hopper" });
    expect(await updateRegistrationDetails(test.db, { token, input, now: new Date(), appUrl: APP_URL })).toEqual({ ok: true });
    const row = await test.db.registration.findFirstOrThrow();
    expect(row).toMatchObject({ givenName: "Grace", familyName: "Hopper", email: "grace@example.org" });
    const late = new Date(meeting.registrationClosesAt.getTime() + 1);
    expect(await updateRegistrationDetails(test.db, { token, input: { ...input, givenName: "Late" }, now: late, appUrl: APP_URL })).toEqual(
      {
        ok: false,
        reason: "closed",
      },
    );
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
        actor: { kind: "registrant" },
      }),
    ).toEqual({ ok: true, queued: false });
    expect(
      await resendConfirmation(test.db, {
        registrationId: row.id,
        manageToken: token,
        now: new Date(Date.now() + 3 * 60_000),
        appUrl: APP_URL,
        actor: { kind: "registrant" },
      }),
    ).toEqual({ ok: true, queued: true });
    expect(await withdrawRegistration(test.db, { token, now: new Date(), appUrl: APP_URL })).toEqual({ ok: true });
    expect((await test.db.registration.findFirstOrThrow()).status).toBe("WITHDRAWN");
    const kinds = (await test.db.outboxEmail.findMany({ orderBy: { createdAt: "asc" } })).map((email) => email.kind);
    expect(kinds).toEqual(["registration-confirmed", "registration-confirmed", "registration-withdrawn"]);
  });
});

describe("the language of a registrant's emails", () => {
  it("registered in French: the approval comes in French; switched to Spanish on the manage page, the withdrawal in Spanish, audited", async () => {
    const meeting = await createMeeting(test.db, { approvalMode: "MANUAL" });
    await registerForMeeting(test.db, {
      slug: meeting.slug,
      input: buildRegistrationInput({ email: "marie@example.org" }),
      submissionKey: null,
      locale: "fr",
      now: new Date(),
      appUrl: APP_URL,
    });
    const row = await test.db.registration.findFirstOrThrow();
    expect(row.locale).toBe("fr");
    await decideRegistrations(test.db, {
      meetingId: meeting.id,
      registrationIds: [row.id],
      decision: "approve",
      actor: { kind: "organizer", userId: "organizer-1", email: "organizer@example.org" },
      now: new Date(),
      appUrl: APP_URL,
    });
    const token = /\/manage\/([A-Za-z0-9_-]{43})/.exec((await test.db.outboxEmail.findFirstOrThrow()).textBody)?.[1] ?? "";
    expect(await changeEmailLanguage(test.db, { token, locale: "es", now: new Date() })).toEqual({ ok: true });
    expect(await withdrawRegistration(test.db, { token, now: new Date(), appUrl: APP_URL })).toEqual({ ok: true });

    const subjects = (await test.db.outboxEmail.findMany({ orderBy: { createdAt: "asc" } })).map((email) => [email.kind, email.subject]);
    const subject = (locale: "fr" | "es", key: "received.subject" | "approved.subject" | "withdrawn.subject") =>
      getTranslator(locale, "emails")(key, { meeting: meeting.shortName });
    expect(subjects).toEqual([
      ["registration-received", subject("fr", "received.subject")],
      ["registration-approved", subject("fr", "approved.subject")],
      ["registration-withdrawn", subject("es", "withdrawn.subject")],
    ]);
    const audit = await test.db.auditEntry.findFirstOrThrow({ where: { action: "registration.updated" } });
    expect([audit.before, audit.after]).toEqual([{ locale: "fr" }, { locale: "es" }]);
  });

  it("a damaged link changes no language", async () => {
    expect(await changeEmailLanguage(test.db, { token: "x".repeat(43), locale: "ar", now: new Date() })).toEqual({
      ok: false,
      reason: "not-found",
    });
  });
});

const MINUTE = 60_000;

/** The manage tokens emailed to an address, oldest first. */
async function tokensSentTo(address: string): Promise<string[]> {
  const emails = await test.db.outboxEmail.findMany({ where: { toAddress: address }, orderBy: { createdAt: "asc" } });
  return emails.flatMap((email) => {
    const token = /\/manage\/([A-Za-z0-9_-]{43})/.exec(email.textBody)?.[1];
    return token ? [token] : [];
  });
}

async function opens(token: string): Promise<string | null> {
  return (await findRegistrationByManageToken(test.db, token))?.id ?? null;
}

describe("a full meeting answers a new address like a repeat (docs/decisions/0007)", () => {
  it("a new address gets one 'meeting-full' email per 10 minutes, with the meeting's id, and no registration", async () => {
    const meeting = await createMeeting(test.db, { capacity: 1 });
    const start = new Date();
    await register(meeting.slug, buildRegistrationInput({ email: "owner@example.org" }), start);
    const newcomer = buildRegistrationInput({ email: "newcomer@example.org" });
    expect(await register(meeting.slug, newcomer, start)).toEqual({ ok: false, reason: "full" });
    expect(await register(meeting.slug, newcomer, new Date(start.getTime() + MINUTE))).toEqual({ ok: false, reason: "full" });
    const first = await test.db.outboxEmail.findMany({ where: { toAddress: "newcomer@example.org" } });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: "meeting-full", meetingId: meeting.id, registrationId: null });
    expect(first[0]?.subject).toContain(meeting.shortName);
    expect(first[0]?.textBody).toContain("you are not registered");
    // Nobody's name: whoever typed the address also typed the name.
    expect(first[0]?.textBody).not.toContain(newcomer.familyName);
    await register(meeting.slug, newcomer, new Date(start.getTime() + 11 * MINUTE));
    expect(await test.db.outboxEmail.count({ where: { toAddress: "newcomer@example.org", kind: "meeting-full" } })).toBe(2);
    expect(await test.db.registration.count()).toBe(1);
  });

  it("a withdrawn registrant coming back to a full meeting is told the same way", async () => {
    const meeting = await createMeeting(test.db, { capacity: 1 });
    const returning = buildRegistrationInput({ email: "back@example.org" });
    await register(meeting.slug, returning);
    await test.db.registration.updateMany({ data: { status: "WITHDRAWN" } });
    await register(meeting.slug, buildRegistrationInput({ email: "other@example.org" }));
    expect(await register(meeting.slug, returning)).toEqual({ ok: false, reason: "full" });
    expect(await test.db.outboxEmail.count({ where: { toAddress: "back@example.org", kind: "meeting-full" } })).toBe(1);
    expect(await test.db.registration.count({ where: { email: "back@example.org", status: "WITHDRAWN" } })).toBe(1);
  });
});

describe("manage links: nobody can take the owner's away", () => {
  it("a stranger registering the owner's address again leaves the owner's link working, adds one, and it is audited", async () => {
    const meeting = await createMeeting(test.db);
    const start = new Date();
    await register(meeting.slug, buildRegistrationInput({ email: "owner@example.org" }), start);
    const row = await test.db.registration.findFirstOrThrow();
    const [ownersLink] = await tokensSentTo("owner@example.org");
    const stranger = buildRegistrationInput({ email: "owner@example.org", givenName: "Mallory" });
    expect(await register(meeting.slug, stranger, new Date(start.getTime() + MINUTE))).toMatchObject({ outcome: "already-registered" });
    const tokens = await tokensSentTo("owner@example.org");
    expect(tokens).toHaveLength(2);
    expect(await opens(ownersLink ?? "")).toBe(row.id);
    expect(await opens(tokens[1] ?? "")).toBe(row.id);
    const audit = await test.db.auditEntry.findMany({ where: { action: "registration.repeat-attempt" } });
    expect(audit).toEqual([
      expect.objectContaining({ actorLabel: "anonymous", entityType: "registration", entityId: row.id, meetingId: meeting.id }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/owner@example\.org|Mallory/);
    expect((await test.db.registration.findFirstOrThrow()).givenName).toBe("Ada");
  });

  it("an organizer's approval and resend add links; the earlier links keep working", async () => {
    const meeting = await createMeeting(test.db, { approvalMode: "MANUAL" });
    const start = new Date();
    await register(meeting.slug, buildRegistrationInput({ email: "owner@example.org" }), start);
    const row = await test.db.registration.findFirstOrThrow();
    const actor = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };
    await decideRegistrations(test.db, {
      meetingId: meeting.id,
      registrationIds: [row.id],
      decision: "approve",
      actor,
      now: start,
      appUrl: APP_URL,
    });
    await resendConfirmation(test.db, {
      registrationId: row.id,
      now: new Date(start.getTime() + 3 * MINUTE),
      appUrl: APP_URL,
      actor,
    });
    const tokens = await tokensSentTo("owner@example.org");
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect(await opens(token)).toBe(row.id);
  });

  it("a stranger can keep at most 5 extra links alive; the owner's first link and the newest stay", async () => {
    const meeting = await createMeeting(test.db);
    const start = new Date();
    await register(meeting.slug, buildRegistrationInput({ email: "owner@example.org" }), start);
    const row = await test.db.registration.findFirstOrThrow();
    for (let attempt = 1; attempt <= 8; attempt++) {
      await register(
        meeting.slug,
        buildRegistrationInput({ email: "owner@example.org" }),
        new Date(start.getTime() + attempt * 11 * MINUTE),
      );
    }
    const tokens = await tokensSentTo("owner@example.org");
    expect(tokens).toHaveLength(9);
    expect(await opens(tokens[0] ?? "")).toBe(row.id);
    expect(await opens(tokens[8] ?? "")).toBe(row.id);
    expect(await opens(tokens[1] ?? "")).toBeNull();
    const working = await Promise.all(tokens.map(opens));
    expect(working.filter(Boolean)).toHaveLength(1 + 5);
  });

  it("erasure after the retention period removes every link of the erased registrations", async () => {
    const meeting = await createMeeting(test.db, { retentionDays: 1 });
    await register(meeting.slug, buildRegistrationInput({ email: "owner@example.org" }));
    const [token] = await tokensSentTo("owner@example.org");
    const afterRetention = new Date(meeting.endsAt.getTime() + 2 * 24 * 60 * MINUTE);
    expect((await runDailyMaintenance(test.db, afterRetention)).erasedRegistrations).toBe(1);
    expect(await opens(token ?? "")).toBeNull();
    expect(await test.db.manageLink.count()).toBe(0);
  });
});

describe("changes that need the organizers' approval again", () => {
  const actor = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };

  async function confirmed(approvalMode: "MANUAL" | "AUTOMATIC", input = buildRegistrationInput({ email: "grace@example.org" })) {
    const meeting = await createMeeting(test.db, { approvalMode });
    await register(meeting.slug, input);
    const row = await test.db.registration.findFirstOrThrow();
    if (approvalMode === "MANUAL") {
      await decideRegistrations(test.db, {
        meetingId: meeting.id,
        registrationIds: [row.id],
        decision: "approve",
        actor,
        now: new Date(),
        appUrl: APP_URL,
      });
    }
    const tokens = await tokensSentTo(input.email);
    await test.db.outboxEmail.deleteMany();
    await test.db.auditEntry.deleteMany();
    expect((await test.db.registration.findFirstOrThrow()).status).toBe("CONFIRMED");
    return { meeting, row, input, token: tokens.at(-1) ?? "" };
  }

  it.each([
    ["category", buildRegistrationInput({ email: "grace@example.org" }), { category: "SECTOR_MEMBER", organization: "ACME Telecom" }],
    [
      "Member State",
      buildRegistrationInput({ email: "grace@example.org", category: "MEMBER_STATE", memberState: "CH", organization: undefined }),
      { memberState: "FR" },
    ],
    ["organization", buildRegistrationInput({ email: "grace@example.org" }), { organization: "ETH Zurich" }],
  ] as const)(
    "a confirmed registrant who changes their %s goes back to pending, is told by email, and it is audited",
    async (_label, input, change) => {
      const { row, token } = await confirmed("MANUAL", input);
      expect(
        await updateRegistrationDetails(test.db, { token, input: { ...input, ...change }, now: new Date(), appUrl: APP_URL }),
      ).toMatchObject({
        ok: true,
        sentBack: true,
      });
      expect(await test.db.registration.findFirstOrThrow()).toMatchObject({ ...change, status: "PENDING", decidedAt: null });
      const emails = await test.db.outboxEmail.findMany();
      expect(emails).toEqual([
        expect.objectContaining({ kind: "registration-sent-back", toAddress: "grace@example.org", registrationId: row.id }),
      ]);
      expect(emails[0]?.textBody).toContain("approve your registration again");
      expect(emails[0]?.textBody).toContain(`/manage/${token}`);
      expect(emails[0]?.textBody).not.toContain("s3cret-pass");
      const audit = await test.db.auditEntry.findMany({ where: { action: "registration.sent-back-for-approval" } });
      expect(audit).toEqual([
        expect.objectContaining({
          actorLabel: "registrant",
          entityId: row.id,
          before: { status: "CONFIRMED" },
          after: { status: "PENDING" },
        }),
      ]);
    },
  );

  it("a confirmed registrant who changes only their job title stays confirmed and gets no email", async () => {
    const { input, token } = await confirmed("MANUAL");
    expect(
      await updateRegistrationDetails(test.db, { token, input: { ...input, jobTitle: "Professor" }, now: new Date(), appUrl: APP_URL }),
    ).toEqual({
      ok: true,
    });
    expect(await test.db.registration.findFirstOrThrow()).toMatchObject({ jobTitle: "Professor", status: "CONFIRMED" });
    expect(await test.db.outboxEmail.count()).toBe(0);
    expect(await test.db.auditEntry.count({ where: { action: "registration.sent-back-for-approval" } })).toBe(0);
  });

  it("on a meeting without approval a changed category stays confirmed", async () => {
    const { input, token } = await confirmed("AUTOMATIC");
    await updateRegistrationDetails(test.db, {
      token,
      input: { ...input, category: "SECTOR_MEMBER", organization: "ACME" },
      now: new Date(),
      appUrl: APP_URL,
    });
    expect(await test.db.registration.findFirstOrThrow()).toMatchObject({ category: "SECTOR_MEMBER", status: "CONFIRMED" });
    expect(await test.db.outboxEmail.count()).toBe(0);
  });
});
