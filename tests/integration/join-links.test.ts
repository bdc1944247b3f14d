// Personal join links (issue #13, point 1) on real PostgreSQL: issued with the emails that carry
// the connection instructions, opened through lib/attendance, refused for anyone not confirmed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Meeting } from "@/generated/prisma/client.ts";
import { attendancePerSession, countJoinLinkUses } from "@/lib/attendance/queries.ts";
import { openJoinLink, revokeJoinLinks } from "@/lib/attendance/service.ts";
import { updateConnectionInstructions } from "@/lib/meetings/service.ts";
import { resendConfirmation } from "@/lib/notices/registrant.ts";
import { expandNoticeJobs } from "@/lib/notices/service.ts";
import { decideRegistrations } from "@/lib/registrants/service.ts";
import { registerForMeeting, withdrawRegistration } from "@/lib/registration/service.ts";
import { generateSecretToken, hashToken } from "@/lib/security/tokens.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";

const APP_URL = "https://register.example.org";
const PLATFORM_URL = "https://meet.example.org/j/123";
const actor = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };
const MINUTE = 60_000;
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase(5);
});
afterAll(async () => {
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

const tokenIn = (text: string, path: "join" | "manage") => {
  const match = new RegExp(`${APP_URL}/${path}/([A-Za-z0-9_-]{43})`).exec(text);
  if (!match?.[1]) throw new Error(`no /${path}/ link in the email`);
  return match[1];
};

/** Register someone now and return their registration with the tokens of the email they got. */
async function register(meeting: Meeting, email = `person-${Math.random().toString(36).slice(2)}@example.org`) {
  const now = new Date();
  const result = await registerForMeeting(test.db, {
    slug: meeting.slug,
    input: buildRegistrationInput({ email }),
    submissionKey: null,
    locale: "en",
    now,
    appUrl: APP_URL,
  });
  if (!result.ok) throw new Error(`registration failed: ${result.reason}`);
  const registration = await test.db.registration.findFirstOrThrow({ where: { meetingId: meeting.id, email } });
  const mail = await test.db.outboxEmail.findFirstOrThrow({ where: { registrationId: registration.id }, orderBy: { createdAt: "desc" } });
  return { registration, mail };
}

const beforeWindow = (meeting: Meeting) => new Date(meeting.startsAt.getTime() - 31 * MINUTE);
const duringWindow = (meeting: Meeting) => new Date(meeting.startsAt.getTime() - 10 * MINUTE);

describe("the emails of a meeting with personal join links", () => {
  it("the confirmation carries a /join/ link and no platform link, meeting ID or passcode; the dial-in stays", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { registration, mail } = await register(meeting);
    for (const body of [mail.textBody, mail.htmlBody]) {
      expect(body).toContain(`${APP_URL}/join/`);
      expect(body).not.toContain(PLATFORM_URL);
      expect(body).not.toContain("s3cret-pass");
      expect(body).not.toContain("123 456 789");
      expect(body).toContain("+41 22 000 00 00");
    }
    // Only the hash is stored, and it is the one of the emailed token.
    const links = await test.db.joinLink.findMany({ where: { registrationId: registration.id } });
    expect(links.map((link) => link.tokenHash)).toEqual([hashToken(tokenIn(mail.textBody, "join"))]);
    expect(JSON.stringify(await test.db.joinLink.findMany())).not.toContain(tokenIn(mail.textBody, "join"));
  });

  it("with personal links off, the confirmation carries the platform link and passcode, no /join/ link, and no link is stored", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: false });
    const { mail } = await register(meeting);
    expect(mail.textBody).toContain("s3cret-pass");
    expect(mail.textBody).toContain(PLATFORM_URL);
    expect(mail.textBody).not.toContain("/join/");
    expect(mail.htmlBody).not.toContain("/join/");
    expect(await test.db.joinLink.count()).toBe(0);
  });

  it("a meeting created without saying so uses personal links (the column's default)", async () => {
    const { personalJoinLinks: _off, ...facts } = (await createMeeting(test.db)) as Meeting;
    const created = await test.db.$queryRaw<{ personalJoinLinks: boolean; joinOpensMinutesBefore: number }[]>`
      INSERT INTO "Meeting" (id, slug, title, "shortName", format, "startsAt", "endsAt", "timeZone", languages, fee,
        "contactName", "contactEmail", "eligibleCategories", "registrationOpensAt", "registrationClosesAt", "updatedAt")
      VALUES (gen_random_uuid(), 'default-links', ${facts.title}, ${facts.shortName}, 'REMOTE', ${facts.startsAt}, ${facts.endsAt},
        ${facts.timeZone}, ${facts.languages}, ${facts.fee}, ${facts.contactName}, ${facts.contactEmail}, '{ACADEMIA}',
        ${facts.registrationOpensAt}, ${facts.registrationClosesAt}, now())
      RETURNING "personalJoinLinks", "joinOpensMinutesBefore"`;
    expect(created).toEqual([{ personalJoinLinks: true, joinOpensMinutesBefore: 30 }]);
  });

  it("a pending registration's email carries no join link; the approval carries one that works", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true, approvalMode: "MANUAL" });
    const { registration, mail } = await register(meeting);
    expect(mail.kind).toBe("registration-received");
    expect(mail.textBody).not.toContain("/join/");
    expect(await test.db.joinLink.count()).toBe(0);
    await decideRegistrations(test.db, {
      meetingId: meeting.id,
      registrationIds: [registration.id],
      decision: "approve",
      actor,
      now: new Date(),
      appUrl: APP_URL,
    });
    const approval = await test.db.outboxEmail.findFirstOrThrow({ where: { kind: "registration-approved" } });
    expect(approval.textBody).not.toContain("s3cret-pass");
    const decision = await openJoinLink(test.db, { token: tokenIn(approval.textBody, "join"), now: duringWindow(meeting) });
    expect(decision.outcome).toBe("forward");
  });
});

