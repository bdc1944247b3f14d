// Who runs a meeting: adding, changing and removing organizers' roles, from the console (the
// server actions, Next's request APIs stubbed) and from `npm run organizer` (the real script),
// against a real database. Every change is in the meeting's audit log; a meeting never loses its
// last owner; removing an organizer ends their sessions.
import { type ExecFileException, execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { NextIntlClientProvider } from "next-intl";
import { createElement, type FunctionComponent, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";

const cookieJar = new Map<string, string>();
// Auth.js names the cookie by scheme (__Secure- on https): the session is sent under both names.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];
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

vi.mock("next-intl/server", async () => {
  const { getTranslator } = await import("@/lib/i18n/messages.ts");
  return {
    getLocale: async () => "en",
    // The real getTranslations takes any namespace of the catalogue; the mock passes it through.
    getTranslations: async (namespace: string) => getTranslator("en", namespace as never),
  };
});

let test: TestDatabase;
let actions: typeof import("@/lib/organizers/actions.ts");
let service: typeof import("@/lib/organizers/service.ts");

beforeAll(async () => {
  test = await createTestDatabase(10);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = "https://register.example.org";
  process.env.AUTH_SECRET = "x".repeat(40);
  actions = await import("@/lib/organizers/actions.ts");
  service = await import("@/lib/organizers/service.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});

let meeting: { id: string; slug: string };
let other: { id: string; slug: string };

beforeEach(async () => {
  await test.reset();
  cookieJar.clear();
  meeting = await createMeeting(test.db, { slug: "fg-main" });
  other = await createMeeting(test.db, { slug: "fg-other" });
});

async function organizer(email: string, roles: Array<[{ id: string }, "OWNER" | "EDITOR" | "VIEWER"]>, canCreateMeetings = false) {
  const user = await test.db.user.create({ data: { email, canCreateMeetings } });
  for (const [where, role] of roles) await test.db.meetingOrganizer.create({ data: { meetingId: where.id, userId: user.id, role } });
  const sessionToken = randomBytes(32).toString("hex");
  await test.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  return { ...user, sessionToken };
}

function signInAs(user: { sessionToken: string }) {
  for (const name of SESSION_COOKIES) cookieJar.set(name, user.sessionToken);
}

async function roles(meetingId = meeting.id) {
  const rows = await test.db.meetingOrganizer.findMany({ where: { meetingId }, include: { user: { select: { email: true } } } });
  return Object.fromEntries(rows.map((row) => [row.user.email, row.role]));
}

async function outcome(call: () => Promise<unknown>): Promise<{ redirect?: string; value?: unknown }> {
  try {
    return { value: await call() };
  } catch (error) {
    if (error instanceof Redirect) return { redirect: error.url };
    throw error;
  }
}

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

const emptyState = { fieldErrors: {}, values: {} };

describe("the console: an owner manages the meeting's organizers", () => {
  it("adds someone by email with a role, changes the role, removes it; each change is audited", async () => {
    const owner = await organizer("owner@example.org", [[meeting, "OWNER"]]);
    signInAs(owner);

    const added = await outcome(() =>
      actions.addMeetingOrganizerAction(meeting.id, emptyState, form({ email: " New.Person@Example.org ", role: "VIEWER" })),
    );
    expect(added.redirect).toBe(`/admin/meetings/${meeting.id}/organizers?done=added`);
    expect(await roles()).toEqual({ "owner@example.org": "OWNER", "new.person@example.org": "VIEWER" });
    const newcomer = await test.db.user.findUniqueOrThrow({ where: { email: "new.person@example.org" } });
    expect(newcomer.canCreateMeetings).toBe(false);

    const changed = await outcome(() => actions.changeMeetingRoleAction(meeting.id, form({ userId: newcomer.id, role: "EDITOR" })));
    expect(changed.redirect).toBe(`/admin/meetings/${meeting.id}/organizers?done=changed`);
    expect((await roles())["new.person@example.org"]).toBe("EDITOR");

    const removed = await outcome(() => actions.removeMeetingRoleAction(meeting.id, form({ userId: newcomer.id })));
    expect(removed.redirect).toBe(`/admin/meetings/${meeting.id}/organizers?done=removed`);
    expect(await roles()).toEqual({ "owner@example.org": "OWNER" });

    const audit = await test.db.auditEntry.findMany({ where: { meetingId: meeting.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.actorLabel, entry.entityId, entry.before, entry.after])).toEqual([
      ["organizer.added", "owner@example.org", newcomer.id, null, { email: "new.person@example.org", role: "VIEWER" }],
      [
        "organizer.role-changed",
        "owner@example.org",
        newcomer.id,
        { email: "new.person@example.org", role: "VIEWER" },
        { email: "new.person@example.org", role: "EDITOR" },
      ],
      ["organizer.removed", "owner@example.org", newcomer.id, { email: "new.person@example.org", role: "EDITOR" }, null],
    ]);
    expect(audit.every((entry) => entry.actorUserId === owner.id)).toBe(true);
  });

  it("answers a bad address beside the field and changes nothing", async () => {
    signInAs(await organizer("owner@example.org", [[meeting, "OWNER"]]));
    const answer = await outcome(() =>
      actions.addMeetingOrganizerAction(meeting.id, emptyState, form({ email: "not an address", role: "EDITOR" })),
    );
    expect(answer.value).toMatchObject({ fieldErrors: { email: "email.invalid" }, values: { email: "not an address", role: "EDITOR" } });
    const noRole = await outcome(() => actions.addMeetingOrganizerAction(meeting.id, emptyState, form({ email: "a@example.org" })));
    expect(noRole.value).toMatchObject({ fieldErrors: { role: "role.required" } });
    expect(await test.db.user.count()).toBe(1);
    expect(await test.db.auditEntry.count()).toBe(0);
  });

  it("never removes or demotes the last owner", async () => {
    const owner = await organizer("owner@example.org", [[meeting, "OWNER"]]);
    signInAs(owner);
    for (const call of [
      () => actions.changeMeetingRoleAction(meeting.id, form({ userId: owner.id, role: "EDITOR" })),
      () => actions.removeMeetingRoleAction(meeting.id, form({ userId: owner.id })),
      () => actions.addMeetingOrganizerAction(meeting.id, emptyState, form({ email: "owner@example.org", role: "VIEWER" })),
    ]) {
      const answer = await outcome(call);
      expect(JSON.stringify(answer)).toContain("last-owner");
    }
    expect(await roles()).toEqual({ "owner@example.org": "OWNER" });
    expect(await test.db.auditEntry.count()).toBe(0);

    // With a second owner, the first may step down (and is then sent where a viewer may go).
    await outcome(() => actions.addMeetingOrganizerAction(meeting.id, emptyState, form({ email: "second@example.org", role: "OWNER" })));
    const stepDown = await outcome(() => actions.changeMeetingRoleAction(meeting.id, form({ userId: owner.id, role: "VIEWER" })));
    expect(stepDown.redirect).toBe(`/admin/meetings/${meeting.id}?done=role-changed`);
    expect(await roles()).toEqual({ "owner@example.org": "VIEWER", "second@example.org": "OWNER" });
  });

  it("keeps an owner when two owners demote each other at the same moment", async () => {
    const a = await organizer("a@example.org", [[meeting, "OWNER"]]);
    const b = await organizer("b@example.org", [[meeting, "OWNER"]]);
    const results = await Promise.all([
      service.changeMeetingRole(test.db, {
        meetingId: meeting.id,
        userId: a.id,
        role: "EDITOR",
        actor: { kind: "organizer", userId: b.id, email: b.email },
      }),
      service.changeMeetingRole(test.db, {
        meetingId: meeting.id,
        userId: b.id,
        role: "EDITOR",
        actor: { kind: "organizer", userId: a.id, email: a.email },
      }),
    ]);
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(Object.values(await roles()).sort()).toEqual(["EDITOR", "OWNER"]);
  });

  it("ends the sessions of someone left with no role and no right to create meetings", async () => {
    const owner = await organizer("owner@example.org", [[meeting, "OWNER"]]);
    const viewer = await organizer("viewer@example.org", [[meeting, "VIEWER"]]);
    const twoMeetings = await organizer("two@example.org", [
      [meeting, "VIEWER"],
      [other, "VIEWER"],
    ]);
    signInAs(owner);
    await outcome(() => actions.removeMeetingRoleAction(meeting.id, form({ userId: viewer.id })));
    await outcome(() => actions.removeMeetingRoleAction(meeting.id, form({ userId: twoMeetings.id })));
    expect(await test.db.session.count({ where: { userId: viewer.id } })).toBe(0);
    expect(await test.db.session.count({ where: { userId: twoMeetings.id } })).toBe(1);
  });

  it.each([
    ["an anonymous visitor", null, "/sign-in"],
    ["an editor of this meeting", "EDITOR", "/admin?error=forbidden"],
    ["a viewer of this meeting", "VIEWER", "/admin?error=forbidden"],
    ["an owner of another meeting", "OTHER", "/admin?error=forbidden"],
  ] as const)("refuses %s and changes nothing", async (_who, role, expected) => {
    const owner = await organizer("owner@example.org", [[meeting, "OWNER"]]);
    const target = await organizer("target@example.org", [[meeting, "VIEWER"]]);
    if (role === "OTHER") signInAs(await organizer("intruder@example.org", [[other, "OWNER"]]));
    else if (role) signInAs(await organizer("intruder@example.org", [[meeting, role]]));
    const before = JSON.stringify([await roles(), await test.db.user.count(), await test.db.auditEntry.count()]);
    for (const call of [
      () => actions.addMeetingOrganizerAction(meeting.id, emptyState, form({ email: "intruder@example.org", role: "OWNER" })),
      () => actions.changeMeetingRoleAction(meeting.id, form({ userId: target.id, role: "OWNER" })),
      () => actions.removeMeetingRoleAction(meeting.id, form({ userId: owner.id })),
    ]) {
      expect((await outcome(call)).redirect).toBe(expected);
    }
    expect(JSON.stringify([await roles(), await test.db.user.count(), await test.db.auditEntry.count()])).toBe(before);
  });
});

describe("the console page", () => {
  it("lists who has which role, with a form per change, and refuses anyone but an owner", async () => {
    const { getMessages } = await import("@/lib/i18n/messages.ts");
    const Page = (await import("@/app/admin/meetings/[meetingId]/organizers/page.tsx")).default as unknown as (props: {
      params: Promise<{ meetingId: string }>;
      searchParams: Promise<Record<string, string>>;
    }) => Promise<ReactElement>;
    const render = async (search: Record<string, string> = {}) =>
      renderToStaticMarkup(
        createElement(
          NextIntlClientProvider as FunctionComponent<{ locale: string; messages: unknown }>,
          { locale: "en", messages: getMessages("en") },
          await Page({ params: Promise.resolve({ meetingId: meeting.id }), searchParams: Promise.resolve(search) }),
        ),
      );
    const owner = await organizer("owner@example.org", [[meeting, "OWNER"]]);
    const editor = await organizer("editor@example.org", [[meeting, "EDITOR"]]);
    signInAs(owner);
    const html = await render({ done: "added" });
    expect(html).toContain("The organizer has been added.");
    expect(html).toContain("<title>Organizers – TEST-1</title>");
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]+)[\s\S]*?<\/tr>/g)].map((match) => match[0]);
    expect(rows.map((row) => /<th scope="row">([^< ]+)/.exec(row)?.[1])).toEqual(["owner@example.org", "editor@example.org"]);
    // The only owner cannot be changed from here; the editor can, with labelled controls.
    expect(rows[0]).toContain("The only owner");
    expect(rows[0]).not.toContain("<form");
    expect(rows[1]).toContain(`name="userId" value="${editor.id}"`);
    expect(rows[1]).toContain("Role of editor@example.org");
    expect(rows[1]).toMatch(/<option value="EDITOR" selected="">Editor<\/option>/);
    expect(rows[1]).toContain('Remove<span class="visually-hidden"> editor@example.org from this meeting</span>');
    const emailInput = /<input [^>]*id="email"[^>]*>/.exec(html)?.[0] ?? "";
    expect(emailInput).toContain('type="email"');
    expect(emailInput).toContain('name="email"');
    expect(html).toMatch(/<input id="role-VIEWER" type="radio"[^>]* name="role" value="VIEWER"/);

    signInAs(editor);
    expect((await outcome(() => render())).redirect).toBe("not-found");
  });
});

describe("npm run organizer -- remove", () => {
  // Asynchronous: without TEST_DATABASE_URL the embedded database answers from this very process.
  function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/organizer.ts", ...args],
        {
          env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATABASE_URL: test.url } as unknown as NodeJS.ProcessEnv,
          encoding: "utf8",
          timeout: 60_000,
        },
        (error: ExecFileException | null, stdout: string, stderr: string) =>
          resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
      );
    });
  }

  it("remove EMAIL takes every role and the right to create meetings, ends the sessions, and audits each meeting", async () => {
    await organizer("owner@example.org", [
      [meeting, "OWNER"],
      [other, "OWNER"],
    ]);
    const leaving = await organizer(
      "leaving@example.org",
      [
        [meeting, "EDITOR"],
        [other, "VIEWER"],
      ],
      true,
    );
    const run = await cli("remove", "Leaving@Example.org");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("leaving@example.org");
    expect(await test.db.meetingOrganizer.count({ where: { userId: leaving.id } })).toBe(0);
    expect((await test.db.user.findUniqueOrThrow({ where: { id: leaving.id } })).canCreateMeetings).toBe(false);
    expect(await test.db.session.count({ where: { userId: leaving.id } })).toBe(0);
    const audit = await test.db.auditEntry.findMany({ where: { action: "organizer.removed" }, orderBy: { meetingId: "asc" } });
    expect(audit.map((entry) => entry.meetingId).sort()).toEqual([meeting.id, other.id].sort());
    expect(audit.every((entry) => entry.actorUserId === null && entry.actorLabel === "command-line")).toBe(true);
  });

  it("remove EMAIL --meeting SLUG takes that role only; the last owner stays, with a message", async () => {
    const owner = await organizer("owner@example.org", [[meeting, "OWNER"]]);
    await organizer(
      "both@example.org",
      [
        [meeting, "EDITOR"],
        [other, "OWNER"],
      ],
      true,
    );
    const run = await cli("remove", "both@example.org", "--meeting", "fg-main");
    expect(run.status, run.stderr).toBe(0);
    expect(await roles(meeting.id)).toEqual({ "owner@example.org": "OWNER" });
    expect(await roles(other.id)).toEqual({ "both@example.org": "OWNER" });
    expect(await test.db.session.count({ where: { user: { email: "both@example.org" } } })).toBe(1);

    const refused = await cli("remove", "owner@example.org");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("last owner of fg-main");
    expect(await roles(meeting.id)).toEqual({ "owner@example.org": "OWNER" });
    expect(await test.db.session.count({ where: { userId: owner.id } })).toBe(1);

    const unknown = await cli("remove", "nobody@example.org");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("nobody@example.org");
  });
});
