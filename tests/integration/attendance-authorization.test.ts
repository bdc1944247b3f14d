// Who may act on attendance (issue #13, points 5 and 6): the report upload route, resolving a
// row, revoking join links and the participants export, called as an anonymous visitor, an
// organizer of another meeting and a viewer — nothing changes and nothing is returned — then as
// an editor, whose calls leave their rows and audit entries. Next's request APIs (cookies,
// redirect) are stand-ins; the database is real.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";

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
let actions: typeof import("@/lib/attendance/actions.ts");
let uploadRoute: typeof import("@/app/admin/meetings/[meetingId]/attendance/upload/route.ts");
let exportRoute: typeof import("@/app/admin/meetings/[meetingId]/participants/export/route.ts");

beforeAll(async () => {
  test = await createTestDatabase(10);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = "https://register.example.org";
  process.env.AUTH_SECRET = "x".repeat(40);
  actions = await import("@/lib/attendance/actions.ts");
  uploadRoute = await import("@/app/admin/meetings/[meetingId]/attendance/upload/route.ts");
  exportRoute = await import("@/app/admin/meetings/[meetingId]/participants/export/route.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});

let meetingId: string;
let otherMeetingId: string;
let registrationId: string;
let rowId: string;
let reportId: string;

async function signInAs(email: string, meeting: string | null, role: "OWNER" | "EDITOR" | "VIEWER") {
  const user = await test.db.user.upsert({ where: { email }, create: { email }, update: {} });
  if (meeting) await test.db.meetingOrganizer.create({ data: { meetingId: meeting, userId: user.id, role } });
  const sessionToken = randomBytes(32).toString("hex");
  await test.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  cookieJar.set("__Secure-authjs.session-token", sessionToken);
}

async function snapshot() {
  const [reports, rows, links, audit] = await Promise.all([
    test.db.attendanceReport.count(),
    test.db.attendanceReportRow.findMany({ orderBy: { id: "asc" } }),
    test.db.joinLink.findMany({ orderBy: { tokenHash: "asc" } }),
    test.db.auditEntry.count(),
  ]);
  return JSON.stringify({ reports, rows, links, audit });
}

async function outcome(call: () => Promise<unknown>): Promise<{ redirect?: string; status?: number }> {
  try {
    const value = await call();
    return value instanceof Response ? { status: value.status } : {};
  } catch (error) {
    if (error instanceof Redirect) return { redirect: error.url };
    throw error;
  }
}

const REPORT = "Name (Original Name),User Email,Join Time\nAda,ada@example.org,2021-11-15 13:00\n";
const params = () => ({ params: Promise.resolve({ meetingId }) });
const calls = () => ({
  upload: () => {
    const body = new FormData();
    body.append("report", new File([REPORT], "r.csv", { type: "text/csv" }));
    return uploadRoute.POST(
      new Request(`https://register.example.org/admin/meetings/${meetingId}/attendance/upload`, { method: "POST", body }),
      params(),
    );
  },
  resolveReportRowAction: () => {
    const body = new FormData();
    body.append("reportId", reportId);
    body.append("rowId", rowId);
    body.append("resolution", registrationId);
    return actions.resolveReportRowAction(meetingId, body);
  },
  revokeJoinLinksAction: () => actions.revokeJoinLinksAction(meetingId, registrationId),
});

beforeEach(async () => {
  await test.reset();
  cookieJar.clear();
  meetingId = (await createMeeting(test.db)).id;
  otherMeetingId = (await createMeeting(test.db)).id;
  const registration = await test.db.registration.create({
    data: {
      reference: "Q-ATTND-00001",
      meetingId,
      email: "grace@example.org",
      givenName: "Grace",
      familyName: "Hopper",
      country: "US",
      category: "ACADEMIA",
      status: "CONFIRMED",
      privacyAcceptedAt: new Date(),
    },
  });
  registrationId = registration.id;
  await test.db.joinLink.create({ data: { tokenHash: "d".repeat(64), registrationId } });
  const report = await test.db.attendanceReport.create({
    data: { meetingId, platform: "zoom", fileName: "r.csv", uploadedById: "someone", uploadedAt: new Date() },
  });
  reportId = report.id;
  rowId = (
    await test.db.attendanceReportRow.create({
      data: { reportId, line: 2, name: "Amazing Grace", joinedAt: new Date(), inSession: false },
    })
  ).id;
});

describe("attendance actions and routes", () => {
  it("an anonymous visitor is sent to sign in (routes: 401) and nothing changes", async () => {
    const before = await snapshot();
    for (const [name, call] of Object.entries(calls())) {
      const result = await outcome(call);
      expect(result, name).toEqual(name === "upload" ? { status: 401 } : { redirect: "/sign-in" });
    }
    expect(await outcome(() => exportRoute.GET(new Request(`https://register.example.org/x?format=xlsx`), params()))).toEqual({
      status: 401,
    });
    expect(await snapshot()).toBe(before);
  });

  it("an organizer of another meeting is refused (routes: 404) and nothing changes", async () => {
    await signInAs("other@example.org", otherMeetingId, "OWNER");
    const before = await snapshot();
    for (const [name, call] of Object.entries(calls())) {
      const result = await outcome(call);
      expect(result, name).toEqual(name === "upload" ? { status: 404 } : { redirect: "/admin?error=forbidden" });
    }
    expect(await outcome(() => exportRoute.GET(new Request(`https://register.example.org/x?format=csv`), params()))).toEqual({
      status: 404,
    });
    expect(await snapshot()).toBe(before);
  });

  it("a viewer may export the list but not upload, resolve or revoke", async () => {
    await signInAs("viewer@example.org", meetingId, "VIEWER");
    const before = await snapshot();
    for (const [name, call] of Object.entries(calls())) {
      const result = await outcome(call);
      expect(result, name).toEqual(name === "upload" ? { status: 404 } : { redirect: "/admin?error=forbidden" });
    }
    expect(await snapshot()).toBe(before);
    expect(await outcome(() => exportRoute.GET(new Request(`https://register.example.org/x?format=csv`), params()))).toEqual({
      status: 200,
    });
    expect(await test.db.auditEntry.count({ where: { action: "participants.exported" } })).toBe(1);
  });

  it("an editor uploads, resolves and revokes: each leaves its rows and audit entry", async () => {
    await signInAs("editor@example.org", meetingId, "EDITOR");
    const { upload, resolveReportRowAction, revokeJoinLinksAction } = calls();
    const uploaded = await outcome(upload);
    expect(uploaded.status).toBe(303);
    expect(
      await test.db.attendanceReport.count({ where: { meetingId, fileName: "r.csv", platform: "zoom", uploadedById: { not: "someone" } } }),
    ).toBe(1);
    expect(await outcome(resolveReportRowAction)).toEqual({ redirect: `/admin/meetings/${meetingId}/attendance/${reportId}?done=matched` });
    expect(await test.db.attendanceReportRow.findUniqueOrThrow({ where: { id: rowId } })).toMatchObject({
      registrationId,
      matchedBy: "organizer",
    });
    expect(await outcome(revokeJoinLinksAction)).toEqual({
      redirect: `/admin/meetings/${meetingId}/registrations/${registrationId}?done=links-revoked&changed=1#join-links`,
    });
    expect((await test.db.joinLink.findUniqueOrThrow({ where: { tokenHash: "d".repeat(64) } })).revokedAt).not.toBeNull();
    const actionsAudited = (await test.db.auditEntry.findMany({ where: { meetingId }, orderBy: { createdAt: "asc" } })).map(
      (entry) => entry.action,
    );
    expect(actionsAudited).toEqual(["attendance.report-imported", "attendance.row-resolved", "attendance.links-revoked"]);
  });

  it("the upload route sends a file above 10 MB back to the form with its error, storing nothing", async () => {
    await signInAs("editor@example.org", meetingId, "EDITOR");
    const body = new FormData();
    body.append("report", new File([new Uint8Array(10 * 1024 * 1024 + 1)], "huge.csv", { type: "text/csv" }));
    const response = await uploadRoute.POST(
      new Request(`https://register.example.org/admin/meetings/${meetingId}/attendance/upload`, { method: "POST", body }),
      params(),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/admin/meetings/${meetingId}/attendance?error=too-large`);
    expect(await test.db.attendanceReport.count({ where: { fileName: "huge.csv" } })).toBe(0);
  });
});
