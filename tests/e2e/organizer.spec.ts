// The organizers' journey in a real browser: sign in with the emailed link, find and approve a
// registrant, export the list, sign out; and the sign-in link's single use.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations, forgetSignInLinkLimit, mailsTo, sql, uniqueEmail, waitForMail, expect, test } from "./support.ts";

const ORGANIZER = "organizer@example.org";

async function registerPending(page: Page, person: { email: string; givenName: string; familyName: string; organization: string }) {
  await page.goto("/meetings/approval-e2e/register");
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Given name").fill(person.givenName);
  await page.getByLabel("Family name").fill(person.familyName);
  await page.getByLabel("ITU-T Sector Member", { exact: true }).check();
  await page.getByLabel(/^Organization/).fill(person.organization);
  await page.getByLabel("Country", { exact: true }).selectOption("FR");
  await page.getByLabel(/I have read the privacy notice/).check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

/** Ask for a sign-in link for `email` and return the one that arrives (other tests sent earlier ones). */
async function requestSignInLink(page: Page, email: string): Promise<string> {
  await forgetSignInLinkLimit(email);
  const earlier = mailsTo(email).filter((mail) => /sign-in link/.test(mail.subject)).length;
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await waitForMail(email, /sign-in link/, earlier + 1);
  const link = /https?:\/\/\S+\/sign-in\/confirm\?\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error("no sign-in link in the email");
  return link;
}

test("an organizer signs in, finds and approves a registrant, exports the list and signs out", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  const registrant = {
    email: uniqueEmail("pending"),
    givenName: "Théodora",
    familyName: "Kallistratou-Wu",
    organization: '=HYPERLINK("https://evil.example","x")',
  };
  // Someone else waiting on the same meeting, whom the export's filter below leaves out.
  const bystander = { email: uniqueEmail("bystander"), givenName: "Bart", familyName: "Bystander", organization: "Elsewhere Ltd" };
  await registerPending(page, bystander);
  await registerPending(page, registrant);
  const received = await waitForMail(registrant.email, /^Registration received/);
  expect(received.text).not.toContain("passcode-approval-e2e");

  const link = await requestSignInLink(page, ORGANIZER);
  expect(link.startsWith(`${baseURL}/sign-in/confirm?`)).toBe(true);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm sign-in" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your meetings" })).toBeVisible();
  await expectNoAxeViolations(page);
  const sessionCookie = (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
  expect(sessionCookie?.httpOnly).toBe(true);
  expect(sessionCookie?.sameSite).toBe("Lax");

  await page.getByRole("link", { name: "APPROVAL-E2E" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrants" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Name, email or organization").fill("allistratou");
  await page.getByRole("button", { name: "Apply" }).click();
  const row = page.getByRole("row").filter({ hasText: "Kallistratou-Wu" });
  await expect(row).toHaveCount(1);
  await expect(row.locator(".tag--PENDING")).toHaveText("Pending");
  await row.getByRole("link", { name: /Kallistratou-Wu/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Théodora Kallistratou-Wu" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 registration approved" })).toBeVisible();
  expect(await sql(`SELECT status FROM "Registration" WHERE email = $1`, [registrant.email])).toEqual([{ status: "CONFIRMED" }]);
  const approval = await waitForMail(registrant.email, /^Registration approved/);
  expect(approval.text).toContain("passcode-approval-e2e");
  expect(approval.attachments.map((attachment) => attachment.filename)).toContain("meeting.ics");
  expect(
    await sql(
      `SELECT action, "actorLabel" FROM "AuditEntry" WHERE "entityId" = (SELECT id::text FROM "Registration" WHERE email = $1) AND action = 'registration.approved'`,
      [registrant.email],
    ),
  ).toEqual([{ action: "registration.approved", actorLabel: ORGANIZER }]);

  // Export with the current filter (a search and a status), parse it back: the filtered rows only.
  await page.goto("/admin");
  await page.getByRole("link", { name: "APPROVAL-E2E" }).click();
  await page.getByLabel("Name, email or organization").fill("allistratou");
  await page.getByLabel("Status", { exact: true }).selectOption("CONFIRMED");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Kallistratou-Wu" })).toHaveCount(1);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export this list as CSV" }).click();
  const download = await downloadPromise;
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString("utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    '"Reference","Status","Category","Given name","Family name","Email","Organization","Member State","Country","Job title","Live captioning","Sign language","Other accessibility needs","In list of participants","Registered at (UTC)","Email status"',
  );
  const exported = lines.find((line) => line.includes(registrant.email)) ?? "";
  expect(exported).toContain('"CONFIRMED","SECTOR_MEMBER","Théodora","Kallistratou-Wu"');
  expect(exported).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
  expect(csv).not.toContain(bystander.email);
  const [matching] = await sql<{ count: number }>(
    `SELECT count(*)::int AS count FROM "Registration" r JOIN "Meeting" m ON m.id = r."meetingId"
     WHERE m.slug = 'approval-e2e' AND r.status = 'CONFIRMED'
       AND concat_ws(' ', r."givenName", r."familyName", r.email, r.organization) ILIKE '%allistratou%'`,
  );
  const [all] = await sql<{ count: number }>(
    `SELECT count(*)::int AS count FROM "Registration" r JOIN "Meeting" m ON m.id = r."meetingId" WHERE m.slug = 'approval-e2e'`,
  );
  expect(lines.length - 1).toBe(matching?.count);
  expect(matching?.count).toBeLessThan(all?.count ?? 0);

  // Sign out: the old session cookie no longer opens the console.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  const replay = await browser.newContext();
  if (sessionCookie) await replay.addCookies([sessionCookie]);
  const replayPage = await replay.newPage();
  await replayPage.goto("/admin");
  await expect(replayPage).toHaveURL(/\/sign-in$/);
  expect(await sql(`SELECT 1 FROM "Session" WHERE "sessionToken" = $1`, [sessionCookie?.value])).toHaveLength(0);
  await replay.close();
});

