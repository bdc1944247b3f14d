// Focal-point approval (issue #12) on real PostgreSQL: routing a registration to the focal points
// of its scope, their decision links (reading decides nothing; expiry, reuse, another focal
// point's link, tampering), two decisions at once, the organizers after them, and re-routing
// when the registrant changes what the focal point judged.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ParticipantCategory } from "@/generated/prisma/client.ts";
import { decideByLink, openDecisionLink } from "@/lib/focal-points/decisions.ts";
import { openListLink, openRequestFromList, requestListLink } from "@/lib/focal-points/list-links.ts";
import type { MeetingInput } from "@/lib/meetings/schema.ts";
import { updateMeeting } from "@/lib/meetings/service.ts";
import { followUpFocalPointRequests } from "@/lib/notices/focal-point-requests.ts";
import { decideRegistrations } from "@/lib/registrants/service.ts";
import { registerForMeeting, updateRegistrationDetails } from "@/lib/registration/service.ts";
import { hashToken } from "@/lib/security/tokens.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";

const APP_URL = "https://register.example.org";
const DAY = 24 * 60 * 60 * 1000;
const now = new Date();
const organizer = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };
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

type Role = "PRIMARY" | "BACKUP";
async function addFocalPoint(options: {
  email: string;
  scope: { memberState: string } | { organization: string };
  role?: Role;
  locale?: string;
  meetingIds?: string[];
}) {
  const scopeKey = "memberState" in options.scope ? `ms:${options.scope.memberState}` : `org:${options.scope.organization.toLowerCase()}`;
  return test.db.focalPoint.create({
    data: {
      email: options.email,
      name: `Focal ${options.email.split("@")[0]}`,
      memberState: "memberState" in options.scope ? options.scope.memberState : null,
      organization: "organization" in options.scope ? options.scope.organization : null,
      scopeKey,
      role: options.role ?? "PRIMARY",
      locale: options.locale ?? "en",
      allMeetings: !options.meetingIds,
      meetings: options.meetingIds ? { create: options.meetingIds.map((meetingId) => ({ meetingId })) } : undefined,
    },
  });
}

const focalPointMeeting = (overrides: Parameters<typeof createMeeting>[1] = {}) =>
  createMeeting(test.db, { approvalMode: "FOCAL_POINT", ...overrides }, now);

/** A delegate of Kenya's administration, or of Safaricom for the organization categories. */
function applicant(category: ParticipantCategory, overrides: Partial<ReturnType<typeof buildRegistrationInput>> = {}) {
  return buildRegistrationInput({
    category,
    memberState: category === "MEMBER_STATE" ? "KE" : undefined,
    organization: category === "INDIVIDUAL" ? undefined : category === "MEMBER_STATE" ? "Ministry of ICT" : "Safaricom PLC",
    country: "KE",
    ...overrides,
  });
}

async function register(slug: string, input: ReturnType<typeof buildRegistrationInput>, at = now) {
  const result = await registerForMeeting(test.db, { slug, input, submissionKey: null, locale: "en", now: at, appUrl: APP_URL });
  if (!result.ok) throw new Error(`not registered: ${result.reason}`);
  return test.db.registration.findUniqueOrThrow({ where: { id: result.registrationId } });
}

const emailsTo = (toAddress: string) => test.db.outboxEmail.findMany({ where: { toAddress }, orderBy: { createdAt: "asc" } });

/** The decision link's token, as the focal point's email carries it. */
async function decisionToken(focalPointEmail: string, index = -1): Promise<string> {
  const emails = (await emailsTo(focalPointEmail)).filter((email) => email.kind === "focal-point-request");
  const match = emails.at(index)?.textBody.match(/\/fp\/([A-Za-z0-9_-]{43})/);
  if (!match?.[1]) throw new Error(`no decision link emailed to ${focalPointEmail}`);
  return match[1];
}

async function manageToken(registrantEmail: string): Promise<string> {
  const [email] = await emailsTo(registrantEmail);
  const match = email?.textBody.match(/\/manage\/([A-Za-z0-9_-]{43})/);
  if (!match?.[1]) throw new Error("no manage link");
  return match[1];
}

const decide = (token: string, choice: Parameters<typeof decideByLink>[1]["choice"], at = now) =>
  decideByLink(test.db, { token, choice, now: at, appUrl: APP_URL });

