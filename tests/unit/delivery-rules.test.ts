// What an SMTP failure means, when to retry, and when to give up.
import { describe, expect, it } from "vitest";
import {
  classifyDeliveryError,
  isServerDownFailure,
  nextAttemptDelayMs,
  REMOVED_LINK,
  RETRY_FOR_MS,
  redactSecretLinks,
  shouldGiveUp,
} from "@/lib/mail/delivery-rules.ts";

const HOUR = 60 * 60 * 1000;

/** A nodemailer-style SMTP error. */
function smtpError(
  responseCode: number,
  response: string,
  code = "EENVELOPE",
): Error & { responseCode: number; response: string; code: string } {
  return Object.assign(new Error(`Can't send mail - all recipients were rejected: ${response}`), { responseCode, response, code });
}

/** A Node.js network error (no SMTP answer). */
function networkError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

describe("classifyDeliveryError", () => {
  it.each([
    [500, "500 5.5.1 Command unrecognized"],
    [550, "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown"],
    [552, "552 5.3.4 Message size exceeds fixed limit"],
    [553, "553 5.1.3 Bad recipient address syntax"],
    [554, "554 5.7.1 Message rejected as spam"],
    [599, "599 unknown permanent failure"],
  ])("SMTP %i is permanent", (responseCode, response) => {
    expect(classifyDeliveryError(smtpError(responseCode, response)).permanent).toBe(true);
  });

  it.each([
    [421, "421 4.7.0 Try again later, closing connection"],
    [450, "450 4.2.1 Mailbox busy"],
    [451, "451 4.3.0 Temporary local problem"],
    [452, "452 4.5.3 Too many recipients"],
    [454, "454 4.7.0 TLS not available due to temporary reason"],
  ])("SMTP %i is transient", (responseCode, response) => {
    expect(classifyDeliveryError(smtpError(responseCode, response)).permanent).toBe(false);
  });

  it.each([
    ["ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:587"],
    ["ETIMEDOUT", "connect ETIMEDOUT 192.0.2.1:587"],
    ["ECONNRESET", "read ECONNRESET"],
    ["EDNS", "getaddrinfo ENOTFOUND mail.example.org"],
    ["ETLS", "unable to verify the first certificate"],
  ])("%s (no SMTP answer) is transient", (code, message) => {
    const failure = classifyDeliveryError(networkError(code, message));
    expect(failure.permanent).toBe(false);
    expect(failure.summary).toBe(`${code} ${message}`);
  });

  it("summarises the response code, error code and server answer", () => {
    const failure = classifyDeliveryError(smtpError(550, "550 5.1.1 User unknown"));
    expect(failure).toEqual({ permanent: true, summary: "550 EENVELOPE 550 5.1.1 User unknown" });
  });

  it.each([
    ["CRLF", "550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 Please try again"],
    ["LF", "451 first line\nsecond line\n"],
    ["CR", "451 first line\rsecond line"],
    ["many blank lines", "451 a\r\n\r\n\r\n\r\nb"],
  ])("keeps a multi-line server answer (%s) on one line", (_label, response) => {
    const { summary } = classifyDeliveryError(smtpError(451, response));
    expect(summary).not.toMatch(/[\r\n]/);
    expect(summary.startsWith("451 EENVELOPE ")).toBe(true);
  });

  it("keeps a multi-line error message on one line", () => {
    const { summary } = classifyDeliveryError(new Error("Greeting never received\r\n2026-01-01 INFO forged line"));
    expect(summary).toBe("Greeting never received 2026-01-01 INFO forged line");
  });

  it("cuts a huge server answer to 1000 characters", () => {
    const { summary } = classifyDeliveryError(smtpError(451, `451 ${"x".repeat(10_000)}`));
    expect(summary).toHaveLength(1000);
  });

  it.each([
    ["an empty object", {}],
    ["an error without a message", new Error("")],
  ])("describes %s as 'unknown error', transient", (_label, error) => {
    expect(classifyDeliveryError(error)).toEqual({ permanent: false, summary: "unknown error" });
  });

  it("ignores a response code that is not a number", () => {
    const failure = classifyDeliveryError({ responseCode: "550", message: "odd" });
    expect(failure).toEqual({ permanent: false, summary: "odd" });
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "connection lost"],
    ["a number", 42],
  ])("does not throw for a thrown %s (the parameter is `unknown`), and treats it as transient", (_label, error) => {
    let failure: ReturnType<typeof classifyDeliveryError> | undefined;
    expect(() => {
      failure = classifyDeliveryError(error);
    }).not.toThrow();
    expect(failure?.permanent).toBe(false);
    expect(failure?.summary).toBeTruthy();
  });
});

