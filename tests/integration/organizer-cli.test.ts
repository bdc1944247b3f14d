// `npm run organizer -- add …` and `… list` (scripts/organizer.ts), the real script against a real
// database: who may sign in, with which role where, as the rows and the printed list show.
// (`remove` is tested in organizers.test.ts.)
import { type ExecFileException, execFile } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";

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

async function organizers() {
  const users = await test.db.user.findMany({
    include: { meetingRoles: { include: { meeting: { select: { slug: true } } } } },
    orderBy: { email: "asc" },
  });
  return users.map((user) => ({
    email: user.email,
    canCreateMeetings: user.canCreateMeetings,
    roles: user.meetingRoles.map((role) => `${role.meeting.slug}:${role.role}`).sort(),
  }));
}

describe("npm run organizer -- add", () => {
  it("add EMAIL: the address (lower-cased) may sign in and create meetings; adding again changes nothing", async () => {
    const run = await cli("add", " Secretariat@Example.ORG ");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe("secretariat@example.org may now sign in and create meetings");
    expect(await organizers()).toEqual([{ email: "secretariat@example.org", canCreateMeetings: true, roles: [] }]);
    const again = await cli("add", "secretariat@example.org");
    expect(again.status, again.stderr).toBe(0);
    expect(await organizers()).toEqual([{ email: "secretariat@example.org", canCreateMeetings: true, roles: [] }]);
  });

  it("add EMAIL --meeting SLUG --role editor: that role on that meeting only, audited as the command line", async () => {
    const meeting = await createMeeting(test.db, { slug: "fg-main" });
    await createMeeting(test.db, { slug: "fg-other" });
    const run = await cli("add", "editor@example.org", "--meeting", "fg-main", "--role", "editor");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe("editor@example.org is now editor of fg-main");
    // A role on a meeting is not the right to create meetings.
    expect(await organizers()).toEqual([{ email: "editor@example.org", canCreateMeetings: false, roles: ["fg-main:EDITOR"] }]);
    const audit = await test.db.auditEntry.findMany();
    expect(audit).toEqual([
      expect.objectContaining({
        meetingId: meeting.id,
        action: "organizer.added",
        actorUserId: null,
        actorLabel: "command-line",
        after: { email: "editor@example.org", role: "EDITOR" },
      }),
    ]);

    // Without --role, a viewer.
    const viewer = await cli("add", "viewer@example.org", "--meeting", "fg-other");
    expect(viewer.status, viewer.stderr).toBe(0);
    expect((await organizers()).find((row) => row.email === "viewer@example.org")?.roles).toEqual(["fg-other:VIEWER"]);
  });

  it("refuses a bad role, an unknown meeting and something that is not an address, changing nothing", async () => {
    await createMeeting(test.db, { slug: "fg-main" });
    const badRole = await cli("add", "a@example.org", "--meeting", "fg-main", "--role", "admin");
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain("--role must be owner, editor or viewer");
    const unknownMeeting = await cli("add", "a@example.org", "--meeting", "no-such-meeting");
    expect(unknownMeeting.status).toBe(1);
    expect(unknownMeeting.stderr).toContain('No meeting with slug "no-such-meeting"');
    const notAnAddress = await cli("add", "not an address");
    expect(notAnAddress.status).toBe(2);
    expect(notAnAddress.stderr).toContain('"not an address" is not an email address');
    expect(await organizers()).toEqual([]);
    expect(await test.db.auditEntry.count()).toBe(0);
  });
});

describe("npm run organizer -- list", () => {
  it("prints every organizer with the right to create meetings and their roles, by address", async () => {
    const main = await createMeeting(test.db, { slug: "fg-main" });
    const other = await createMeeting(test.db, { slug: "fg-other" });
    const chair = await test.db.user.create({ data: { email: "chair@example.org", canCreateMeetings: true } });
    const helper = await test.db.user.create({ data: { email: "helper@example.org" } });
    await test.db.user.create({ data: { email: "admin@example.org", canCreateMeetings: true } });
    await test.db.meetingOrganizer.createMany({
      data: [
        { meetingId: main.id, userId: chair.id, role: "OWNER" },
        { meetingId: main.id, userId: helper.id, role: "EDITOR" },
        { meetingId: other.id, userId: helper.id, role: "VIEWER" },
      ],
    });
    const run = await cli("list");
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("admin@example.org (may create meetings)");
    expect(lines[1]).toBe("chair@example.org (may create meetings) — fg-main:owner");
    // Roles on several meetings, in any order.
    expect(lines[2]).toMatch(/^helper@example\.org — /);
    expect(
      (lines[2] ?? "")
        .replace(/^helper@example\.org — /, "")
        .split(", ")
        .sort(),
    ).toEqual(["fg-main:editor", "fg-other:viewer"]);
  });

  it("prints nothing, successfully, when there are no organizers", async () => {
    const run = await cli("list");
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });
});

describe("npm run organizer", () => {
  it("without a known command prints the usage and exits 2", async () => {
    const run = await cli("promote", "someone@example.org");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("usage: npm run organizer -- add EMAIL");
    expect(await organizers()).toEqual([]);
  });
});
