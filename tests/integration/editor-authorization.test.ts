// The EDITOR role across every organizer action and the export route (lib/meetings/access.ts):
// an editor decides, resends, changes the connection instructions and exports — each shown by the
// rows, emails and audit entries it leaves — and is refused editing the meeting, creating one and
// choosing its organizers, with nothing changed. Beside it, the same meeting edit by an owner
// goes through. Next's request APIs (cookies, redirect) are stand-ins; the database is real.
// (Anonymous visitors, viewers and other meetings' organizers: organizer-authorization.test.ts.)
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Meeting } from "@/generated/prisma/client.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";

const cookieJar = new Map<string, string>();
class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
  notFound: () => {
    throw new Redirect("not-found");
  },
}));

let test: TestDatabase;
let registrantActions: typeof import("@/lib/registrants/actions.ts");
let meetingActions: typeof import("@/lib/meetings/actions.ts");
let organizerActions: typeof import("@/lib/organizers/actions.ts");
let exportRoute: typeof import("@/app/admin/meetings/[meetingId]/export/route.ts");
let toZonedDateTimeLocal: typeof import("@/lib/i18n/zoned-time.ts").toZonedDateTimeLocal;

beforeAll(async () => {
  test = await createTestDatabase(10);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = "https://register.example.org";
  process.env.AUTH_SECRET = "x".repeat(40);
  registrantActions = await import("@/lib/registrants/actions.ts");
  meetingActions = await import("@/lib/meetings/actions.ts");
  organizerActions = await import("@/lib/organizers/actions.ts");
  exportRoute = await import("@/app/admin/meetings/[meetingId]/export/route.ts");
  ({ toZonedDateTimeLocal } = await import("@/lib/i18n/zoned-time.ts"));
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});

let meeting: Meeting;
let owner: { id: string; email: string };
let pending: { id: string; email: string };
let confirmed: { id: string; email: string };

async function organizer(email: string, role: "OWNER" | "EDITOR" | "VIEWER") {
  const user = await test.db.user.create({ data: { email } });
  await test.db.meetingOrganizer.create({ data: { meetingId: meeting.id, userId: user.id, role } });
  return user;
}

async function signInAs(user: { id: string }) {
  const sessionToken = randomBytes(32).toString("hex");
  await test.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  // APP_URL is https: only the __Secure- cookie is read (lib/auth/session.ts).
  cookieJar.set("__Secure-authjs.session-token", sessionToken);
}

async function registration(email: string, status: "PENDING" | "CONFIRMED") {
  const { privacyAccepted: _p, memberState: _m, ...input } = buildRegistrationInput({ email });
  return test.db.registration.create({
    data: {
      ...input,
      meetingId: meeting.id,
      reference: `Q-${randomBytes(3).toString("hex").toUpperCase()}-EDITR`,
      status,
      privacyAcceptedAt: new Date(),
    },
  });
}

beforeEach(async () => {
  await test.reset();
  cookieJar.clear();
  meeting = await createMeeting(test.db, { approvalMode: "MANUAL", connectionJoinUrl: "https://meet.example.org/j/old" });
  owner = await organizer("owner@example.org", "OWNER");
  pending = await registration("pending@example.org", "PENDING");
  confirmed = await registration("confirmed@example.org", "CONFIRMED");
});

async function outcome(call: () => Promise<unknown>): Promise<{ redirect?: string; value?: unknown }> {
  try {
    return { value: await call() };
  } catch (error) {
    if (error instanceof Redirect) return { redirect: error.url };
    throw error;
  }
}

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

