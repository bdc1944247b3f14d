// Every organizer server action and route, called as (a) an anonymous visitor and (b) an
// organizer of another meeting: nothing is returned and no row changes. Then (c) the rightful
// organizer, to show the same calls do work. Next's request APIs (cookies, redirect) are replaced
// by stand-ins; the database is real.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
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
}));

let test: TestDatabase;
let actions: typeof import("@/lib/registrants/actions.ts");
let meetingActions: typeof import("@/lib/meetings/actions.ts");
let exportRoute: typeof import("@/app/admin/meetings/[meetingId]/export/route.ts");

beforeAll(async () => {
  test = await createTestDatabase(10);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = "https://register.example.org";
  process.env.AUTH_SECRET = "x".repeat(40);
  actions = await import("@/lib/registrants/actions.ts");
  meetingActions = await import("@/lib/meetings/actions.ts");
  exportRoute = await import("@/app/admin/meetings/[meetingId]/export/route.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});

let meetingA: { id: string };
let registrationId: string;

async function signInAs(email: string, meetingId: string | null, role: "OWNER" | "EDITOR" | "VIEWER" = "OWNER") {
  const user = await test.db.user.upsert({ where: { email }, create: { email }, update: {} });
  if (meetingId) await test.db.meetingOrganizer.create({ data: { meetingId, userId: user.id, role } });
  const sessionToken = randomBytes(32).toString("hex");
  await test.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  // APP_URL is https: only the __Secure- cookie is read (lib/auth/session.ts).
  cookieJar.set("__Secure-authjs.session-token", sessionToken);
  return user;
}

async function snapshot() {
  const [registrations, meetings, emails, audit] = await Promise.all([
    test.db.registration.findMany({ orderBy: { id: "asc" } }),
    test.db.meeting.findMany({ orderBy: { id: "asc" } }),
    test.db.outboxEmail.count(),
    test.db.auditEntry.count(),
  ]);
  return JSON.stringify({ registrations, meetings, emails, audit });
}

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

beforeEach(async () => {
  await test.reset();
  cookieJar.clear();
  meetingA = await createMeeting(test.db, { approvalMode: "MANUAL" });
  const registration = await test.db.registration.create({
    data: {
      ...(({ privacyAccepted: _p, memberState: _m, ...rest }) => rest)(buildRegistrationInput({ email: "victim@example.org" })),
      organization: "Secret Org",
      meetingId: meetingA.id,
      reference: "Q-AUTHZ-00001",
      status: "PENDING",
      privacyAcceptedAt: new Date(),
    },
  });
  registrationId = registration.id;
});

const calls = () => ({
  "decideRegistrationsAction (approve)": () =>
    actions.decideRegistrationsAction(
      meetingA.id,
      form([
        ["decision", "approve"],
        ["registrationId", registrationId],
      ]),
    ),
  "decideRegistrationsAction (reject)": () =>
    actions.decideRegistrationsAction(
      meetingA.id,
      form([
        ["decision", "reject"],
        ["registrationId", registrationId],
        ["reason", "no"],
      ]),
    ),
  resendConfirmationAction: () => actions.resendConfirmationAction(meetingA.id, registrationId),
  "saveMeetingAction (edit)": () =>
    meetingActions.saveMeetingAction(meetingA.id, { fieldErrors: {}, values: {} }, form([["title", "Hijacked"]])),
  "saveMeetingAction (create)": () => meetingActions.saveMeetingAction(null, { fieldErrors: {}, values: {} }, form([["title", "New"]])),
  saveConnectionInstructionsAction: () =>
    meetingActions.saveConnectionInstructionsAction(
      meetingA.id,
      { fieldErrors: {}, values: {} },
      form([
        ["connectionJoinUrl", "https://evil.example/join"],
        ["notify", "yes"],
      ]),
    ),
  "export route": () =>
    exportRoute.GET(new Request(`https://register.example.org/admin/meetings/${meetingA.id}/export`), {
      params: Promise.resolve({ meetingId: meetingA.id }),
    }),
});

const ALL_CALLS = Object.keys(calls());
const arrangements: Array<[string, () => Promise<void>, string[]]> = [
  ["an anonymous visitor", async () => {}, ALL_CALLS],
  [
    "a signed-in organizer of another meeting",
    async () => {
      const other = await createMeeting(test.db);
      await signInAs("other-organizer@example.org", other.id, "OWNER");
    },
    ALL_CALLS,
  ],
  [
    // Viewers read and export (checked below); every change is refused.
    "a viewer of this meeting",
    async () => {
      await signInAs("viewer@example.org", meetingA.id, "VIEWER");
    },
    ALL_CALLS.filter((name) => name !== "export route"),
  ],
];

describe.each(arrangements)("as %s", (_who, arrange, names) => {
  it.each(names)("%s returns no data and changes nothing", async (name) => {
    await arrange();
    const before = await snapshot();
    const result = await outcome(calls()[name as keyof ReturnType<typeof calls>]);
    expect(await snapshot()).toBe(before);
    if (result.value instanceof Response) {
      expect([401, 404]).toContain(result.value.status);
      expect(await result.value.text()).not.toContain("victim@example.org");
    } else if (result.redirect) {
      expect(result.redirect).toMatch(/^\/(sign-in|admin\?error=forbidden)$/);
    } else {
      expect(JSON.stringify(result.value)).not.toContain("victim@example.org");
      expect(result.value).toMatchObject({ error: "forbidden" });
    }
  });
});

describe("as an owner of this meeting, the same calls work", () => {
  it("approves, and the export contains the registrant", async () => {
    await signInAs("owner@example.org", meetingA.id, "OWNER");
    const approve = await outcome(calls()["decideRegistrationsAction (approve)"]);
    expect(approve.redirect).toBe(`/admin/meetings/${meetingA.id}?done=approve&changed=1`);
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registrationId } })).status).toBe("CONFIRMED");
    const response = (await outcome(calls()["export route"])).value as Response;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("victim@example.org");
  });

  it("a viewer may export", async () => {
    await signInAs("viewer@example.org", meetingA.id, "VIEWER");
    const response = (await outcome(calls()["export route"])).value as Response;
    expect(response.status).toBe(200);
  });

  it("a signed-out (deleted) or expired session is anonymous again", async () => {
    const user = await signInAs("owner@example.org", meetingA.id, "OWNER");
    await test.db.session.updateMany({ where: { userId: user.id }, data: { expires: new Date(Date.now() - 1000) } });
    expect((await outcome(calls()["decideRegistrationsAction (approve)"])).redirect).toBe("/sign-in");
    await test.db.session.updateMany({
      where: { userId: user.id },
      data: { expires: new Date(Date.now() + 3_600_000), createdAt: new Date(Date.now() - 13 * 3_600_000) },
    });
    expect((await outcome(calls()["decideRegistrationsAction (approve)"])).redirect).toBe("/sign-in");
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: registrationId } })).status).toBe("PENDING");
  });
});
