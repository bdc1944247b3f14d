// Shared helpers for the end-to-end tests: the environment the server wrote, direct SQL for
// assertions and set-up, the SMTP sink's messages, and axe.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
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
  attachments: Array<{ filename: string; contentType: string }>;
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
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
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