describe("routing a new registration on a focal-point meeting", () => {
  const SCOPED: ParticipantCategory[] = ["MEMBER_STATE", "SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA"];
  const scopeOf = (category: ParticipantCategory) => (category === "MEMBER_STATE" ? { memberState: "KE" } : { organization: "Safaricom" });

  it.each(SCOPED.flatMap((category) => [[category, "primary and backup"] as const, [category, "backup only"] as const]))(
    "%s with %s in scope → awaiting focal point; each focal point gets one email with a link, the registrant the 'sent to your focal point' email",
    async (category, present) => {
      const meeting = await focalPointMeeting();
      if (present === "primary and backup") await addFocalPoint({ email: "primary@fp.example", scope: scopeOf(category) });
      await addFocalPoint({ email: "backup@fp.example", scope: scopeOf(category), role: "BACKUP" });
      const input = applicant(category);
      const registration = await register(meeting.slug, input);
      expect(registration.status).toBe("AWAITING_FOCAL_POINT");
      const asked = present === "primary and backup" ? ["backup@fp.example", "primary@fp.example"] : ["backup@fp.example"];
      const requests = await test.db.outboxEmail.findMany({ where: { kind: "focal-point-request" }, orderBy: { toAddress: "asc" } });
      expect(requests.map((email) => email.toAddress)).toEqual(asked);
      for (const email of requests) {
        expect(email.registrationId).toBe(registration.id);
        expect(email.textBody).toContain(input.email);
        expect(email.textBody).toContain("Ada Lovelace");
      }
      expect(await test.db.focalPointDecisionLink.count({ where: { registrationId: registration.id } })).toBe(asked.length);
      expect((await emailsTo(input.email)).map((email) => email.kind)).toEqual(["registration-awaiting-focal-point"]);
    },
  );

  it.each([...SCOPED, "INDIVIDUAL" as const])(
    "%s with no focal point in scope → the organizers' queue (pending), no focal-point email",
    async (category) => {
      const meeting = await focalPointMeeting();
      // Focal points of another Member State and another organization only.
      await addFocalPoint({ email: "dfp@gov.ug", scope: { memberState: "UG" } });
      await addFocalPoint({ email: "fp@mtn.example", scope: { organization: "MTN Group" } });
      const registration = await register(meeting.slug, applicant(category));
      expect(registration.status).toBe("PENDING");
      expect(await test.db.outboxEmail.count({ where: { kind: "focal-point-request" } })).toBe(0);
      expect((await emailsTo(registration.email)).map((email) => email.kind)).toEqual(["registration-received"]);
    },
  );

  it("an individual goes to the organizers even when focal points exist for their country", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    const registration = await register(meeting.slug, applicant("INDIVIDUAL"));
    expect(registration.status).toBe("PENDING");
    expect(await test.db.outboxEmail.count({ where: { kind: "focal-point-request" } })).toBe(0);
  });

  it("a focal point acting for another meeting only is not asked; one acting for this meeting is", async () => {
    const meeting = await focalPointMeeting();
    const other = await focalPointMeeting();
    await addFocalPoint({ email: "other@ict.go.ke", scope: { memberState: "KE" }, meetingIds: [other.id] });
    expect((await register(meeting.slug, applicant("MEMBER_STATE"))).status).toBe("PENDING");
    await addFocalPoint({ email: "this@ict.go.ke", scope: { memberState: "KE" }, meetingIds: [meeting.id] });
    expect((await register(meeting.slug, applicant("MEMBER_STATE"))).status).toBe("AWAITING_FOCAL_POINT");
    expect((await test.db.outboxEmail.findMany({ where: { kind: "focal-point-request" } })).map((email) => email.toAddress)).toEqual([
      "this@ict.go.ke",
    ]);
  });

  it("the focal point's email is in their language", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" }, locale: "fr" });
    await register(meeting.slug, applicant("MEMBER_STATE"));
    const [email] = await emailsTo("dfp@ict.go.ke");
    expect(email?.subject).toMatch(/^À approuver ou refuser/);
    expect(email?.textBody).toContain("?lang=fr");
  });

  it("a focal point's own registration in their own scope is approved by focal point at once (no email to ask anyone)", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    await addFocalPoint({ email: "backup@ict.go.ke", scope: { memberState: "KE" }, role: "BACKUP" });
    const registration = await register(meeting.slug, applicant("MEMBER_STATE", { email: "dfp@ict.go.ke" }));
    expect(registration).toMatchObject({
      status: "APPROVED_BY_FOCAL_POINT",
      focalPointDecidedBy: "dfp@ict.go.ke",
      focalPointDecision: "approved",
    });
    expect(await test.db.outboxEmail.count({ where: { kind: "focal-point-request" } })).toBe(0);
  });

  it("with 'confirm focal-point approvals at once', a focal point's own registration is confirmed", async () => {
    const meeting = await focalPointMeeting({ confirmFocalPointApprovals: true });
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    const registration = await register(meeting.slug, applicant("MEMBER_STATE", { email: "dfp@ict.go.ke" }));
    expect(registration.status).toBe("CONFIRMED");
    expect((await emailsTo("dfp@ict.go.ke")).map((email) => email.kind)).toEqual(["registration-confirmed"]);
  });

  it.each([
    ["AUTOMATIC", "CONFIRMED"],
    ["MANUAL", "PENDING"],
  ] as const)("in %s mode focal points are never asked (→ %s)", async (approvalMode, status) => {
    const meeting = await createMeeting(test.db, { approvalMode }, now);
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    expect((await register(meeting.slug, applicant("MEMBER_STATE"))).status).toBe(status);
    expect(await test.db.outboxEmail.count({ where: { kind: "focal-point-request" } })).toBe(0);
  });
});

