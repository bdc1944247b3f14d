// A newcomer's first run: `npm start` with no configuration at all, a registration on the practice
// meeting, and its confirmation email in the dev mailbox within seconds; a restart keeps the data.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, expectNoAxeViolations, test, uniqueEmail } from "./support.ts";

const PORT = 3197;
const appUrl = `http://localhost:${PORT}`;

function npmStart(dataDir: string): { process: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    // Nothing configured but where to listen and where to keep the data.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(PORT),
      PGLITE_PORT: "0",
      QUORUM_DATA_DIR: dataDir,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return { process: child, output: () => output };
}

async function stop(started: { process: ChildProcess; output: () => string }) {
  const exited = new Promise<number | null>((resolve) => started.process.once("exit", resolve));
  started.process.kill("SIGINT");
  expect(await exited).toBe(0);
  expect(started.output()).toContain("[quorum] stopped");
}

test("npm start with no configuration: register on the practice meeting, read the email in the dev mailbox", {
  tag: "@database-independent",
}, async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-newcomer-"));
  let started = npmStart(dataDir);
  try {
    await expect.poll(async () => (await fetch(`${appUrl}/healthz`).catch(() => null))?.status ?? 0, { timeout: 120_000 }).toBe(200);
    expect(started.output()).toContain("seeded meetings: fg-qit4n-10, practice");
    expect(started.output()).toContain(`dev mailbox:     ${appUrl}/dev/mailbox`);

    const email = uniqueEmail("newcomer");
    await page.goto(`${appUrl}/meetings/practice/register`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Given name").fill("Newcomer");
    await page.getByLabel("Family name").fill("Tester");
    await page.getByLabel("Individual from an ITU member country", { exact: true }).check();
    await page.getByLabel("Country", { exact: true }).selectOption("KE");
    await page.getByLabel(/I have read the privacy notice/).check();
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

    const registeredAt = Date.now();
    await expect
      .poll(
        async () => {
          await page.goto(`${appUrl}/dev/mailbox`);
          return page.getByRole("row").filter({ hasText: email }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    console.log(`confirmation email in the dev mailbox after ${Date.now() - registeredAt} ms`);
    await expectNoAxeViolations(page);
    await page.getByRole("row").filter({ hasText: email }).getByRole("link", { name: "Registration confirmed: PRACTICE" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Registration confirmed: PRACTICE" })).toBeVisible();
    // The seeded meetings use personal join links: the email carries the registrant's own link.
    await expect(page.locator("pre.mail-text")).toContainText("/join/");
    await expect(page.getByText(/meeting\.ics \(text\/calendar/)).toBeVisible();
    // The HTML part renders in its sandboxed frame (the app's own frame-ancestors 'none' once
    // blocked it, leaving an empty box).
    const preview = page.frameLocator("iframe.mail-preview");
    await expect(preview.getByRole("heading", { name: "Your registration is confirmed" })).toBeVisible();
    await expect(preview.getByRole("link", { name: "Manage your registration" })).toBeVisible();
    await expectNoAxeViolations(page, { skipFrame: "iframe.mail-preview" });

    // Stop, start again: the registration and its email are still there.
    await stop(started);
    started = npmStart(dataDir);
    await expect.poll(async () => (await fetch(`${appUrl}/healthz`).catch(() => null))?.status ?? 0, { timeout: 120_000 }).toBe(200);
    expect(started.output()).toContain("migrations: none pending");
    expect(started.output()).not.toContain("seeded meetings");
    await page.goto(`${appUrl}/dev/mailbox`);
    await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(1);
  } finally {
    if (started.process.exitCode === null) await stop(started);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
