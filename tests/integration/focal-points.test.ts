// Keeping the list of focal points on real PostgreSQL: the console's add/change/remove and the
// CSV import (preview, all-or-nothing, applied once), each audited; who is in scope for a meeting.
import { type ExecFileException, execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { focalPointsInScope } from "@/lib/focal-points/queries.ts";
import { registrationScopeKey } from "@/lib/focal-points/rules.ts";
import { focalPointFormSchema } from "@/lib/focal-points/schema.ts";
import {
  applyFocalPointImport,
  previewFocalPointImport,
  removeFocalPoint,
  saveFocalPoint,
  storeFocalPointImport,
} from "@/lib/focal-points/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";

const actor = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };
const now = new Date("2026-11-30T10:00:00Z");
const LIST = [
  "email,name,member_state,organization,role,language",
  "dfp@ict.go.ke,Jane Wanjiru,KE,,primary,en",
  "backup@ict.go.ke,John Otieno,KE,,backup,fr",
  "fp@safaricom.co.ke,Amina Hassan,,Safaricom PLC,primary,",
].join("\n");
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

const form = (overrides: Record<string, unknown> = {}) =>
  focalPointFormSchema.parse({
    email: "dfp@ict.go.ke",
    name: "Jane Wanjiru",
    scopeType: "memberState",
    memberState: "KE",
    role: "PRIMARY",
    locale: "en",
    meetings: "all",
    ...overrides,
  });

describe("importing a focal-point list", () => {
  it("previews the additions without writing anything, then applies them with one audit entry each and one for the import", async () => {
    const preview = await previewFocalPointImport(test.db, LIST);
    expect(preview.ok && preview.changes.map((change) => [change.change, change.entry.email])).toEqual([
      ["add", "dfp@ict.go.ke"],
      ["add", "backup@ict.go.ke"],
      ["add", "fp@safaricom.co.ke"],
    ]);
    expect(await test.db.focalPoint.count()).toBe(0);

    const applied = await applyFocalPointImport(test.db, { text: LIST, actor, now });
    expect(applied.ok).toBe(true);
    const rows = await test.db.focalPoint.findMany({ orderBy: { email: "asc" } });
    expect(rows.map((row) => [row.email, row.scopeKey, row.role, row.locale, row.allMeetings])).toEqual([
      ["backup@ict.go.ke", "ms:KE", "BACKUP", "fr", true],
      ["dfp@ict.go.ke", "ms:KE", "PRIMARY", "en", true],
      ["fp@safaricom.co.ke", "org:safaricom", "PRIMARY", "en", true],
    ]);
    const audit = await test.db.auditEntry.findMany({
      orderBy: { action: "asc" },
      select: { action: true, actorLabel: true, after: true },
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      "focal-point.added",
      "focal-point.added",
      "focal-point.added",
      "focal-points.imported",
    ]);
    expect(audit.at(-1)).toMatchObject({ actorLabel: "organizer@example.org", after: { added: 3, updated: 0, unchanged: 0 } });
  });

  it("imported again with a changed name and role, updates that one, leaves the rest and removes nobody", async () => {
    await applyFocalPointImport(test.db, { text: LIST, actor, now });
    const changed = [LIST.split("\n")[0], "dfp@ict.go.ke,Jane W. Wanjiru,KE,,backup,en"].join("\n");
    const result = await applyFocalPointImport(test.db, { text: changed, actor, now });
    expect(result.ok && result.changes.map((change) => change.change)).toEqual(["update"]);
    expect(await test.db.focalPoint.count()).toBe(3);
    expect(await test.db.focalPoint.findFirstOrThrow({ where: { email: "dfp@ict.go.ke" } })).toMatchObject({
      name: "Jane W. Wanjiru",
      role: "BACKUP",
    });
    const update = await test.db.auditEntry.findFirstOrThrow({ where: { action: "focal-point.updated" } });
    expect(update).toMatchObject({
      before: { name: "Jane Wanjiru", role: "PRIMARY", locale: "en" },
      after: { name: "Jane W. Wanjiru", role: "BACKUP", locale: "en" },
    });
  });

  it("a list with one bad row imports nothing and writes no audit entry", async () => {
    const bad = `${LIST}\nnot-an-address,Someone,KE,,primary,`;
    const result = await applyFocalPointImport(test.db, { text: bad, actor, now });
    expect(result).toEqual({ ok: false, errors: [{ line: 5, code: "email", value: "not-an-address" }] });
    expect(await test.db.focalPoint.count()).toBe(0);
    expect(await test.db.auditEntry.count()).toBe(0);
  });

  it("an uploaded list applies once: confirming the same preview twice at once writes it once", async () => {
    const importId = await storeFocalPointImport(test.db, { userId: actor.userId, fileName: "dfp.csv", text: LIST, now });
    const results = await Promise.all([
      applyFocalPointImport(test.db, { text: LIST, actor, now, importId }),
      applyFocalPointImport(test.db, { text: LIST, actor, now, importId }),
    ]);
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(results.find((result) => !result.ok)).toEqual({ ok: false, reason: "already-applied" });
    expect(await test.db.focalPoint.count()).toBe(3);
    expect(await test.db.auditEntry.count({ where: { action: "focal-points.imported" } })).toBe(1);
  });
});