describe("a focal point's decision link", () => {
  async function awaiting(meetingOverrides: Parameters<typeof createMeeting>[1] = {}) {
    const meeting = await focalPointMeeting(meetingOverrides);
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    await addFocalPoint({ email: "backup@ict.go.ke", scope: { memberState: "KE" }, role: "BACKUP" });
    const registration = await register(meeting.slug, applicant("MEMBER_STATE"));
    return { meeting, registration, primary: await decisionToken("dfp@ict.go.ke"), backup: await decisionToken("backup@ict.go.ke") };
  }
  const snapshot = async (registrationId: string) => ({
    registration: await test.db.registration.findUniqueOrThrow({ where: { id: registrationId } }),
    links: await test.db.focalPointDecisionLink.findMany({ orderBy: { tokenHash: "asc" } }),
    emails: await test.db.outboxEmail.count(),
  });

  it("is stored only as a SHA-256 hash, and expires after 14 days when the meeting ends later", async () => {
    const { primary } = await awaiting();
    const link = await test.db.focalPointDecisionLink.findUniqueOrThrow({ where: { tokenHash: hashToken(primary) } });
    expect(JSON.stringify(await test.db.focalPointDecisionLink.findMany())).not.toContain(primary);
    expect(link.expiresAt.getTime()).toBe(now.getTime() + 14 * DAY);
  });

  it("expires at the meeting's end when that comes before 14 days", async () => {
    const endsAt = new Date(now.getTime() + 5 * DAY);
    const { primary } = await awaiting({
      startsAt: new Date(now.getTime() + 4 * DAY),
      endsAt,
      registrationClosesAt: new Date(now.getTime() + 3 * DAY),
    });
    expect((await test.db.focalPointDecisionLink.findUniqueOrThrow({ where: { tokenHash: hashToken(primary) } })).expiresAt).toEqual(
      endsAt,
    );
  });

  it("opening it (what GET and HEAD do) shows the request and changes nothing, however often", async () => {
    const { registration, primary } = await awaiting();
    const before = await snapshot(registration.id);
    for (let index = 0; index < 3; index++) {
      const view = await openDecisionLink(test.db, { token: primary, now });
      expect(view.ok).toBe(true);
      expect(view.request?.registration.email).toBe(registration.email);
      expect(view.request?.focalPoint.email).toBe("dfp@ict.go.ke");
    }
    expect(await snapshot(registration.id)).toEqual(before);
  });

  it("approving moves it to the organizers' queue, tells the registrant, spends the link and is audited with the focal point's address", async () => {
    const { registration, primary } = await awaiting();
    expect(await decide(primary, { decision: "approve" })).toEqual({ ok: true, decision: "approve", status: "APPROVED_BY_FOCAL_POINT" });
    const after = await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } });
    expect(after).toMatchObject({
      status: "APPROVED_BY_FOCAL_POINT",
      focalPointDecidedBy: "dfp@ict.go.ke",
      focalPointDecision: "approved",
      decidedAt: null,
    });
    expect(after.focalPointDecidedAt).toEqual(now);
    expect((await emailsTo(registration.email)).map((email) => email.kind)).toEqual([
      "registration-awaiting-focal-point",
      "registration-focal-point-approved",
    ]);
    expect((await test.db.focalPointDecisionLink.findUniqueOrThrow({ where: { tokenHash: hashToken(primary) } })).usedAt).toEqual(now);
    const audit = await test.db.auditEntry.findFirstOrThrow({
      where: { entityId: registration.id, action: "registration.focal-point-approved" },
    });
    expect(audit).toMatchObject({ actorLabel: "dfp@ict.go.ke", actorUserId: null });
  });

  it("approving confirms at once when the meeting says so: the registrant gets the approval with the connection instructions", async () => {
    const { registration, primary } = await awaiting({ confirmFocalPointApprovals: true });
    expect(await decide(primary, { decision: "approve" })).toMatchObject({ ok: true, status: "CONFIRMED" });
    const approval = (await emailsTo(registration.email)).at(-1);
    expect(approval?.kind).toBe("registration-approved");
    expect(approval?.textBody).toContain("https://meet.example.org/j/123");
  });

  it("rejecting with a reason rejects it and sends the reason to the registrant", async () => {
    const { registration, backup } = await awaiting();
    expect(await decide(backup, { decision: "reject", reason: "Not a member of our delegation." })).toMatchObject({
      ok: true,
      status: "REJECTED",
    });
    const after = await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } });
    expect(after).toMatchObject({ status: "REJECTED", decisionReason: "Not a member of our delegation.", focalPointDecision: "rejected" });
    const rejection = (await emailsTo(registration.email)).at(-1);
    expect(rejection?.kind).toBe("registration-rejected");
    expect(rejection?.textBody).toContain("Not a member of our delegation.");
  });

  it("used again decides nothing more and says it was used", async () => {
    const { registration, primary } = await awaiting();
    await decide(primary, { decision: "approve" });
    const before = await snapshot(registration.id);
    expect(await decide(primary, { decision: "reject" })).toMatchObject({ ok: false, reason: "used" });
    expect((await openDecisionLink(test.db, { token: primary, now })).ok).toBe(false);
    const after = await snapshot(registration.id);
    expect(after.registration).toEqual(before.registration);
    expect(after.emails).toBe(before.emails);
    expect(await test.db.auditEntry.count({ where: { action: "registration.focal-point-link-refused" } })).toBe(1);
  });

  it("another focal point's link, once the first decided, decides nothing and says who decided", async () => {
    const { registration, primary, backup } = await awaiting();
    await decide(primary, { decision: "approve" });
    const before = await snapshot(registration.id);
    const refused = await decide(backup, { decision: "reject" });
    expect(refused).toMatchObject({ ok: false, reason: "not-waiting" });
    expect(refused.ok ? null : refused.request?.registration.focalPointDecidedBy).toBe("dfp@ict.go.ke");
    expect((await snapshot(registration.id)).registration).toEqual(before.registration);
    expect((await snapshot(registration.id)).emails).toBe(before.emails);
  });

  it("is bound to its registration: a link of one registration never decides another", async () => {
    const { meeting, registration, primary } = await awaiting();
    const second = await register(meeting.slug, applicant("MEMBER_STATE"));
    await decide(primary, { decision: "approve" });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("AWAITING_FOCAL_POINT");
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("APPROVED_BY_FOCAL_POINT");
  });

  it("expired (at its expiry instant) decides nothing, shows nothing of the registrant and says it expired; the instant before, it works", async () => {
    const { registration, primary, backup } = await awaiting();
    const link = await test.db.focalPointDecisionLink.findUniqueOrThrow({ where: { tokenHash: hashToken(primary) } });
    const before = await snapshot(registration.id);
    expect(await decide(primary, { decision: "approve" }, link.expiresAt)).toMatchObject({ ok: false, reason: "expired" });
    expect((await snapshot(registration.id)).registration).toEqual(before.registration);
    // Opened once expired, it shows nothing of the registrant any more.
    expect(await openDecisionLink(test.db, { token: primary, now: link.expiresAt })).toEqual({ ok: false, reason: "expired" });
    expect(await decide(backup, { decision: "approve" }, new Date(link.expiresAt.getTime() - 1))).toMatchObject({ ok: true });
  });

  it.each([
    ["one character changed", (token: string) => `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`],
    ["cut short", (token: string) => token.slice(0, 20)],
    ["with something added", (token: string) => `${token}x`],
    ["made up", () => "A".repeat(43)],
  ])("tampered (%s) decides nothing and says the link is not known", async (_label, tamper) => {
    const { registration, primary } = await awaiting();
    const before = await snapshot(registration.id);
    expect(await decide(tamper(primary), { decision: "approve" })).toEqual({ ok: false, reason: "invalid" });
    expect(await openDecisionLink(test.db, { token: tamper(primary), now })).toEqual({ ok: false, reason: "invalid" });
    expect(await snapshot(registration.id)).toEqual(before);
  });

  it("of a focal point who no longer acts for the scope decides nothing", async () => {
    const { registration, primary } = await awaiting();
    await test.db.focalPoint.update({
      where: { scopeKey_email: { scopeKey: "ms:KE", email: "dfp@ict.go.ke" } },
      data: { scopeKey: "ms:UG", memberState: "UG" },
    });
    expect(await decide(primary, { decision: "approve" })).toMatchObject({ ok: false, reason: "out-of-scope" });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("AWAITING_FOCAL_POINT");
  });

  it("two focal points deciding at once give one decision; the other is told it was decided", async () => {
    for (let round = 0; round < 5; round++) {
      await test.reset();
      const { registration, primary, backup } = await awaiting();
      const results = await Promise.all([decide(primary, { decision: "approve" }), decide(backup, { decision: "reject" })]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok)).toEqual([expect.objectContaining({ ok: false, reason: "not-waiting" })]);
      const decisionEmails = (await emailsTo(registration.email)).filter((email) => email.kind !== "registration-awaiting-focal-point");
      expect(decisionEmails).toHaveLength(1);
      expect(await test.db.focalPointDecisionLink.count({ where: { usedAt: { not: null } } })).toBe(1);
    }
  });
});