describe("opening a personal join link", () => {
  it("before the window it says when it opens and forwards nowhere; nothing is recorded", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { registration, mail } = await register(meeting);
    const decision = await openJoinLink(test.db, { token: tokenIn(mail.textBody, "join"), now: beforeWindow(meeting) });
    expect(decision).toMatchObject({
      outcome: "wait",
      opensAt: new Date(meeting.startsAt.getTime() - 30 * MINUTE),
      startsAt: meeting.startsAt,
      meeting: { shortName: meeting.shortName, timeZone: "Europe/Zurich" },
    });
    expect(decision).not.toHaveProperty("url");
    expect(await countJoinLinkUses(test.db, registration.id)).toBe(0);
  });

  it("inside the window it forwards a confirmed registrant to the platform link and records the use", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { registration, mail } = await register(meeting);
    const token = tokenIn(mail.textBody, "join");
    expect(await openJoinLink(test.db, { token, now: duringWindow(meeting) })).toMatchObject({ outcome: "forward", url: PLATFORM_URL });
    expect(await openJoinLink(test.db, { token, now: new Date(meeting.endsAt.getTime() - 1) })).toMatchObject({ outcome: "forward" });
    expect(await countJoinLinkUses(test.db, registration.id)).toBe(2);
    const uses = await test.db.joinLinkUse.findMany({ orderBy: { usedAt: "asc" } });
    expect(uses.map((use) => use.usedAt)).toEqual([duringWindow(meeting), new Date(meeting.endsAt.getTime() - 1)]);
  });

  it("in a meeting with sessions it forwards only around a session, records which one, and counts each registrant once per session", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const hours = (count: number) => new Date(meeting.startsAt.getTime() + count * 60 * MINUTE);
    const first = await test.db.meetingSession.create({ data: { meetingId: meeting.id, startsAt: hours(0), endsAt: hours(3) } });
    const second = await test.db.meetingSession.create({ data: { meetingId: meeting.id, startsAt: hours(24), endsAt: hours(27) } });
    const alice = await register(meeting);
    const bob = await register(meeting);
    const aliceToken = tokenIn(alice.mail.textBody, "join");
    const bobToken = tokenIn(bob.mail.textBody, "join");

    expect(await openJoinLink(test.db, { token: aliceToken, now: hours(1) })).toMatchObject({ outcome: "forward", sessionId: first.id });
    expect(await openJoinLink(test.db, { token: aliceToken, now: hours(2) })).toMatchObject({ outcome: "forward", sessionId: first.id });
    // Between the sessions: wait for the second one, nothing recorded.
    expect(await openJoinLink(test.db, { token: bobToken, now: hours(4) })).toMatchObject({ outcome: "wait", startsAt: second.startsAt });
    expect(await openJoinLink(test.db, { token: bobToken, now: hours(24) })).toMatchObject({ outcome: "forward", sessionId: second.id });
    expect(await openJoinLink(test.db, { token: aliceToken, now: hours(25) })).toMatchObject({ outcome: "forward", sessionId: second.id });

    const uses = await test.db.joinLinkUse.findMany({ orderBy: { usedAt: "asc" }, select: { sessionId: true } });
    expect(uses.map((use) => use.sessionId)).toEqual([first.id, first.id, second.id, second.id]);
    expect(await attendancePerSession(test.db, meeting.id)).toEqual([
      { sessionId: first.id, startsAt: first.startsAt, endsAt: first.endsAt, attended: 1 },
      { sessionId: second.id, startsAt: second.startsAt, endsAt: second.endsAt, attended: 2 },
    ]);
  });

  it("a meeting without sessions is one session: its uses count under no session id", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { mail } = await register(meeting);
    await openJoinLink(test.db, { token: tokenIn(mail.textBody, "join"), now: duringWindow(meeting) });
    expect(await attendancePerSession(test.db, meeting.id)).toEqual([
      { sessionId: null, startsAt: meeting.startsAt, endsAt: meeting.endsAt, attended: 1 },
    ]);
  });

  it("opens as many minutes early as the meeting says", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true, joinOpensMinutesBefore: 90 });
    const { mail } = await register(meeting);
    const token = tokenIn(mail.textBody, "join");
    expect((await openJoinLink(test.db, { token, now: new Date(meeting.startsAt.getTime() - 60 * MINUTE) })).outcome).toBe("forward");
    expect((await openJoinLink(test.db, { token, now: new Date(meeting.startsAt.getTime() - 91 * MINUTE) })).outcome).toBe("wait");
  });

  it("after the meeting it says the meeting has ended and forwards nowhere", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { registration, mail } = await register(meeting);
    const decision = await openJoinLink(test.db, { token: tokenIn(mail.textBody, "join"), now: meeting.endsAt });
    expect(decision).toMatchObject({ outcome: "ended" });
    expect(await countJoinLinkUses(test.db, registration.id)).toBe(0);
  });

  it("after the registrant withdraws, the same link is refused inside the window", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { registration, mail } = await register(meeting);
    const token = tokenIn(mail.textBody, "join");
    expect((await openJoinLink(test.db, { token, now: duringWindow(meeting) })).outcome).toBe("forward");
    const withdrawn = await withdrawRegistration(test.db, { token: tokenIn(mail.textBody, "manage"), now: new Date(), appUrl: APP_URL });
    expect(withdrawn).toEqual({ ok: true });
    expect(await openJoinLink(test.db, { token, now: duringWindow(meeting) })).toEqual({ outcome: "refused" });
    expect(await countJoinLinkUses(test.db, registration.id)).toBe(1);
    // The withdrawal email carries no join link.
    const withdrawal = await test.db.outboxEmail.findFirstOrThrow({ where: { kind: "registration-withdrawn" } });
    expect(withdrawal.textBody).not.toContain("/join/");
  });

  it("after an organizer rejects the registration, its link is refused, before the window too", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { registration, mail } = await register(meeting);
    const token = tokenIn(mail.textBody, "join");
    const result = await decideRegistrations(test.db, {
      meetingId: meeting.id,
      registrationIds: [registration.id],
      decision: "reject",
      reason: "Not eligible",
      actor,
      now: new Date(),
      appUrl: APP_URL,
    });
    expect(result.changed).toBe(1);
    expect(await openJoinLink(test.db, { token, now: duringWindow(meeting) })).toEqual({ outcome: "refused" });
    expect(await openJoinLink(test.db, { token, now: beforeWindow(meeting) })).toEqual({ outcome: "refused" });
  });

  it("refuses a forged token, a malformed one, a manage token and a revoked link", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { registration, mail } = await register(meeting);
    const now = duringWindow(meeting);
    for (const token of [generateSecretToken(), "not-a-token", `${tokenIn(mail.textBody, "join")}x`, tokenIn(mail.textBody, "manage")])
      expect(await openJoinLink(test.db, { token, now })).toEqual({ outcome: "refused" });
    const token = tokenIn(mail.textBody, "join");
    expect((await openJoinLink(test.db, { token, now })).outcome).toBe("forward");
    expect(await revokeJoinLinks(test.db, { registrationId: registration.id, now })).toBe(1);
    expect(await openJoinLink(test.db, { token, now })).toEqual({ outcome: "refused" });
  });

  it("a token issued for another meeting leads to that meeting's platform only, never to this one's", async () => {
    const ours = await createMeeting(test.db, { personalJoinLinks: true, connectionJoinUrl: "https://meet.example.org/j/ours" });
    const theirs = await createMeeting(test.db, {
      personalJoinLinks: true,
      connectionJoinUrl: "https://meet.example.org/j/theirs",
      startsAt: ours.startsAt,
      endsAt: ours.endsAt,
    });
    const { mail } = await register(theirs);
    const decision = await openJoinLink(test.db, { token: tokenIn(mail.textBody, "join"), now: duringWindow(ours) });
    expect(decision).toMatchObject({ outcome: "forward", url: "https://meet.example.org/j/theirs" });
  });

  it("a link whose registration was erased is refused", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { registration, mail } = await register(meeting);
    await test.db.registration.update({ where: { id: registration.id }, data: { erasedAt: new Date() } });
    expect(await openJoinLink(test.db, { token: tokenIn(mail.textBody, "join"), now: duringWindow(meeting) })).toEqual({
      outcome: "refused",
    });
  });
});