/** The meeting form as the edit page fills it in (app/admin/meetings/[meetingId]/edit/page.tsx), with changes. */
function meetingForm(current: Meeting, changes: Record<string, string> = {}): FormData {
  const local = (instant: Date | null) => (instant ? toZonedDateTimeLocal(instant, current.timeZone) : "");
  const values: Record<string, string> = {
    defaultLocale: current.defaultLocale,
    slug: current.slug,
    title: current.title,
    shortName: current.shortName,
    circularReference: current.circularReference ?? "",
    summary: current.summary ?? "",
    format: current.format,
    timeZone: current.timeZone,
    startsAt: local(current.startsAt),
    endsAt: local(current.endsAt),
    registrationOpensAt: local(current.registrationOpensAt),
    registrationClosesAt: local(current.registrationClosesAt),
    documentDeadline: local(current.documentDeadline),
    documentSubmission: current.documentSubmission ?? "",
    languages: current.languages,
    fee: current.fee,
    contactName: current.contactName,
    contactEmail: current.contactEmail,
    contactPhone: current.contactPhone ?? "",
    homePageUrl: current.homePageUrl ?? "",
    eligibilityNote: current.eligibilityNote ?? "",
    approvalMode: current.approvalMode,
    capacity: current.capacity?.toString() ?? "",
    retentionDays: String(current.retentionDays),
    connectionJoinUrl: current.connectionJoinUrl ?? "",
    connectionMeetingId: current.connectionMeetingId ?? "",
    connectionPasscode: current.connectionPasscode ?? "",
    connectionDialIn: current.connectionDialIn ?? "",
    connectionNotes: current.connectionNotes ?? "",
    ...changes,
  };
  const data = form(Object.entries(values));
  for (const category of current.eligibleCategories) data.append("eligibleCategories", category);
  return data;
}

const emptyState = { fieldErrors: {}, values: {} };

async function snapshot() {
  const [registrations, meetings, organizers, users, emails, audit, notices] = await Promise.all([
    test.db.registration.findMany({ orderBy: { id: "asc" } }),
    test.db.meeting.findMany({ orderBy: { id: "asc" } }),
    test.db.meetingOrganizer.findMany({ orderBy: { userId: "asc" } }),
    test.db.user.findMany({ orderBy: { id: "asc" } }),
    test.db.outboxEmail.count(),
    test.db.auditEntry.count(),
    test.db.noticeJob.count(),
  ]);
  return JSON.stringify({ registrations, meetings, organizers, users, emails, audit, notices });
}

async function emailsTo(address: string) {
  return (await test.db.outboxEmail.findMany({ where: { toAddress: address }, select: { kind: true } })).map((email) => email.kind);
}

async function auditBy(email: string) {
  const entries = await test.db.auditEntry.findMany({ where: { actorLabel: email }, orderBy: { createdAt: "asc" } });
  return entries.map((entry) => [entry.action, entry.entityId]);
}