describe("the organizers after the focal points", () => {
  it("approve from 'approved by focal point' as from pending: confirmed, with the approval email", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    const registration = await register(meeting.slug, applicant("MEMBER_STATE"));
    await decide(await decisionToken("dfp@ict.go.ke"), { decision: "approve" });
    expect(
      await decideRegistrations(test.db, {
        meetingId: meeting.id,
        registrationIds: [registration.id],
        decision: "approve",
        actor: organizer,
        now,
        appUrl: APP_URL,
      }),
    ).toEqual({ changed: 1, skipped: 0 });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("CONFIRMED");
    expect((await emailsTo(registration.email)).at(-1)?.kind).toBe("registration-approved");
  });

  it("a registration made before the deadline keeps its place: the focal point and then the organizers approve it after registration closed", async () => {
    const meeting = await focalPointMeeting({ registrationClosesAt: new Date(now.getTime() + DAY), capacity: 1 });
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    const registration = await register(meeting.slug, applicant("MEMBER_STATE"));
    const afterDeadline = new Date(now.getTime() + 2 * DAY);
    expect(await decide(await decisionToken("dfp@ict.go.ke"), { decision: "approve" }, afterDeadline)).toEqual({
      ok: true,
      decision: "approve",
      status: "APPROVED_BY_FOCAL_POINT",
    });
    expect(
      await decideRegistrations(test.db, {
        meetingId: meeting.id,
        registrationIds: [registration.id],
        decision: "approve",
        actor: organizer,
        now: afterDeadline,
        appUrl: APP_URL,
      }),
    ).toEqual({ changed: 1, skipped: 0 });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("CONFIRMED");
    expect((await emailsTo(registration.email)).at(-1)?.kind).toBe("registration-approved");
  });

  it("may decide before the focal point has; the focal point's link then decides nothing", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    const registration = await register(meeting.slug, applicant("MEMBER_STATE"));
    await decideRegistrations(test.db, {
      meetingId: meeting.id,
      registrationIds: [registration.id],
      decision: "approve",
      actor: organizer,
      now,
      appUrl: APP_URL,
    });
    expect(await decide(await decisionToken("dfp@ict.go.ke"), { decision: "reject" })).toMatchObject({ ok: false, reason: "not-waiting" });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("CONFIRMED");
  });
});

