// Security events (ASVS 16.3) are one JSON line each, with who, what and where, and no secrets:
// no tokens, no full address of someone who is not an organizer.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loggablePath, logSecurityEvent, pseudonymizeAddress } from "@/lib/log.ts";

let lines: string[];
beforeEach(() => {
  lines = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("logSecurityEvent", () => {
  it("writes one JSON line with the time, the event, the security category and the fields", () => {
    logSecurityEvent("access.denied", { userId: "u-1", meetingId: "m-1", permission: "decide" });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "");
    expect(entry).toEqual({
      time: expect.any(String),
      category: "security",
      event: "access.denied",
      userId: "u-1",
      meetingId: "m-1",
      permission: "decide",
    });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it("a value with line breaks and quotes cannot forge a second line or a field", () => {
    logSecurityEvent("request.cross-origin-refused", {
      method: "POST",
      path: "/sign-in",
      client: "203.0.113.7",
      origin: 'https://evil.example\n{"event":"auth.sign-in","userId":"admin"}',
      fetchSite: "cross-site",
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\r\n]/);
    const entry = JSON.parse(lines[0] ?? "");
    expect(entry.event).toBe("request.cross-origin-refused");
    expect(entry.userId).toBeUndefined();
  });

  it("cuts long values to 200 characters", () => {
    logSecurityEvent("request.rate-limited", { rule: "sign-in", method: "POST", path: `/${"a".repeat(5000)}`, client: "203.0.113.7" });
    expect(JSON.parse(lines[0] ?? "").path).toHaveLength(200);
  });

  it("leaves out fields that are undefined", () => {
    logSecurityEvent("auth.sign-in.refused", { reason: "invalid-or-expired-link" });
    expect(Object.keys(JSON.parse(lines[0] ?? ""))).toEqual(["time", "category", "event", "reason"]);
  });
});

describe("pseudonymizeAddress", () => {
  it("keeps the domain and a short hash of the address, never the local part", () => {
    const value = pseudonymizeAddress("Ada.Lovelace@Example.org");
    expect(value).toMatch(/^[0-9a-f]{12}@example\.org$/);
    expect(value.toLowerCase()).not.toContain("ada");
  });

  it("gives one address one value (investigations can follow it) and two addresses two", () => {
    expect(pseudonymizeAddress("ada@example.org")).toBe(pseudonymizeAddress(" ADA@example.org "));
    expect(pseudonymizeAddress("ada@example.org")).not.toBe(pseudonymizeAddress("bob@example.org"));
  });

  it("never returns something that is not an address in clear either", () => {
    expect(pseudonymizeAddress("no-at-sign")).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("loggablePath", () => {
  it.each<[string, string]>([
    ["/sign-in", "/sign-in"],
    ["/api/auth/callback/email?token=secret&email=a%40b.c", "/api/auth/callback/email"],
    ["/manage/Zx81_kP0qv7mWd3RtY6uB2nE9sLc4HfA", "/manage/[token]"],
    ["/manage/Zx81_kP0qv7mWd3RtY6uB2nE9sLc4HfA/withdraw", "/manage/[token]/withdraw"],
    ["/join/abc", "/join/[token]"],
    ["/admin/meetings/0b6f1c1e-8f2a-4d5b-9c3e-1a2b3c4d5e6f/export", "/admin/meetings/0b6f1c1e-8f2a-4d5b-9c3e-1a2b3c4d5e6f/export"],
    ["/something/qwertyuiopASDFGHJKLzxcvbnm1234567890_-", "/something/[token]"],
    ["/meetings/fg-qit4n-10/register", "/meetings/fg-qit4n-10/register"],
  ])("%s → %s", (path, expected) => {
    expect(loggablePath(path)).toBe(expected);
  });
});