describe("an editor of the meeting may", () => {
  let editor: { id: string; email: string };
  beforeEach(async () => {
    editor = await organizer("editor@example.org", "EDITOR");
    await signInAs(editor);
  });

  it("approve a pending registration: confirmed, emailed, audited as the editor", async () => {
    const answer = await outcome(() =>
      registrantActions.decideRegistrationsAction(
        meeting.id,
        form([
          ["decision", "approve"],
          ["registrationId", pending.id],
        ]),
      ),
    );
    expect(answer.redirect).toBe(`/admin/meetings/${meeting.id}?done=approve&changed=1`);
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("CONFIRMED");
    expect(await emailsTo(pending.email)).toEqual(["registration-approved"]);
    expect(await auditBy(editor.email)).toEqual([["registration.approved", pending.id]]);
  });

  it("reject with a reason: rejected, the reason kept and sent", async () => {
    const answer = await outcome(() =>
      registrantActions.decideRegistrationsAction(
        meeting.id,
        form([
          ["decision", "reject"],
          ["registrationId", pending.id],
          ["reason", "Not a member of the Focus Group"],
        ]),
      ),
    );
    expect(answer.redirect).toBe(`/admin/meetings/${meeting.id}?done=reject&changed=1`);
    expect(await test.db.registration.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "REJECTED",
      decisionReason: "Not a member of the Focus Group",
    });
    const [email] = await test.db.outboxEmail.findMany({ where: { toAddress: pending.email } });
    expect(email?.kind).toBe("registration-rejected");
    expect(email?.textBody).toContain("Not a member of the Focus Group");
    expect(await auditBy(editor.email)).toEqual([["registration.rejected", pending.id]]);
  });

  it("reject without a reason from a searched, filtered list: nothing changes, and the error comes back to that list", async () => {
    const answer = await outcome(() =>
      registrantActions.decideRegistrationsAction(
        meeting.id,
        form([
          ["decision", "reject"],
          ["registrationId", pending.id],
          ["listQuery", "q=ada+love&status=PENDING&category=ACADEMIA&sort=name"],
        ]),
      ),
    );
    expect(answer.redirect).toBe(
      `/admin/meetings/${meeting.id}?q=ada+love&status=PENDING&category=ACADEMIA&sort=name&error=reason-required#decide`,
    );
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("PENDING");
    expect(await emailsTo(pending.email)).toEqual([]);
  });

  it("approve from a filtered list: the answer comes back to that list, without a filter it does not know", async () => {
    const answer = await outcome(() =>
      registrantActions.decideRegistrationsAction(
        meeting.id,
        form([
          ["decision", "approve"],
          ["registrationId", pending.id],
          ["listQuery", "status=PENDING&country=ch&after=abc&evil=%3Cscript%3E&category=NOT_A_CATEGORY"],
        ]),
      ),
    );
    expect(answer.redirect).toBe(`/admin/meetings/${meeting.id}?status=PENDING&country=CH&done=approve&changed=1`);
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("CONFIRMED");
  });

  it("withdraw a confirmed registration", async () => {
    const answer = await outcome(() =>
      registrantActions.decideRegistrationsAction(
        meeting.id,
        form([
          ["decision", "withdraw"],
          ["registrationId", confirmed.id],
        ]),
      ),
    );
    expect(answer.redirect).toBe(`/admin/meetings/${meeting.id}?done=withdraw&changed=1`);
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: confirmed.id } })).status).toBe("WITHDRAWN");
    expect(await emailsTo(confirmed.email)).toEqual(["registration-withdrawn"]);
    expect(await auditBy(editor.email)).toEqual([["registration.withdrawn", confirmed.id]]);
  });

  it("resend a registrant's confirmation", async () => {
    const answer = await outcome(() => registrantActions.resendConfirmationAction(meeting.id, confirmed.id));
    expect(answer.redirect).toBe(`/admin/meetings/${meeting.id}/registrations/${confirmed.id}?done=resent`);
    expect(await emailsTo(confirmed.email)).toEqual(["registration-confirmed"]);
    expect(await auditBy(editor.email)).toEqual([["registration.confirmation-resent", confirmed.id]]);
  });

  it("change the connection instructions and notify the confirmed registrants", async () => {
    const answer = await outcome(() =>
      meetingActions.saveConnectionInstructionsAction(
        meeting.id,
        { fieldErrors: {}, values: {} },
        form([
          ["connectionJoinUrl", "https://meet.example.org/j/new"],
          ["connectionPasscode", "new-passcode"],
          ["notify", "yes"],
        ]),
      ),
    );
    expect(answer.redirect).toBe(`/admin/meetings/${meeting.id}?done=connection&notified=1`);
    expect(await test.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({
      connectionJoinUrl: "https://meet.example.org/j/new",
      connectionPasscode: "new-passcode",
    });
    // One confirmed registrant to tell: one notice job, which the worker expands (lib/notices).
    const notices = await test.db.noticeJob.findMany();
    expect(notices).toEqual([expect.objectContaining({ meetingId: meeting.id, kind: "connection-updated", total: 1 })]);
    expect(await auditBy(editor.email)).toEqual([["meeting.connection-updated", meeting.id]]);
  });

  it("export the registrants", async () => {
    const response = (
      await outcome(() =>
        exportRoute.GET(new Request(`https://register.example.org/admin/meetings/${meeting.id}/export`), {
          params: Promise.resolve({ meetingId: meeting.id }),
        }),
      )
    ).value as Response;
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv).toContain(pending.email);
    expect(csv).toContain(confirmed.email);
  });
});