describe("re-routing when the registrant changes what the focal point judged", () => {
  const update = async (token: string, input: ReturnType<typeof buildRegistrationInput>) =>
    updateRegistrationDetails(test.db, { token, input, now: new Date(now.getTime() + 60_000), appUrl: APP_URL });

  it("a change of Member State sends it to the new Member State's focal point; the old link stops working", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    await addFocalPoint({ email: "dfp@ucc.go.ug", scope: { memberState: "UG" } });
    const input = applicant("MEMBER_STATE");
    const registration = await register(meeting.slug, input);
    const oldLink = await decisionToken("dfp@ict.go.ke");
    expect(await update(await manageToken(input.email), { ...input, memberState: "UG" })).toEqual({ ok: true, sentBack: true });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("AWAITING_FOCAL_POINT");
    expect(await decide(oldLink, { decision: "approve" }, new Date(now.getTime() + 120_000))).toMatchObject({
      ok: false,
      reason: "expired",
    });
    expect(await decide(await decisionToken("dfp@ucc.go.ug"), { decision: "approve" }, new Date(now.getTime() + 120_000))).toMatchObject({
      ok: true,
    });
  });

  it("a registration approved by a focal point and then confirmed goes back to a focal point when the organization changes", async () => {
    const meeting = await focalPointMeeting({ confirmFocalPointApprovals: true });
    await addFocalPoint({ email: "fp@safaricom.example", scope: { organization: "Safaricom" } });
    await addFocalPoint({ email: "fp@airtel.example", scope: { organization: "Airtel Kenya" } });
    const input = applicant("SECTOR_MEMBER");
    const registration = await register(meeting.slug, input);
    await decide(await decisionToken("fp@safaricom.example"), { decision: "approve" });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("CONFIRMED");
    expect(await update(await manageToken(input.email), { ...input, organization: "Airtel Kenya Ltd" })).toEqual({
      ok: true,
      sentBack: true,
    });
    const after = await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } });
    expect(after).toMatchObject({ status: "AWAITING_FOCAL_POINT", focalPointDecidedBy: null, focalPointDecision: null, decidedAt: null });
    expect((await emailsTo("fp@airtel.example")).map((email) => email.kind)).toEqual(["focal-point-request"]);
    expect((await emailsTo(input.email)).at(-1)?.kind).toBe("registration-awaiting-focal-point");
  });

  it("a change to an organization with no focal point sends it to the organizers", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "fp@safaricom.example", scope: { organization: "Safaricom" } });
    const input = applicant("SECTOR_MEMBER");
    const registration = await register(meeting.slug, input);
    expect(await update(await manageToken(input.email), { ...input, organization: "Unknown Telecom" })).toEqual({
      ok: true,
      sentBack: true,
    });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("PENDING");
    expect((await emailsTo(input.email)).at(-1)?.kind).toBe("registration-sent-back");
  });

  it("a change of job title only re-routes nothing", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    const input = applicant("MEMBER_STATE");
    const registration = await register(meeting.slug, input);
    expect(await update(await manageToken(input.email), { ...input, jobTitle: "Director" })).toEqual({ ok: true });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("AWAITING_FOCAL_POINT");
    expect((await emailsTo("dfp@ict.go.ke")).length).toBe(1);
  });
});

