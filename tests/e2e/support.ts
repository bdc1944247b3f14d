// Shared helpers for the end-to-end tests: the environment the server wrote, direct SQL for
// assertions and set-up, the SMTP sink's messages, and axe.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";

export type E2eEnvironment = { databaseUrl: string; appUrl: string; mailDir: string };

export function e2eEnvironment(): E2eEnvironment {
  return JSON.parse(fs.readFileSync(path.join(process.cwd(), "test-results", "e2e-env.json"), "utf8"));
}

export async function sql<Row extends Record<string, unknown> = Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: e2eEnvironment().databaseUrl });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export type SinkMail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** contentBase64: the attachment's bytes after transfer decoding (tests/e2e/server.ts). */
  attachments: Array<{ filename: string; contentType: string; contentBase64: string }>;
};

export function mailsTo(address: string): SinkMail[] {
  const { mailDir } = e2eEnvironment();
  return fs
    .readdirSync(mailDir)
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(mailDir, file), "utf8")) as SinkMail)
    .filter((mail) => mail.to.includes(address));
}

/** Wait for the n-th email to `address` whose subject matches. */
export async function waitForMail(address: string, subject: RegExp, count = 1): Promise<SinkMail> {
  let found: SinkMail[] = [];
  await expect
    .poll(
      () => {
        found = mailsTo(address).filter((mail) => subject.test(mail.subject));
        return found.length;
      },
      { timeout: 20_000, message: `email to ${address} matching ${subject}` },
    )
    .toBeGreaterThanOrEqual(count);
  return found[count - 1] as SinkMail;
}

/** WCAG 2.2 A/AA violations on the page as it is now. */
export async function expectNoAxeViolations(page: Page, options: { skipFrame?: string } = {}) {
  // Next streams a page's metadata after its content: wait for the title that belongs to the page.
  await expect(page).toHaveTitle(/\S/);
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]);
  // A sandboxed frame without scripts (the dev mailbox's email preview) cannot run axe inside it:
  // axe would wait for it until the test times out. The page around it is still checked.
  if (options.skipFrame) builder = builder.exclude(options.skipFrame);
  const results = await builder.analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(summary, "axe WCAG 2.2 A/AA violations").toEqual([]);
}

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.org`;
}

// Starts at a random place: Playwright restarts its worker after a failed test, and a counter
// starting at 0 again would hand a later test an address an earlier one had already used up.
let addressCounter = Math.floor(Math.random() * 60_000);
/** A distinct client address per test (the e2e server trusts X-Forwarded-For, as behind a proxy). */
export function nextClientAddress(): string {
  addressCounter += 1;
  return `198.18.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
}

/**
 * Each test gets its own client address, so the per-address rate limits apply per test, as they
 * would to different people. The rate-limit test itself reuses one address on purpose.
 */
export const test = base.extend<{ clientAddress: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture list from this pattern
  clientAddress: async ({}, use) => {
    await use(nextClientAddress());
  },
  context: async ({ context, clientAddress }, use) => {
    await context.setExtraHTTPHeaders({ "x-forwarded-for": clientAddress });
    await use(context);
  },
  request: async ({ playwright, baseURL, clientAddress }, use) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
    await use(request);
    await request.dispose();
  },
});
export { expect };

export { hiddenFormFields, registrationFields } from "../helpers/form-posts.ts";

export function multipart(fields: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

/** A session for `email` made directly in the database (the sign-in flow itself is tested elsewhere). */
export async function signInDirectly(context: import("@playwright/test").BrowserContext, email: string): Promise<void> {
  const token = `${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`.padEnd(64, "0");
  await sql(
    `INSERT INTO "Session" ("sessionToken", "userId", expires, "updatedAt")
     SELECT $1, id, now() + interval '1 hour', now() FROM "User" WHERE email = $2`,
    [token, email],
  );
  await context.addCookies([{ name: "authjs.session-token", value: token, url: e2eEnvironment().appUrl, httpOnly: true, sameSite: "Lax" }]);
}

/**
 * Forget the per-address limit on sign-in links (3 an hour) for `email`: each browser test that
 * signs in stands for a separate sign-in, as they would be hours apart. The limit itself is
 * tested in tests/integration/sign-in.test.ts.
 */
export async function forgetSignInLinkLimit(email: string): Promise<void> {
  await sql(`DELETE FROM "RateLimitBucket" WHERE key = $1`, [`sign-in-address:${email}`]);
}