describe("later emails", () => {
  it("a resent confirmation carries a new join link, and the earlier one keeps working", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const { registration, mail } = await register(meeting);
    const later = new Date(Date.now() + 10 * MINUTE);
    const resent = await resendConfirmation(test.db, {
      registrationId: registration.id,
      now: later,
      appUrl: APP_URL,
      actor: { kind: "registrant" },
    });
    expect(resent).toEqual({ ok: true, queued: true });
    const confirmations = await test.db.outboxEmail.findMany({
      where: { registrationId: registration.id, kind: "registration-confirmed" },
    });
    expect(confirmations).toHaveLength(2);
    const second = confirmations.find((email) => email.id !== mail.id);
    if (!second) throw new Error("no second confirmation");
    const [first, next] = [tokenIn(mail.textBody, "join"), tokenIn(second.textBody, "join")];
    expect(next).not.toBe(first);
    for (const token of [first, next]) expect((await openJoinLink(test.db, { token, now: duringWindow(meeting) })).outcome).toBe("forward");
  });

  it("new connection instructions go out with a join link per confirmed registrant, stored with the batch, and no passcode", async () => {
    const meeting = await createMeeting(test.db, { personalJoinLinks: true });
    const people = [await register(meeting), await register(meeting), await register(meeting)];
    const withdrawnToken = tokenIn(people[2]?.mail.textBody ?? "", "manage");
    await withdrawRegistration(test.db, { token: withdrawnToken, now: new Date(), appUrl: APP_URL });
    const now = new Date(Date.now() + MINUTE);
    await updateConnectionInstructions(test.db, {
      meetingId: meeting.id,
      input: {
        connectionJoinUrl: "https://meet.example.org/j/new",
        connectionMeetingId: "999",
        connectionPasscode: "new-passcode",
        connectionDialIn: "+41 22 999 99 99",
        connectionNotes: null,
      },
      notify: true,
      actor,
      now,
      appUrl: APP_URL,
    });
    expect(await expandNoticeJobs(test.db, { now, batchSize: 10 })).toBe(2);
    const updates = await test.db.outboxEmail.findMany({ where: { kind: "connection-updated" } });
    expect(updates).toHaveLength(2);
    for (const update of updates) {
      expect(update.textBody).not.toContain("new-passcode");
      expect(update.textBody).not.toContain("https://meet.example.org/j/new");
      expect(update.textBody).toContain("+41 22 999 99 99");
      const token = tokenIn(update.textBody, "join");
      const link = await test.db.joinLink.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
      expect(link.registrationId).toBe(update.registrationId);
      expect(await openJoinLink(test.db, { token, now: duringWindow(meeting) })).toMatchObject({
        outcome: "forward",
        url: "https://meet.example.org/j/new",
      });
    }
    // The link from the first email now leads to the new platform link too.
    const firstToken = tokenIn(people[0]?.mail.textBody ?? "", "join");
    expect(await openJoinLink(test.db, { token: firstToken, now: duringWindow(meeting) })).toMatchObject({
      url: "https://meet.example.org/j/new",
    });
    expect(await test.db.joinLink.count()).toBe(3 + 2);
  });
});
