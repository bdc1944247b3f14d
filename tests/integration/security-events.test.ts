// Security events at the edge and at the access check, on a real database: a refused
// cross-origin request, a 429 (counted per IPv6 /64) and an organizer refused a meeting are
// each one JSON line that says who, what and where — without tokens.
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";

let test: TestDatabase;
let proxy: typeof import("@/proxy.ts").proxy;
let access: typeof import("@/lib/auth/meeting-access.ts");
const APP_URL = "https://register.example.org";

beforeAll(async () => {
  test = await createTestDatabase(4);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = APP_URL;
  process.env.AUTH_SECRET = "x".repeat(40);
  proxy = (await import("@/proxy.ts")).proxy;
  access = await import("@/lib/auth/meeting-access.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});

let logLines: string[];
beforeEach(async () => {
  await test.reset();
  logLines = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void logLines.push(String(line)));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const events = () =>
  logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.category === "security")
    .map(({ time: _time, ...rest }) => rest);

function post(path: string, headers: Record<string, string>) {
  return new NextRequest(`${APP_URL}${path}`, { method: "POST", headers });
}

describe("proxy.ts", () => {
  it("a refused cross-origin post is logged with the client, the origin and the path", async () => {
    const response = await proxy(
      post("/meetings/practice/register", {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
        "x-forwarded-for": "2001:db8::5",
      }),
    );
    expect(response.status).toBe(403);
    expect(events()).toEqual([
      {
        category: "security",
        event: "request.cross-origin-refused",
        method: "POST",
        path: "/meetings/practice/register",
        client: "2001:db8::5",
        origin: "https://evil.example",
        fetchSite: "cross-site",
      },
    ]);
  });

  it("a refused post to a manage link is logged without the token", async () => {
    const token = "Zx81_kP0qv7mWd3RtY6uB2nE9sLc4HfAq1w2e3r4t5y";
    const response = await proxy(post(`/manage/${token}?x=1`, { "x-forwarded-for": "203.0.113.7" }));
    expect(response.status).toBe(403);
    expect(events()).toMatchObject([{ event: "request.cross-origin-refused", path: "/manage/[token]", client: "203.0.113.7" }]);
    expect(logLines.join("\n")).not.toContain(token);
  });

  it("sign-in posts beyond the limit from one IPv6 /64 get a 429, logged with the rule and the client", async () => {
    const statuses = [];
    for (let index = 1; index <= 11; index++) {
      const response = await proxy(
        post("/sign-in", { origin: APP_URL, "sec-fetch-site": "same-origin", "x-forwarded-for": `2001:db8:7:7::${index.toString(16)}` }),
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((status) => status !== 429)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(events()).toEqual([
      { category: "security", event: "request.rate-limited", rule: "sign-in", method: "POST", path: "/sign-in", client: "2001:db8:7:7::b" },
    ]);
  });

  it("a same-origin request under the limits logs nothing", async () => {
    await proxy(post("/sign-in", { origin: APP_URL, "sec-fetch-site": "same-origin", "x-forwarded-for": "203.0.113.8" }));
    expect(events()).toEqual([]);
  });
});

describe("findMeetingForOrganizer", () => {
  it("logs an organizer refused a meeting, with the user, the meeting and the permission asked for", async () => {
    const meeting = await createMeeting(test.db);
    const viewer = await test.db.user.create({ data: { email: "viewer@example.org" } });
    const stranger = await test.db.user.create({ data: { email: "stranger@example.org", canCreateMeetings: true } });
    await test.db.meetingOrganizer.create({ data: { meetingId: meeting.id, userId: viewer.id, role: "VIEWER" } });

    expect(await access.findMeetingForOrganizer(test.db, { userId: viewer.id, meetingId: meeting.id, permission: "read" })).not.toBeNull();
    expect(events()).toEqual([]);
    expect(await access.findMeetingForOrganizer(test.db, { userId: viewer.id, meetingId: meeting.id, permission: "decide" })).toBeNull();
    expect(await access.findMeetingForOrganizer(test.db, { userId: stranger.id, meetingId: meeting.id, permission: "read" })).toBeNull();
    expect(
      await access.findMeetingForOrganizer(test.db, { userId: stranger.id, meetingId: "not-a-meeting-id", permission: "read" }),
    ).toBeNull();
    expect(events()).toEqual([
      { category: "security", event: "access.denied", userId: viewer.id, meetingId: meeting.id, permission: "decide", role: "VIEWER" },
      { category: "security", event: "access.denied", userId: stranger.id, meetingId: meeting.id, permission: "read" },
      { category: "security", event: "access.denied", userId: stranger.id, meetingId: "[malformed]", permission: "read" },
    ]);
  });
});