describe("changing a meeting's approval mode", () => {
  it("changes no registration: one waiting for a focal point and one approved by a focal point keep their status, and the waiting one's link still decides", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    const waiting = await register(meeting.slug, applicant("MEMBER_STATE"));
    const approved = await register(meeting.slug, applicant("MEMBER_STATE"));
    await decide(await decisionToken("dfp@ict.go.ke"), { decision: "approve" });
    const statuses = async () =>
      Object.fromEntries((await test.db.registration.findMany({ select: { id: true, status: true } })).map((row) => [row.id, row.status]));
    const before = await statuses();
    expect(before).toEqual({ [waiting.id]: "AWAITING_FOCAL_POINT", [approved.id]: "APPROVED_BY_FOCAL_POINT" });
    const { id: _id, createdAt: _c, updatedAt: _u, ...facts } = meeting;
    for (const approvalMode of ["AUTOMATIC", "MANUAL"] as const) {
      const input = { ...facts, approvalMode } as unknown as MeetingInput;
      await updateMeeting(test.db, { meetingId: meeting.id, input, actor: organizer, now, appUrl: APP_URL });
      expect((await test.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).approvalMode).toBe(approvalMode);
      expect(await statuses()).toEqual(before);
    }
    // The waiting one's link still decides, whatever the mode now is.
    expect(await decide(await decisionToken("dfp@ict.go.ke", 0), { decision: "approve" })).toMatchObject({ ok: true });
  });
});