test.describe("sign-in links", () => {
  test("a link used twice, expired, tampered or only fetched with GET/HEAD gives no session", async ({ page, request, browser }) => {
    const sessionsBefore = await sql(`SELECT "sessionToken" FROM "Session"`);
    // GET and HEAD on the link (what mail scanners do) spend nothing.
    const link = await requestSignInLink(page, ORGANIZER);
    const tokensOf = async () => sql(`SELECT token FROM "VerificationToken" WHERE identifier = $1 ORDER BY token`, [ORGANIZER]);
    const unspent = await tokensOf();
    expect(unspent.length).toBeGreaterThanOrEqual(1);
    const url = new URL(link);
    const token = url.searchParams.get("token") ?? "";
    const callback = `/api/auth/callback/email?${new URLSearchParams({ token, email: ORGANIZER })}`;
    for (const method of ["GET", "HEAD"] as const) {
      const response = await request.fetch(callback, { method, maxRedirects: 0 });
      expect(response.status()).toBe(303);
      expect(response.headers().location).toContain("/sign-in/confirm");
      expect(response.headers()["set-cookie"] ?? "").not.toContain("session-token");
    }
    await request.get(link);
    expect(await sql(`SELECT "sessionToken" FROM "Session"`)).toEqual(sessionsBefore);
    expect(await tokensOf()).toEqual(unspent);

    // A tampered token gives no session.
    const tampered = await browser.newContext();
    const tamperedPage = await tampered.newPage();
    await tamperedPage.goto(link.replace(/token=([^&])/, (_, first: string) => `token=${first === "A" ? "B" : "A"}`));
    await tamperedPage.getByRole("button", { name: "Sign in" }).click();
    await expect(tamperedPage).toHaveURL(/\/sign-in/);
    await tamperedPage.goto("/admin");
    await expect(tamperedPage).toHaveURL(/\/sign-in$/);
    await tampered.close();

    // The real link works once…
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Your meetings" })).toBeVisible();
    // …and never again.
    const second = await browser.newContext();
    const secondPage = await second.newPage();
    await secondPage.goto(link);
    await secondPage.getByRole("button", { name: "Sign in" }).click();
    await secondPage.goto("/admin");
    await expect(secondPage).toHaveURL(/\/sign-in$/);
    await second.close();

    // An expired link does not work either.
    const expiring = await requestSignInLink(page, ORGANIZER);
    await sql(`UPDATE "VerificationToken" SET expires = now() - interval '1 second' WHERE identifier = $1`, [ORGANIZER]);
    const late = await browser.newContext();
    const latePage = await late.newPage();
    await latePage.goto(expiring);
    await latePage.getByRole("button", { name: "Sign in" }).click();
    await latePage.goto("/admin");
    await expect(latePage).toHaveURL(/\/sign-in$/);
    await late.close();
  });

  test("the answer is the same for an address that is not an organizer, and no email is sent", async ({ page }) => {
    /** Where someone asking for a link ends up, and every word they are shown there. */
    async function answerTo(email: string) {
      await page.goto("/sign-in");
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Send me a sign-in link" }).click();
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
      // Next streams the title after the content: wait for it, or an empty title is compared.
      await expect(page).toHaveTitle(/\S/);
      return {
        url: page.url(),
        title: await page.title(),
        text: ((await page.locator("main").textContent()) ?? "").replaceAll(email, "<address>"),
      };
    }
    // What the organizer is told, with the link really sent: the answer to compare with.
    await forgetSignInLinkLimit(ORGANIZER);
    const linksBefore = mailsTo(ORGANIZER).filter((mail) => /sign-in link/.test(mail.subject)).length;
    const organizerAnswer = await answerTo(ORGANIZER);
    await waitForMail(ORGANIZER, /sign-in link/, linksBefore + 1);

    const stranger = uniqueEmail("stranger");
    await page.goto("/sign-in");
    await expectNoAxeViolations(page);
    const strangerAnswer = await answerTo(stranger);
    expect(strangerAnswer).toEqual(organizerAnswer);
    await expectNoAxeViolations(page);
    // The link is queued in the request that answers, so by now it would be in the outbox.
    expect(await sql(`SELECT 1 FROM "OutboxEmail" WHERE "toAddress" = $1`, [stranger])).toHaveLength(0);
    await page.waitForTimeout(1500);
    expect(mailsTo(stranger)).toHaveLength(0);
  });

  test("the emailed link uses APP_URL even when the request names another host", async ({ request, baseURL }) => {
    const csrf = await request.get("/api/auth/csrf", { headers: { host: "evil.example" } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const before = mailsTo(ORGANIZER).length;
    await forgetSignInLinkLimit(ORGANIZER);
    const response = await request.post("/api/auth/signin/email", {
      // The browser-facing Origin is ours (the CSRF check passes); Host and X-Forwarded-Host lie.
      headers: { host: "evil.example", origin: `${baseURL}`, "x-forwarded-host": "evil.example" },
      form: { email: ORGANIZER, csrfToken, callbackUrl: "https://evil.example/steal" },
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
    await expect.poll(() => mailsTo(ORGANIZER).length, { timeout: 20_000 }).toBeGreaterThan(before);
    const mail = mailsTo(ORGANIZER).at(-1);
    const links = [...(mail?.html ?? "").matchAll(/href="([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((href) => href.startsWith(`${baseURL}/`))).toBe(true);
    expect(mail?.text).not.toContain("evil.example");
  });
});
