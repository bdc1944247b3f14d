// /dev/emails: every template rendered with sample data, its HTML from its own route in a
// sandboxed frame (the dev mailbox's policy), only while the dev mailbox is on; and the two
// places that let the dev mailbox's frames through (proxy.ts, next.config.ts) let these through too.
import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EMAIL_PREVIEWS } from "@/emails/samples.ts";

vi.mock("next-intl/server", async () => {
  const { getMessages, getTranslator } = await import("@/lib/i18n/messages.ts");
  return {
    getLocale: async () => "en",
    getMessages: async () => getMessages("en"),
    // The real getTranslations takes any namespace of the catalogue; the mock passes it through.
    getTranslations: async (namespace: string) => getTranslator("en", namespace as never),
  };
});

// The matcher Next itself reads `headers()` sources with.
const { pathToRegexp } = createRequire(import.meta.url)("next/dist/compiled/path-to-regexp") as {
  pathToRegexp: (source: string, keys: unknown[], options: object) => RegExp;
};
const SANDBOX_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";
const savedEnv = { ...process.env };

async function useEnv(overrides: Record<string, string | undefined>) {
  process.env = { ...savedEnv, DATABASE_URL: "postgresql://quorum@127.0.0.1:1/unused", AUTH_SECRET: "x".repeat(40), ...overrides };
  vi.resetModules();
}

async function getHtml(template: string) {
  const { GET } = await import("@/app/dev/emails/[template]/html/route.ts");
  return GET(new Request(`http://localhost/dev/emails/${template}/html`), { params: Promise.resolve({ template }) });
}

async function renderPage(): Promise<string> {
  const { default: Page } = await import("@/app/dev/emails/page.tsx");
  return renderToStaticMarkup((await Page()) as ReactElement);
}

beforeEach(() => useEnv({ NODE_ENV: "development", SMTP_URL: undefined, DEV_MAILBOX: undefined }));
afterEach(() => {
  process.env = { ...savedEnv };
});

describe("with the dev mailbox on", () => {
  it.each(EMAIL_PREVIEWS.map((preview) => preview.id))(
    "/dev/emails/%s/html is the template's HTML as an inert, sandboxed document",
    async (id) => {
      const response = await getHtml(id);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toBe(SANDBOX_POLICY);
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(response.headers.get("cache-control")).toBe("no-store");
      const html = await response.text();
      expect(html).toMatch(/^<!DOCTYPE html/i);
      expect(html).toContain('<html dir="ltr" lang="en">');
    },
  );

  it("an unknown template is not found", async () => {
    expect((await getHtml("no-such-template")).status).toBe(404);
    expect((await getHtml("..")).status).toBe(404);
  });

  it("/dev/emails lists every template, each with its subject, a sandboxed frame of its HTML and its text part", async () => {
    const page = await renderPage();
    expect(page).toContain("<h1>Email templates</h1>");
    for (const preview of EMAIL_PREVIEWS) {
      expect(page).toContain(`href="#${preview.id}"`);
      expect(page).toMatch(new RegExp(`<iframe [^>]*sandbox="" src="/dev/emails/${preview.id}/html"`));
    }
    expect(page.match(/<pre class="mail-text">/g)).toHaveLength(EMAIL_PREVIEWS.length);
    // The sample data, in the subject and in the text part.
    expect(page).toContain("Registration confirmed: FG-QIT4N-4");
    expect(page).toMatch(/Passcode +QiT-4n-pass/);
    expect(page).toContain("Your sign-in link for Quorum");
  });
});

describe("with the dev mailbox off (production with an SMTP server)", () => {
  beforeEach(() => useEnv({ NODE_ENV: "production", SMTP_URL: "smtp://mail.example.org:587", DEV_MAILBOX: undefined }));

  it("the HTML route is not found", async () => {
    expect((await getHtml("registration-confirmed")).status).toBe(404);
  });

  it("the page is not found", async () => {
    await expect(renderPage()).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
  });
});

describe("the frames get through", () => {
  it("proxy.ts leaves the preview's HTML route to its own policy, and gives the page the app's policy", async () => {
    await useEnv({ NODE_ENV: "development", APP_URL: "http://localhost:3000" });
    const { proxy } = await import("@/proxy.ts");
    const frame = await proxy(new NextRequest("http://localhost:3000/dev/emails/registration-confirmed/html"));
    expect(frame.headers.get("content-security-policy")).toBeNull();
    const page = await proxy(new NextRequest("http://localhost:3000/dev/emails"));
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("next.config.ts sends X-Frame-Options: DENY everywhere except the two framed HTML routes", async () => {
    const { default: config } = await import("@/next.config.ts");
    const rules = (await config.headers?.()) ?? [];
    const denies = (path: string) =>
      rules.some(
        (rule) =>
          pathToRegexp(rule.source, [], {}).test(path) &&
          rule.headers.some((header) => header.key === "X-Frame-Options" && header.value === "DENY"),
      );
    expect(denies("/dev/emails/registration-confirmed/html")).toBe(false);
    expect(denies("/dev/mailbox/3f2a9c1e-0000-4000-8000-000000000001/html")).toBe(false);
    for (const path of ["/dev/emails", "/dev/mailbox", "/admin", "/", "/dev/emails/x/html/more"]) expect(denies(path), path).toBe(true);
  });
});