describe("a focal point's list of waiting requests, by a link emailed on request", () => {
  const ask = (email: string, at = now) => requestListLink(test.db, { email, now: at, appUrl: APP_URL });
  async function listToken(email: string): Promise<string> {
    const mail = (await emailsTo(email)).filter((row) => row.kind === "focal-point-list-link").at(-1);
    const match = mail?.textBody.match(/\/fp\/list\/([A-Za-z0-9_-]{43})/);
    if (!match?.[1]) throw new Error("no list link");
    return match[1];
  }

  it("sends nothing, and stores nothing, for an address that is no focal point's", async () => {
    await ask("stranger@example.org");
    expect(await test.db.focalPointListLink.count()).toBe(0);
    expect(await test.db.outboxEmail.count()).toBe(0);
  });

  it("emails a focal point one link (stored as a hash), at most three an hour", async () => {
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" }, locale: "fr" });
    for (let index = 0; index < 5; index++) await ask("dfp@ict.go.ke", new Date(now.getTime() + index * 1000));
    const mails = await emailsTo("dfp@ict.go.ke");
    expect(mails.map((mail) => mail.kind)).toEqual(["focal-point-list-link", "focal-point-list-link", "focal-point-list-link"]);
    expect(mails[0]?.subject).toBe("Votre liste d’inscriptions à approuver");
    const token = await listToken("dfp@ict.go.ke");
    expect(await test.db.focalPointListLink.findUnique({ where: { tokenHash: hashToken(token) } })).not.toBeNull();
    expect(JSON.stringify(await test.db.focalPointListLink.findMany())).not.toContain(token);
  });

  it("lists every registration waiting in their scopes across meetings, and nothing else; expires after an hour", async () => {
    const first = await focalPointMeeting();
    const second = await focalPointMeeting();
    const restricted = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { organization: "Safaricom" }, meetingIds: [first.id] });
    await addFocalPoint({ email: "dfp@ucc.go.ug", scope: { memberState: "UG" } });
    const kenya1 = await register(first.slug, applicant("MEMBER_STATE"));
    const kenya2 = await register(second.slug, applicant("MEMBER_STATE"));
    const safaricom = await register(first.slug, applicant("SECTOR_MEMBER"));
    // Safaricom in a meeting the focal point does not act for, and Uganda: not theirs.
    await register(second.slug, applicant("SECTOR_MEMBER"));
    await register(restricted.slug, applicant("MEMBER_STATE", { memberState: "UG" }));
    const decided = await register(second.slug, applicant("MEMBER_STATE"));
    await decide(await decisionToken("dfp@ict.go.ke"), { decision: "approve" });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: decided.id } })).status).toBe("APPROVED_BY_FOCAL_POINT");

    await ask("dfp@ict.go.ke");
    const token = await listToken("dfp@ict.go.ke");
    const listed = await openListLink(test.db, { token, now });
    expect(listed?.map((row) => row.id).sort()).toEqual([kenya1.id, kenya2.id, safaricom.id].sort());
    expect(await openListLink(test.db, { token, now: new Date(now.getTime() + 60 * 60 * 1000) })).toBeNull();
    expect(await openListLink(test.db, { token: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, now })).toBeNull();
  });

  it("lists a focal point's request even when more than 5,000 older ones of other organizations wait", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@safaricom.co.ke", scope: { organization: "Safaricom" } });
    const older = new Date(now.getTime() - 24 * 60 * 60 * 1000);
    await test.db.registration.createMany({
      data: Array.from({ length: 5001 }, (_, index) => ({
        meetingId: meeting.id,
        email: `waiting-${index}@other.example`,
        reference: `Q-OTHER-${String(index).padStart(5, "0")}`,
        givenName: "Other",
        familyName: `Waiting ${index}`,
        organization: `Other Operator ${index % 7}`,
        country: "FR",
        category: "SECTOR_MEMBER" as const,
        status: "AWAITING_FOCAL_POINT" as const,
        locale: "en",
        privacyAcceptedAt: older,
        createdAt: new Date(older.getTime() + index),
      })),
    });
    const safaricom = await register(meeting.slug, applicant("SECTOR_MEMBER"));
    await ask("dfp@safaricom.co.ke");
    const listed = await openListLink(test.db, { token: await listToken("dfp@safaricom.co.ke"), now });
    expect(listed?.map((row) => row.id)).toEqual([safaricom.id]);
  });

  it("opens a listed request through a new decision link, valid no longer than the list link, that decides it; a request outside their scope opens nothing", async () => {
    const meeting = await focalPointMeeting();
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    await addFocalPoint({ email: "dfp@ucc.go.ug", scope: { memberState: "UG" } });
    const kenya = await register(meeting.slug, applicant("MEMBER_STATE"));
    const uganda = await register(meeting.slug, applicant("MEMBER_STATE", { memberState: "UG" }));
    await ask("dfp@ict.go.ke");
    const token = await listToken("dfp@ict.go.ke");
    expect(await openRequestFromList(test.db, { token, registrationId: uganda.id, now })).toBeNull();
    const decisionLink = await openRequestFromList(test.db, { token, registrationId: kenya.id, now });
    expect(decisionLink).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // It grants no longer than the list link it was opened from.
    const listLink = await test.db.focalPointListLink.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    const opened = await test.db.focalPointDecisionLink.findUniqueOrThrow({ where: { tokenHash: hashToken(decisionLink ?? "") } });
    expect(opened.expiresAt).toEqual(listLink.expiresAt);
    expect(await decide(decisionLink ?? "", { decision: "approve" })).toMatchObject({ ok: true, status: "APPROVED_BY_FOCAL_POINT" });
    expect(await openRequestFromList(test.db, { token, registrationId: kenya.id, now })).toBeNull();
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: uganda.id } })).status).toBe("AWAITING_FOCAL_POINT");
  });
});