describe("an editor of the meeting is refused, and nothing changes, when it", () => {
  let editor: { id: string; email: string };
  let viewer: { id: string; email: string };
  beforeEach(async () => {
    editor = await organizer("editor@example.org", "EDITOR");
    viewer = await organizer("viewer@example.org", "VIEWER");
    await signInAs(editor);
  });

  const refusals: Array<[string, () => Promise<unknown>]> = [
    [
      "edits the meeting (a valid form an owner could send)",
      () => meetingActions.saveMeetingAction(meeting.id, emptyState, meetingForm(meeting, { title: "Renamed by an editor" })),
    ],
    ["creates a meeting", () => meetingActions.saveMeetingAction(null, emptyState, meetingForm(meeting, { slug: "editor-made" }))],
    [
      "adds an organizer",
      () =>
        organizerActions.addMeetingOrganizerAction(
          meeting.id,
          emptyState,
          form([
            ["email", "friend@example.org"],
            ["role", "OWNER"],
          ]),
        ),
    ],
    [
      "makes itself owner",
      () =>
        organizerActions.changeMeetingRoleAction(
          meeting.id,
          form([
            ["userId", editor.id],
            ["role", "OWNER"],
          ]),
        ),
    ],
    [
      "changes another organizer's role",
      () =>
        organizerActions.changeMeetingRoleAction(
          meeting.id,
          form([
            ["userId", viewer.id],
            ["role", "EDITOR"],
          ]),
        ),
    ],
    ["removes the owner", () => organizerActions.removeMeetingRoleAction(meeting.id, form([["userId", owner.id]]))],
  ];

  it.each(refusals.map(([name]) => name))("%s", async (name) => {
    const call = refusals.find(([candidate]) => candidate === name)?.[1];
    if (!call) throw new Error(name);
    const before = await snapshot();
    const answer = await outcome(call);
    // Refused: sent back to the console with "forbidden", or the form answered "forbidden".
    if (answer.redirect !== undefined) expect(answer.redirect).toBe("/admin?error=forbidden");
    else expect(answer.value).toMatchObject({ error: "forbidden" });
    expect(await snapshot()).toBe(before);
  });
});

describe("an owner of the meeting", () => {
  it("edits the meeting: the row takes the new facts (times in the meeting's zone), the change is audited, its confirmed registrant is told the new times", async () => {
    await signInAs(owner);
    const answer = await outcome(() =>
      meetingActions.saveMeetingAction(
        meeting.id,
        emptyState,
        meetingForm(meeting, {
          title: "Renamed meeting of the Focus Group",
          capacity: "150",
          timeZone: "America/New_York",
          startsAt: "2031-06-02T09:00",
          endsAt: "2031-06-04T17:30",
          registrationClosesAt: "2031-05-25T23:59",
          approvalMode: "AUTOMATIC",
        }),
      ),
    );
    // The times moved: the one confirmed registrant gets the schedule update (lib/notices).
    expect(answer.redirect).toBe(`/admin/meetings/${meeting.id}?done=updated&notified=1`);
    expect(await test.db.noticeJob.findMany({ where: { meetingId: meeting.id }, select: { kind: true, total: true } })).toEqual([
      { kind: "schedule-updated", total: 1 },
    ]);
    const row = await test.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(row).toMatchObject({
      title: "Renamed meeting of the Focus Group",
      capacity: 150,
      timeZone: "America/New_York",
      approvalMode: "AUTOMATIC",
      // Unchanged fields stay as they were.
      slug: meeting.slug,
      connectionJoinUrl: meeting.connectionJoinUrl,
    });
    // New York is UTC−4 in June; a deadline typed as 23:59 lasts to the end of that minute.
    expect(row.startsAt.toISOString()).toBe("2031-06-02T13:00:00.000Z");
    expect(row.endsAt.toISOString()).toBe("2031-06-04T21:30:00.000Z");
    expect(row.registrationClosesAt.toISOString()).toBe("2031-05-26T03:59:59.999Z");

    const audit = await test.db.auditEntry.findMany({ where: { meetingId: meeting.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "meeting.updated", actorUserId: owner.id, actorLabel: owner.email, entityId: meeting.id });
    expect(audit[0]?.before).toMatchObject({ title: meeting.title, capacity: null, approvalMode: "MANUAL" });
    expect(audit[0]?.after).toMatchObject({ title: "Renamed meeting of the Focus Group", capacity: 150, approvalMode: "AUTOMATIC" });
    // Registrations are untouched by an edit of the meeting.
    expect(await test.db.registration.count({ where: { meetingId: meeting.id } })).toBe(2);
  });

  it("keeps the meeting as it was when the new web address is another meeting's", async () => {
    const other = await createMeeting(test.db, { slug: "taken-address" });
    await signInAs(owner);
    const before = await snapshot();
    const answer = await outcome(() =>
      meetingActions.saveMeetingAction(meeting.id, emptyState, meetingForm(meeting, { slug: other.slug })),
    );
    expect(answer.value).toMatchObject({ error: "slug-taken", fieldErrors: { slug: "slug.taken" } });
    expect(await snapshot()).toBe(before);
  });
});
