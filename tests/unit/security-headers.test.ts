// Content-Security-Policy, the same-origin guard for state-changing requests, and the client
// address used for rate limits.
import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/security/client-address.ts";
import { buildContentSecurityPolicy, isSameOriginRequest } from "@/lib/security/content-security-policy.ts";

const NONCE = "r4nd0mN0nce+/A==";

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const directive of policy.split(";")) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `directive ${name} appears twice`).toBe(false);
    map.set(name, values);
  }
  return map;
}

describe("buildContentSecurityPolicy", () => {
  const policy = buildContentSecurityPolicy(NONCE, { upgradeInsecureRequests: false });
  const parsed = directives(policy);

  it("allows scripts only with this response's nonce", () => {
    expect(parsed.get("script-src")).toContain(`'nonce-${NONCE}'`);
    expect(policy).toContain(`'nonce-${NONCE}'`);
  });

  it("never allows inline or eval'd script", () => {
    const scriptSrc = parsed.get("script-src") ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc).not.toContain("*");
    expect(scriptSrc.filter((source) => /^https?:|^data:|^blob:/.test(source))).toEqual([]);
  });

  it.each([
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["frame-ancestors", ["'none'"]],
    ["default-src", ["'self'"]],
    ["form-action", ["'self'"]],
    ["connect-src", ["'self'"]],
  ])("sets %s to %j", (name, expected) => {
    expect(parsed.get(name)).toEqual(expected);
  });

  it("is a single header line", () => {
    expect(policy).not.toMatch(/[\r\n]/);
  });

  it("uses a different nonce for a different response", () => {
    expect(buildContentSecurityPolicy("other", { upgradeInsecureRequests: false })).not.toContain(NONCE);
  });

  it("adds upgrade-insecure-requests only when asked", () => {
    expect(parsed.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(buildContentSecurityPolicy(NONCE, { upgradeInsecureRequests: true })).has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("isSameOriginRequest", () => {
  const APP = "https://register.example.org";
  const INTERNAL = "http://localhost:3000";

  it.each<[string, Record<string, string>, boolean]>([
    ["Origin equal to APP_URL", { origin: APP }, true],
    ["Origin equal to the request's own origin", { origin: INTERNAL }, true],
    ["Origin of another site", { origin: "https://evil.example" }, false],
    ["Origin: null (sandboxed frame, file:, data:)", { origin: "null" }, false],
    ["Origin: null from a cross-site page", { origin: "null", "sec-fetch-site": "cross-site" }, false],
    ["Origin: null from our own no-referrer page (Sec-Fetch-Site: same-origin)", { origin: "null", "sec-fetch-site": "same-origin" }, true],
    ["Origin of a sub-domain", { origin: "https://evil.register.example.org" }, false],
    ["Origin with http instead of https", { origin: "http://register.example.org" }, false],
    ["Origin with another port", { origin: "https://register.example.org:8443" }, false],
    ["Origin with a trailing slash", { origin: `${APP}/` }, false],
    ["Origin whose prefix matches", { origin: `${APP}.evil.example` }, false],
    [
      "Origin of another site even with Sec-Fetch-Site: same-origin",
      { origin: "https://evil.example", "sec-fetch-site": "same-origin" },
      false,
    ],
    ["no Origin, Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }, true],
    ["no Origin, Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }, false],
    ["no Origin, Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }, false],
    ["no Origin, Sec-Fetch-Site: none", { "sec-fetch-site": "none" }, false],
    ["no Origin, a same-origin Referer only", { referer: `${APP}/meetings/x` }, false],
    ["no headers at all", {}, false],
  ])("%s → %s", (_label, headers, expected) => {
    expect(isSameOriginRequest(new Headers(headers), APP, INTERNAL)).toBe(expected);
  });
});

describe("clientAddress", () => {
  describe("behind a trusted reverse proxy (trustProxy = true)", () => {
    it.each<[string, Record<string, string>, string]>([
      ["one X-Forwarded-For entry", { "x-forwarded-for": "203.0.113.7" }, "203.0.113.7"],
      [
        "the last entry, appended by our proxy, wins over client-sent ones",
        { "x-forwarded-for": "6.6.6.6, 10.0.0.1, 203.0.113.7" },
        "203.0.113.7",
      ],
      ["entries are trimmed", { "x-forwarded-for": " 6.6.6.6 ,  203.0.113.7  " }, "203.0.113.7"],
      ["empty entries are skipped", { "x-forwarded-for": "203.0.113.7, ," }, "203.0.113.7"],
      ["IPv6", { "x-forwarded-for": "2001:db8::1" }, "2001:db8::1"],
      ["X-Real-IP alone is not trusted", { "x-real-ip": "6.6.6.6" }, "unknown"],
      ["no headers", {}, "unknown"],
      ["a blank X-Forwarded-For", { "x-forwarded-for": " , " }, "unknown"],
    ])("%s", (_label, headers, expected) => {
      expect(clientAddress(new Headers(headers), true)).toBe(expected);
    });
  });

  describe("without a trusted proxy (trustProxy = false)", () => {
    it.each<[string, Record<string, string>, string]>([
      ["the address Next.js put in X-Forwarded-For", { "x-forwarded-for": "203.0.113.7" }, "203.0.113.7"],
      ["the last X-Forwarded-For entry", { "x-forwarded-for": "6.6.6.6, 203.0.113.7" }, "203.0.113.7"],
      ["X-Real-IP when there is no X-Forwarded-For", { "x-real-ip": "203.0.113.9" }, "203.0.113.9"],
      ["X-Forwarded-For before X-Real-IP", { "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.9" }, "203.0.113.7"],
      ["no headers", {}, "unknown"],
    ])("%s", (_label, headers, expected) => {
      expect(clientAddress(new Headers(headers), false)).toBe(expected);
    });
  });

  it.each([true, false])("cuts an oversized address to 64 characters (trustProxy = %s)", (trustProxy) => {
    const address = clientAddress(new Headers({ "x-forwarded-for": "a".repeat(10_000) }), trustProxy);
    expect(address).toBe("a".repeat(64));
  });
});