describe("the console's focal-point form", () => {
  it("adds, changes and removes a focal point, each audited; the same person twice for one scope is refused", async () => {
    const added = await saveFocalPoint(test.db, { input: form(), actor, now });
    if (!added.ok) throw new Error(added.reason);
    expect(await saveFocalPoint(test.db, { input: form({ name: "Another Jane" }), actor, now })).toEqual({
      ok: false,
      reason: "duplicate",
    });
    const changed = await saveFocalPoint(test.db, { id: added.id, input: form({ role: "BACKUP" }), actor, now });
    expect(changed).toEqual({ ok: true, id: added.id });
    expect(await removeFocalPoint(test.db, { id: added.id, actor, now })).toBe(true);
    expect(await removeFocalPoint(test.db, { id: added.id, actor, now })).toBe(false);
    expect(await test.db.focalPoint.count()).toBe(0);
    const audit = await test.db.auditEntry.findMany({ orderBy: { createdAt: "asc" }, select: { action: true, before: true, after: true } });
    expect(audit.map((entry) => entry.action).sort()).toEqual(["focal-point.added", "focal-point.removed", "focal-point.updated"]);
    expect(audit.find((entry) => entry.action === "focal-point.updated")).toMatchObject({
      before: { role: "PRIMARY" },
      after: { role: "BACKUP" },
    });
  });

  it("refuses a meeting id that does not exist and writes nothing", async () => {
    const input = form({ meetings: "selected", meetingIds: ["00000000-0000-4000-8000-000000000000"] });
    expect(await saveFocalPoint(test.db, { input, actor, now })).toEqual({ ok: false, reason: "unknown-meeting" });
    expect(await test.db.focalPoint.count()).toBe(0);
  });
});

describe("who is in scope for a registration", () => {
  it("finds a Member State's primary and backup, an organization by its name or an alias, and respects selected meetings", async () => {
    const meeting = await createMeeting(test.db);
    const other = await createMeeting(test.db);
    await applyFocalPointImport(test.db, { text: LIST, actor, now });
    await saveFocalPoint(test.db, {
      input: form({
        email: "fp@tsinghua.edu.cn",
        name: "Wang Fang",
        scopeType: "organization",
        organization: "Tsinghua University",
        aliases: "清华大学\nTHU",
      }),
      actor,
      now,
    });
    await saveFocalPoint(test.db, {
      input: form({ email: "only-other@ict.go.ke", meetings: "selected", meetingIds: [other.id] }),
      actor,
      now,
    });

    const kenya = registrationScopeKey({ category: "MEMBER_STATE", countryCode: "KE", organization: null }) ?? "";
    expect(
      (await focalPointsInScope(test.db, { scopeKey: kenya, meetingId: meeting.id })).map((point) => [point.email, point.role]),
    ).toEqual([
      ["dfp@ict.go.ke", "PRIMARY"],
      ["backup@ict.go.ke", "BACKUP"],
    ]);
    expect((await focalPointsInScope(test.db, { scopeKey: kenya, meetingId: other.id })).map((point) => point.email)).toContain(
      "only-other@ict.go.ke",
    );
    for (const written of ["SAFARICOM", "Safaricom Ltd."]) {
      const key = registrationScopeKey({ category: "SECTOR_MEMBER", countryCode: "KE", organization: written }) ?? "";
      expect((await focalPointsInScope(test.db, { scopeKey: key, meetingId: meeting.id })).map((point) => point.email)).toEqual([
        "fp@safaricom.co.ke",
      ]);
    }
    for (const written of ["清华大学", "thu", "Tsinghua University"]) {
      const key = registrationScopeKey({ category: "ACADEMIA", countryCode: "CN", organization: written }) ?? "";
      expect((await focalPointsInScope(test.db, { scopeKey: key, meetingId: meeting.id })).map((point) => point.email)).toEqual([
        "fp@tsinghua.edu.cn",
      ]);
    }
    const unknown = registrationScopeKey({ category: "SECTOR_MEMBER", countryCode: "KE", organization: "Unknown Telecom" }) ?? "";
    expect(await focalPointsInScope(test.db, { scopeKey: unknown, meetingId: meeting.id })).toEqual([]);
  });
});

// Asynchronous: without TEST_DATABASE_URL the embedded database answers from this very process.
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/focal-points.ts", ...args],
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

async function listFile(text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "focal-points-")), "list.csv");
  await writeFile(file, text);
  return file;
}

describe("npm run focal-points -- import", () => {
  it("with --dry-run prints what would change and writes nothing; without, imports and audits as the command line", async () => {
    const file = await listFile(LIST);
    const dry = await cli("import", file, "--dry-run");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("line 2: add       dfp@ict.go.ke (KE, primary)");
    expect(dry.stdout).toContain("Would add 3, change 0; 0 unchanged.");
    expect(await test.db.focalPoint.count()).toBe(0);

    const real = await cli("import", file);
    expect(real.status).toBe(0);
    expect(real.stdout).toContain("Added 3, changed 0; 0 unchanged.");
    expect(await test.db.focalPoint.count()).toBe(3);
    expect(await test.db.auditEntry.findFirstOrThrow({ where: { action: "focal-points.imported" } })).toMatchObject({
      actorLabel: "command-line",
    });
    expect((await cli("list")).stdout).toContain("KE\tprimary\tdfp@ict.go.ke\tJane Wanjiru\ten\tall meetings");
  }, 120_000);

  it("prints every bad line with its number, exits 1 and imports nothing", async () => {
    const result = await cli("import", await listFile(`${LIST}\nnot-an-address,Someone,XX,,chief,`));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("line 5: “not-an-address” is not an email address.");
    expect(result.stderr).toContain("line 5: “XX” is not the code of an ITU Member State.");
    expect(result.stderr).toContain("line 5: “chief” is not a role: write primary or backup.");
    expect(await test.db.focalPoint.count()).toBe(0);
  }, 120_000);
});