describe("nextAttemptDelayMs", () => {
  const full = () => 1 - Number.EPSILON;
  const half = () => 0;

  it.each([
    [1, 15_000],
    [2, 30_000],
    [3, 60_000],
    [4, 120_000],
    [5, 240_000],
    [8, 1_920_000],
    [9, HOUR],
    [10, HOUR],
    [50, HOUR],
    [5000, HOUR],
  ])("after %i attempts waits at most %i ms", (attempts, ceiling) => {
    expect(nextAttemptDelayMs(attempts, full)).toBe(ceiling);
    expect(nextAttemptDelayMs(attempts, half)).toBe(ceiling / 2);
  });

  it("treats zero or negative attempts like the first", () => {
    expect(nextAttemptDelayMs(0, full)).toBe(15_000);
    expect(nextAttemptDelayMs(-3, full)).toBe(15_000);
  });

  it("grows with each attempt until the 1-hour cap", () => {
    const ceilings = Array.from({ length: 12 }, (_, index) => nextAttemptDelayMs(index + 1, full));
    for (let index = 1; index < ceilings.length; index++) {
      expect(ceilings[index]).toBeGreaterThanOrEqual(ceilings[index - 1] ?? 0);
    }
    expect(Math.max(...ceilings)).toBe(HOUR);
  });

  it("stays within [half, full] of the exponential delay for any random value", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let attempts = 1; attempts <= 20; attempts++) {
      const ceiling = Math.min(HOUR, 15_000 * 2 ** (attempts - 1));
      for (let draw = 0; draw < 50; draw++) {
        const delay = nextAttemptDelayMs(attempts, random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });

  it("draws the midpoint for random() = 0.5", () => {
    expect(nextAttemptDelayMs(3, () => 0.5)).toBe(45_000);
  });

  it("uses Math.random by default and stays in range", () => {
    for (let draw = 0; draw < 100; draw++) {
      const delay = nextAttemptDelayMs(1);
      expect(delay).toBeGreaterThanOrEqual(7_500);
      expect(delay).toBeLessThanOrEqual(15_000);
    }
  });
});

describe("shouldGiveUp", () => {
  const queuedAt = new Date("2021-11-12T10:00:00.000Z");
  const after = (ms: number) => new Date(queuedAt.getTime() + ms);

  it("retries for 48 hours", () => {
    expect(RETRY_FOR_MS).toBe(48 * HOUR);
  });

  it.each([
    ["right after queuing", 0, false],
    ["after 1 hour", HOUR, false],
    ["1 ms before 48 hours", 48 * HOUR - 1, false],
    ["at exactly 48 hours", 48 * HOUR, false],
    ["1 ms after 48 hours", 48 * HOUR + 1, true],
    ["after 3 days", 72 * HOUR, true],
  ])("%s → %s", (_label, elapsed, expected) => {
    expect(shouldGiveUp(queuedAt, after(elapsed))).toBe(expected);
  });
});

describe("isServerDownFailure", () => {
  it.each([
    ["a refused connection", networkError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:587")],
    ["a timeout", networkError("ETIMEDOUT", "connect ETIMEDOUT 192.0.2.1:587")],
    ["a TLS failure", networkError("ETLS", "unable to verify the first certificate")],
    ["421, the server closing for everyone", smtpError(421, "421 4.7.0 Try again later, closing connection", "EMESSAGE")],
  ])("%s: the server was down", (_label, error) => {
    expect(isServerDownFailure(classifyDeliveryError(error).summary)).toBe(true);
  });

  it.each([
    ["450, a mailbox busy", smtpError(450, "450 4.2.1 Mailbox busy")],
    ["451, greylisting", smtpError(451, "451 4.7.1 Greylisted, try again later")],
    ["452, a mailbox full", smtpError(452, "452 4.2.2 Mailbox full")],
  ])("%s: about this email, not the server", (_label, error) => {
    expect(isServerDownFailure(classifyDeliveryError(error).summary)).toBe(false);
  });
});

describe("redactSecretLinks", () => {
  const TOKEN = "Abc_def-123456789012345678901234567890abcd"; // 43 base64url characters
  const APP = "https://register.example.org";

  it.each([
    ["a manage link", `${APP}/manage/${TOKEN}`],
    ["a manage link under a path prefix", `https://example.org/quorum/manage/${TOKEN}`],
    ["a join link", `${APP}/join/${TOKEN}`],
    ["the sign-in page's link", `${APP}/sign-in/confirm?token=${TOKEN}&email=organizer%40example.org`],
    ["Auth.js's own callback link", `${APP}/api/auth/callback/email?callbackUrl=%2Fadmin&token=${TOKEN}&email=o%40example.org`],
    ["plain http", `http://localhost:3000/manage/${TOKEN}`],
  ])("removes %s from plain text, whole", (_label, url) => {
    const text = `To change your registration, open\n${url}\nThank you.`;
    expect(redactSecretLinks(text)).toBe(`To change your registration, open\n${REMOVED_LINK}\nThank you.`);
    expect(redactSecretLinks(text)).not.toContain(TOKEN);
  });

  it("removes a link from an HTML attribute and from the link text, escaped ampersands included", () => {
    const url = `${APP}/sign-in/confirm?token=${TOKEN}&amp;email=organizer%40example.org`;
    const html = `<p><a href="${url}" style="color:#1d70b8">${url}</a></p>`;
    expect(redactSecretLinks(html)).toBe(`<p><a href="${REMOVED_LINK}" style="color:#1d70b8">${REMOVED_LINK}</a></p>`);
  });

  it("keeps the punctuation that ends a sentence after a link", () => {
    expect(redactSecretLinks(`Open ${APP}/manage/${TOKEN}. Or ${APP}/join/${TOKEN}, or (${APP}/manage/${TOKEN})`)).toBe(
      `Open ${REMOVED_LINK}. Or ${REMOVED_LINK}, or (${REMOVED_LINK})`,
    );
  });

  it.each([
    ["the meeting page", `${APP}/meetings/fg-qit4n-10`],
    ["the group's home page", "https://www.itu.int/en/ITU-T/focusgroups/qit4n/Pages/default.aspx"],
    ["the conferencing link", "https://meet.example.org/j/123?pwd=abc"],
    ["a manage link with no token", `${APP}/manage/`],
    ["an email address", "secretariat@example.org"],
  ])("leaves %s alone", (_label, text) => {
    expect(redactSecretLinks(`See ${text} for more.`)).toBe(`See ${text} for more.`);
  });

  it("is idempotent, and leaves text without links unchanged", () => {
    const once = redactSecretLinks(`${APP}/manage/${TOKEN} and ${APP}/meetings/x`);
    expect(redactSecretLinks(once)).toBe(once);
    expect(redactSecretLinks("")).toBe("");
    expect(redactSecretLinks("BEGIN:VCALENDAR\r\nEND:VCALENDAR")).toBe("BEGIN:VCALENDAR\r\nEND:VCALENDAR");
  });
});