describe("reminders and escalation on a fake clock", () => {
  const HOUR = 60 * 60 * 1000;
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
  const followUp = (hours: number) => followUpFocalPointRequests(test.db, { now: at(hours), appUrl: APP_URL });
  const kinds = async (email: string) => (await emailsTo(email)).map((row) => row.kind);

  async function waitingKenyan(meetingOverrides: Parameters<typeof createMeeting>[1] = {}) {
    const meeting = await focalPointMeeting(meetingOverrides);
    await addFocalPoint({ email: "dfp@ict.go.ke", scope: { memberState: "KE" } });
    await addFocalPoint({ email: "backup@ict.go.ke", scope: { memberState: "KE" }, role: "BACKUP" });
    return register(meeting.slug, applicant("MEMBER_STATE"));
  }

  it("reminds each focal point once after 2 days, however many rounds and workers, with a link that decides", async () => {
    const registration = await waitingKenyan();
    expect(await followUp(47.9)).toBe(0);
    expect(await kinds("dfp@ict.go.ke")).toEqual(["focal-point-request"]);
    const rounds = await Promise.all([followUp(48), followUp(48), followUp(48.5)]);
    expect(rounds.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(await followUp(60)).toBe(0);
    for (const email of ["dfp@ict.go.ke", "backup@ict.go.ke"])
      expect(await kinds(email)).toEqual(["focal-point-request", "focal-point-reminder"]);
    const reminder = (await emailsTo("dfp@ict.go.ke")).at(-1);
    expect(reminder?.subject).toMatch(/^Reminder: please approve or reject/);
    expect(await test.db.auditEntry.count({ where: { entityId: registration.id, action: "registration.focal-points-reminded" } })).toBe(1);
    expect(await decide(await decisionToken("dfp@ict.go.ke"), { decision: "approve" }, at(61))).toMatchObject({ ok: true });
  });

  it("sends the request to the organizers after 4 days, once; the focal points' links then decide nothing", async () => {
    const registration = await waitingKenyan();
    await followUp(48);
    expect(await followUp(95.9)).toBe(0);
    expect((await Promise.all([followUp(96), followUp(96)])).reduce((sum, count) => sum + count, 0)).toBe(1);
    const after = await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } });
    expect(after).toMatchObject({ status: "PENDING", focalPointEscalatedAt: at(96) });
    expect(await test.db.auditEntry.count({ where: { entityId: registration.id, action: "registration.escalated-to-organizers" } })).toBe(
      1,
    );
    expect(await decide(await decisionToken("dfp@ict.go.ke"), { decision: "approve" }, at(97))).toMatchObject({
      ok: false,
      reason: "not-waiting",
    });
    expect(await followUp(200)).toBe(0);
  });

  it("escalates, without a reminder, when registration closes within 48 hours, whichever comes first", async () => {
    const registration = await waitingKenyan({ registrationClosesAt: at(60) });
    // 60 - 48 = 12 hours after asking: before the 2-day reminder.
    expect(await followUp(11.9)).toBe(0);
    expect(await followUp(12)).toBe(1);
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("PENDING");
    expect(await kinds("dfp@ict.go.ke")).toEqual(["focal-point-request"]);
  });

  it("follows each meeting's own settings", async () => {
    const registration = await waitingKenyan({ focalPointReminderHours: 1, focalPointEscalationHours: 3 });
    expect(await followUp(1)).toBe(1);
    expect(await followUp(3)).toBe(1);
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("PENDING");
  });

  it("a decided registration is not followed up", async () => {
    const registration = await waitingKenyan();
    await decide(await decisionToken("dfp@ict.go.ke"), { decision: "reject" });
    expect(await followUp(200)).toBe(0);
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registration.id } })).status).toBe("REJECTED");
  });
});
