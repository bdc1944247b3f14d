// The public shell, rendered as the server renders it (Next's request APIs stubbed, the database
// real): the header tells a signed-in organizer where the console is, and the home page reaches
// every open meeting through its pages instead of cutting the list off.
import { randomBytes } from "node:crypto";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createDatabaseClient } from "@/lib/db/client.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildMeeting } from "../helpers/factories.ts";

const cookieJar = new Map<string, string>();
// Auth.js names the cookie by scheme (__Secure- on https): the session is sent under both names.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock("next-intl/server", async () => {
  const { getMessages, getTranslator } = await import("@/lib/i18n/messages.ts");
  return {
    getLocale: async () => "en",
    getMessages: async () => getMessages("en"),
    // The real getTranslations takes any namespace of the catalogue; the mock passes it through.
    getTranslations: async (namespace: string) => getTranslator("en", namespace as never),
  };
});

let test: TestDatabase;
let RootLayout: (props: { children: ReactElement }) => Promise<ReactElement>;
let HomePage: (props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) => Promise<ReactElement>;

beforeAll(async () => {
  test = await createTestDatabase(5);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = "https://register.example.org";
  process.env.AUTH_SECRET = "x".repeat(40);
  RootLayout = (await import("@/app/layout.tsx")).default as never;
  HomePage = (await import("@/app/page.tsx")).default as never;
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});
beforeEach(async () => {
  await test.reset();
  cookieJar.clear();
});

async function renderLayout(): Promise<string> {
  return renderToStaticMarkup(await RootLayout({ children: createElement("p", null, "page content") }));
}

function headerOf(html: string): string {
  return /<header[\s\S]*?<\/header>/.exec(html)?.[0] ?? "";
}

async function signIn(email: string, expires = new Date(Date.now() + 3_600_000)) {
  const user = await test.db.user.create({ data: { email, canCreateMeetings: true } });
  const sessionToken = randomBytes(32).toString("hex");
  await test.db.session.create({ data: { sessionToken, userId: user.id, expires } });
  for (const name of SESSION_COOKIES) cookieJar.set(name, sessionToken);
}

describe("the header", () => {
  it("shows a signed-in organizer a link to the console instead of the sign-in link", async () => {
    expect(headerOf(await renderLayout())).toContain('<a href="/admin">Organizer sign-in</a>');
    await signIn("organizer@example.org");
    const header = headerOf(await renderLayout());
    expect(header).toContain('<a href="/admin">Organizer console</a>');
    expect(header).not.toContain("Organizer sign-in");
  });

  it("treats an expired session as a visitor", async () => {
    await signIn("organizer@example.org", new Date(Date.now() - 1000));
    expect(headerOf(await renderLayout())).toContain("Organizer sign-in");
  });

  it("still renders public pages when the session cannot be read (database unreachable)", async () => {
    const shared = globalThis as unknown as { quorumDatabase?: unknown };
    const working = shared.quorumDatabase;
    const unreachable = createDatabaseClient("postgresql://postgres@127.0.0.1:1/nowhere", 1);
    shared.quorumDatabase = unreachable;
    try {
      for (const name of SESSION_COOKIES) cookieJar.set(name, "a".repeat(64));
      const html = await renderLayout();
      expect(html).toContain("page content");
      expect(headerOf(html)).toContain("Organizer sign-in");
    } finally {
      shared.quorumDatabase = working;
      await unreachable.$disconnect();
    }
  });
});

describe("the home page", () => {
  async function renderHome(search: Record<string, string>): Promise<string> {
    return renderToStaticMarkup(await HomePage({ searchParams: Promise.resolve(search) }));
  }
  const decode = (href: string) => href.replaceAll("&amp;", "&");

  it("reaches every open meeting through numbered pages, not only the first 200", async () => {
    const now = new Date();
    const day = 24 * 60 * 60 * 1000;
    await test.db.meeting.createMany({
      data: [
        ...Array.from({ length: 205 }, (_, index) =>
          buildMeeting({ slug: `open-${index}`, registrationClosesAt: new Date(now.getTime() + (index + 1) * 60_000 + day) }, now),
        ),
        ...Array.from({ length: 3 }, (_, index) =>
          buildMeeting({ slug: `closed-${index}`, registrationClosesAt: new Date(now.getTime() - (index + 1) * day) }, now),
        ),
      ],
    });
    const seen: string[] = [];
    const closedSeen = new Set<string>();
    let search: Record<string, string> = {};
    for (let pages = 0; pages < 50; pages++) {
      const html = await renderHome(search);
      const [openPart = "", otherPart = ""] = html.split("Other meetings</h2>");
      seen.push(...[...openPart.matchAll(/href="\/meetings\/(open-\d+)"/g)].map((match) => match[1] ?? ""));
      for (const match of otherPart.matchAll(/href="\/meetings\/(closed-\d+)"/g)) closedSeen.add(match[1] ?? "");
      const next = /<a[^>]*href="\?([^"]+)"[^>]*rel="next"/.exec(openPart)?.[1];
      if (!next) break;
      search = Object.fromEntries(new URLSearchParams(decode(next)));
    }
    expect(seen).toHaveLength(205);
    expect(new Set(seen).size).toBe(205);
    // Closing soonest first, across pages.
    expect(seen.slice(0, 3)).toEqual(["open-0", "open-1", "open-2"]);
    expect(seen.at(-1)).toBe("open-204");
    expect([...closedSeen].sort()).toEqual(["closed-0", "closed-1", "closed-2"]);
  });

  it("marks the current page and answers a page past the end with the last one", async () => {
    const now = new Date();
    await test.db.meeting.createMany({
      data: Array.from({ length: 45 }, (_, index) =>
        buildMeeting({ slug: `open-${index}`, registrationClosesAt: new Date(now.getTime() + (index + 1) * 3_600_000) }, now),
      ),
    });
    const second = await renderHome({ page: "2" });
    expect(second).toMatch(/<nav[^>]*aria-label="Open for registration: pages"/);
    expect(second).toMatch(/aria-current="page"[^>]*>(<strong>)?2</);
    expect(second).toContain('rel="prev"');
    const beyond = await renderHome({ page: "999" });
    expect(beyond).toMatch(/aria-current="page"[^>]*>(<strong>)?3</);
    expect(beyond).toContain('href="/meetings/open-44"');
    expect(beyond).not.toContain('rel="next"');
    expect(await renderHome({ page: "nonsense" })).toContain('href="/meetings/open-0"');
  });
});
