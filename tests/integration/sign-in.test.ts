// Organizer sign-in through Auth.js itself (@auth/core with our configuration, as the /api/auth
// route runs it) on a real database: the per-address link limit holds on every path, the
// answer never tells an organizer from a stranger, session tokens are 256 random bits, and
// sign-in, refusals and sign-out are logged as security events without secrets.
import { Auth } from "@auth/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Env } from "@/lib/env.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

let test: TestDatabase;
let config: typeof import("@/lib/auth/config.ts");
let env: Env;
let SIGN_IN_LINKS_PER_ADDRESS: number;

const APP_URL = "https://register.example.org";
const ORGANIZER = "organizer@example.org";

beforeAll(async () => {
  test = await createTestDatabase(4);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = APP_URL;
  process.env.AUTH_SECRET = "x".repeat(40);
  config = await import("@/lib/auth/config.ts");
  env = (await import("@/lib/env.ts")).getEnv();
  SIGN_IN_LINKS_PER_ADDRESS = (await import("@/lib/security/rate-limit.ts")).RATE_LIMITS.signInAddress.limit;
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});

let organizerId: string;
let logLines: string[];
beforeEach(async () => {
  await test.reset();
  organizerId = (await test.db.user.create({ data: { email: ORGANIZER, canCreateMeetings: true } })).id;
  logLines = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void logLines.push(String(line)));
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A browser talking to Auth.js: keeps the cookies it is given. */
function browser() {
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  async function request(path: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers({ cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") });
    if (init.form) headers.set("content-type", "application/x-www-form-urlencoded");
    const response = await Auth(
      new Request(`${APP_URL}/api/auth${path}`, {
        method: init.method ?? "GET",
        headers,
        body: init.form ? new URLSearchParams(init.form) : undefined,
      }),
      { ...config.authConfig(env, test.db), basePath: "/api/auth" },
    );
    for (const cookie of response.headers.getSetCookie()) {
      setCookies.push(cookie);
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
  async function csrfToken(): Promise<string> {
    return ((await (await request("/csrf")).json()) as { csrfToken: string }).csrfToken;
  }
  return { jar, setCookies, request, csrfToken };
}

async function askForLink(client: ReturnType<typeof browser>, email: string) {
  const response = await client.request("/signin/email", {
    method: "POST",
    form: { email, csrfToken: await client.csrfToken(), callbackUrl: "/admin" },
  });
  return { status: response.status, location: response.headers.get("location") };
}

const signInEmails = (to = ORGANIZER) =>
  test.db.outboxEmail.findMany({ where: { kind: "sign-in-link", toAddress: to }, orderBy: { createdAt: "asc" } });

/** The token in the newest sign-in email to the organizer. */
async function linkToken(): Promise<string> {
  const email = (await signInEmails()).at(-1);
  const link = /https:\/\/\S+\/sign-in\/confirm\?\S+/.exec(email?.textBody ?? "")?.[0] ?? "";
  return new URL(link).searchParams.get("token") ?? "";
}

const events = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.category === "security");

describe("the per-address limit on sign-in links", () => {
  it("N+2 requests for one address through the function Auth.js calls queue exactly N sign-in emails", async () => {
    const provider = config.signInLinkProvider(env, test.db);
    for (let attempt = 0; attempt < SIGN_IN_LINKS_PER_ADDRESS + 2; attempt++) {
      await provider.sendVerificationRequest({
        identifier: ORGANIZER,
        url: `${APP_URL}/api/auth/callback/email?token=t${attempt}&email=${encodeURIComponent(ORGANIZER)}`,
        expires: new Date(Date.now() + 600_000),
        provider: provider as never,
        token: `t${attempt}`,
        theme: {},
        request: new Request(APP_URL),
      });
    }
    expect(await signInEmails()).toHaveLength(SIGN_IN_LINKS_PER_ADDRESS);
    expect(events().filter((event) => event.event === "auth.sign-in-link.throttled")).toHaveLength(2);
  });

  it("posting to Auth.js's own /api/auth/signin/email is held to the same limit, with the same answer every time", async () => {
    const client = browser();
    const answers = [];
    for (let attempt = 0; attempt < SIGN_IN_LINKS_PER_ADDRESS + 2; attempt++) answers.push(await askForLink(client, ORGANIZER));
    expect(await signInEmails()).toHaveLength(SIGN_IN_LINKS_PER_ADDRESS);
    // Under the limit, over it, or not an organizer at all: one answer.
    answers.push(await askForLink(client, "stranger@example.org"));
    // (Auth.js's verify-request step then sends the browser on to /sign-in/check-email.)
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(
      new Set([JSON.stringify({ status: 302, location: `${APP_URL}/api/auth/verify-request?provider=email&type=email` })]),
    );
    expect(await signInEmails("stranger@example.org")).toHaveLength(0);
  });

  it("the limit is per address: another organizer still gets a link", async () => {
    await test.db.user.create({ data: { email: "second@example.org", canCreateMeetings: true } });
    const client = browser();
    for (let attempt = 0; attempt < SIGN_IN_LINKS_PER_ADDRESS + 1; attempt++) await askForLink(client, ORGANIZER);
    await askForLink(client, "Second@Example.org");
    expect(await signInEmails("second@example.org")).toHaveLength(1);
  });
});

describe("sessions made by a used link", () => {
  it("the session token is 32 random bytes (256 bits) in base64url, in the __Secure- cookie", async () => {
    const client = browser();
    await askForLink(client, ORGANIZER);
    const response = await client.request(
      `/callback/email?${new URLSearchParams({ token: await linkToken(), email: ORGANIZER, callbackUrl: "/admin" })}`,
      {
        method: "POST",
      },
    );
    expect(response.headers.get("location")).toBe(`${APP_URL}/admin`);
    const sessionToken = client.jar.get("__Secure-authjs.session-token") ?? "";
    expect(sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(sessionToken, "base64url")).toHaveLength(32);
    expect(client.jar.has("authjs.session-token")).toBe(false);
    const sessions = await test.db.session.findMany();
    expect(sessions.map((session) => [session.sessionToken, session.userId])).toEqual([[sessionToken, organizerId]]);
  });

  it("the browser keeps the cookie until the 12-hour limit; the row's 30-minute idle window decides before that", async () => {
    const client = browser();
    await askForLink(client, ORGANIZER);
    const before = Date.now();
    await client.request(`/callback/email?${new URLSearchParams({ token: await linkToken(), email: ORGANIZER })}`, { method: "POST" });
    const cookie = client.setCookies.find((line) => line.startsWith("__Secure-authjs.session-token=")) ?? "";
    const cookieExpires = new Date(/Expires=([^;]+)/i.exec(cookie)?.[1] ?? 0).getTime();
    // Without this, the cookie died 30 minutes after sign-in however active the organizer was.
    expect(cookieExpires - before).toBeGreaterThan(12 * 3_600_000 - 5_000);
    expect(cookieExpires - before).toBeLessThanOrEqual(12 * 3_600_000 + 5_000);
    const [session] = await test.db.session.findMany();
    expect((session?.expires.getTime() ?? 0) - before).toBeLessThanOrEqual(30 * 60_000 + 5_000);
  });
});

describe("security events", () => {
  it("a sign-in and a sign-out are logged with the organizer, never with a token", async () => {
    const client = browser();
    await askForLink(client, ORGANIZER);
    const token = await linkToken();
    await client.request(`/callback/email?${new URLSearchParams({ token, email: ORGANIZER })}`, { method: "POST" });
    const sessionToken = client.jar.get("__Secure-authjs.session-token") ?? "";
    expect(sessionToken).not.toBe("");
    await client.request("/signout", { method: "POST", form: { csrfToken: await client.csrfToken() } });
    expect(await test.db.session.count()).toBe(0);

    expect(events().map(({ time: _time, ...rest }) => rest)).toEqual([
      { category: "security", event: "auth.sign-in-link.sent", email: ORGANIZER },
      { category: "security", event: "auth.sign-in", userId: organizerId, email: ORGANIZER },
      { category: "security", event: "auth.sign-out", userId: organizerId },
    ]);
    for (const line of logLines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain(sessionToken);
    }
  });

  it("a tampered link and a link used by someone who is no longer an organizer are logged as refused sign-ins", async () => {
    const client = browser();
    await askForLink(client, ORGANIZER);
    const token = await linkToken();
    const tampered = `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;
    await client.request(`/callback/email?${new URLSearchParams({ token: tampered, email: ORGANIZER })}`, { method: "POST" });
    await test.db.user.update({ where: { id: organizerId }, data: { canCreateMeetings: false } });
    await client.request(`/callback/email?${new URLSearchParams({ token, email: ORGANIZER })}`, { method: "POST" });
    expect(await test.db.session.count()).toBe(0);

    const refused = events().filter((event) => event.event === "auth.sign-in.refused");
    expect(refused.map(({ time: _time, ...rest }) => rest)).toEqual([
      { category: "security", event: "auth.sign-in.refused", reason: "invalid-or-expired-link" },
      { category: "security", event: "auth.sign-in.refused", reason: "not-an-organizer", userId: organizerId },
    ]);
    for (const line of logLines) {
      expect(line).not.toContain(token);
      expect(line).not.toContain(tampered);
    }
  });

  it("a link asked for an address that is not an organizer is logged without the address in clear", async () => {
    await askForLink(browser(), "stranger@example.org");
    const [event] = events().filter((line) => line.event === "auth.sign-in-link.ignored");
    expect(event).toMatchObject({ address: expect.stringMatching(/^[0-9a-f]{12}@example\.org$/) });
    expect(logLines.join("\n")).not.toContain("stranger@");
  });
});
