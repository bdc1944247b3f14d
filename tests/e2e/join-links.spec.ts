// Issue #13, point 1, in a real browser: a confirmed registrant's personal join link takes them to
// the platform during the meeting; once they withdraw, the same link refuses.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expectNoAxeViolations, expect, signInDirectly, sql, test, uniqueEmail, waitForMail } from "./support.ts";

const SLUG = "join-links-e2e";
const MINUTE = 60_000;

/** A stand-in for the video platform: any path answers a page saying where the browser landed. */
let platform: http.Server;
let platformUrl: string;

test.beforeAll(async () => {
  platform = http.createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html lang="en"><title>Platform</title><h1>Platform room ${request.url}</h1></html>`);
  });
  await new Promise<void>((resolve) => platform.listen(0, "127.0.0.1", resolve));
  platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}/room-42`;
  // A meeting of its own (a copy of the practice meeting, personal links on as by default), so
  // that moving its dates changes nothing for the other tests.
  const columns = (
    await sql<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Meeting'
       AND column_name NOT IN ('id', 'slug', 'shortName', 'isPractice', 'connectionJoinUrl', 'createdAt', 'updatedAt')`,
    )
  )
    .map((row) => `"${row.column_name}"`)
    .join(", ");
  await sql(
    `INSERT INTO "Meeting" (id, slug, "shortName", "isPractice", "connectionJoinUrl", "createdAt", "updatedAt", ${columns})
     SELECT gen_random_uuid(), $1, 'JOIN-E2E', false, $2, now(), now(), ${columns} FROM "Meeting" WHERE slug = 'practice'`,
    [SLUG, platformUrl],
  );
});

test.afterAll(async () => {
  await new Promise((resolve) => platform.close(resolve));
});

/** Put the meeting so that it starts `minutesFromNow` from now and lasts two hours. */
async function scheduleMeeting(minutesFromNow: number) {
  const startsAt = new Date(Date.now() + minutesFromNow * MINUTE);
  await sql(`UPDATE "Meeting" SET "startsAt" = $2, "endsAt" = $3 WHERE slug = $1`, [
    SLUG,
    startsAt,
    new Date(startsAt.getTime() + 120 * MINUTE),
  ]);
}

test("a confirmed registrant's join link waits, then lands on the platform during the meeting; after withdrawing it refuses", async ({
  page,
  request,
}) => {
  const email = uniqueEmail("join");
  await page.goto(`/meetings/${SLUG}/register`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Given name").fill("Ngozi");
  await page.getByLabel("Family name").fill("Okafor");
  await page.getByLabel("ITU Academia", { exact: true }).check();
  await page.getByLabel(/^Organization/).fill("University of Lagos");
  await page.getByLabel("Country", { exact: true }).selectOption("NG");
  await page.getByLabel(/I have read the privacy notice/).check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();

  const mail = await waitForMail(email, /^Registration confirmed/);
  const joinLink = /https?:\/\/[^\s"<>]+\/join\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  const manageLink = /https?:\/\/[^\s"<>]+\/manage\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  if (!joinLink || !manageLink) throw new Error("the confirmation carries no join or manage link");
  expect(mail.text).not.toContain(platformUrl);
  expect(mail.text).not.toContain("842 1234 5678");

  // An hour before the start: the page says when to come back, and goes nowhere.
  await scheduleMeeting(60);
  await page.goto(joinLink);
  await expect(page.getByRole("heading", { level: 1, name: "JOIN-E2E: not open yet" })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/^\/join\//);
  await expectNoAxeViolations(page);

  // Ten minutes before the start: inside the window. The answer is a redirect that leaks nothing.
  await scheduleMeeting(10);
  const answer = await request.get(joinLink, { maxRedirects: 0 });
  // 307 from Next's redirect() in a page: for a GET the same as 303 (the browser GETs the platform link).
  expect(answer.status()).toBe(307);
  expect(answer.headers().location).toBe(platformUrl);
  expect(answer.headers()["referrer-policy"]).toBe("no-referrer");
  expect(answer.headers()["cache-control"]).toContain("no-store");
  expect(answer.headers()["x-robots-tag"]).toContain("noindex");
  await page.goto(joinLink);
  await expect(page).toHaveURL(platformUrl);
  await expect(page.getByRole("heading", { name: "Platform room /room-42" })).toBeVisible();
  const uses = await sql(
    `SELECT count(*)::int AS uses FROM "JoinLinkUse" u JOIN "JoinLink" l ON l."tokenHash" = u."joinLinkHash"
     JOIN "Registration" r ON r.id = l."registrationId" WHERE r.email = $1`,
    [email],
  );
  expect(uses).toEqual([{ uses: 2 }]);

  // The registrant withdraws on their manage page; the same join link now refuses, with a 404.
  await page.goto(manageLink);
  await page.getByLabel("I want to withdraw my registration").check();
  await page.getByRole("button", { name: "Withdraw my registration" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your registration has been withdrawn" })).toBeVisible();
  const refused = await page.goto(joinLink);
  expect(refused?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "This join link does not open the meeting" })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/^\/join\//);
  expect(await page.content()).not.toContain(platformUrl);
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an organizer turns personal join links off and opens them 45 minutes early on the meeting form", async ({ page, context }) => {
    await sql(
      `INSERT INTO "MeetingOrganizer" ("meetingId", "userId", role)
       SELECT m.id, u.id, 'OWNER' FROM "Meeting" m, "User" u WHERE m.slug = $1 AND u.email = 'organizer@example.org'
       ON CONFLICT DO NOTHING`,
      [SLUG],
    );
    await signInDirectly(context, "organizer@example.org");
    const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = $1`, [SLUG]);
    await page.goto(`/admin/meetings/${meeting?.id}/edit`);
    const group = page.getByRole("group", { name: "Personal join links" });
    await expect(group.getByRole("radio", { name: /^Yes: each confirmed registrant/ })).toBeChecked();
    await group.getByRole("radio", { name: /^No: every confirmed registrant/ }).check();
    await page.getByRole("spinbutton", { name: "Minutes before the start from which personal links open" }).fill("45");
    await page.getByRole("button", { name: "Save meeting" }).click();
    await expect(page.getByText("The meeting has been saved.")).toBeVisible();
    expect(await sql(`SELECT "personalJoinLinks", "joinOpensMinutesBefore" FROM "Meeting" WHERE slug = $1`, [SLUG])).toEqual([
      { personalJoinLinks: false, joinOpensMinutesBefore: 45 },
    ]);
    await page.goto(`/admin/meetings/${meeting?.id}/edit`);
    await expect(page.getByRole("radio", { name: /^No: every confirmed registrant/ })).toBeChecked();
  });
});

test("join-link lookups are limited per address: beyond 60 in ten minutes, a 429", async ({ request }) => {
  // This address's earlier join requests (the tests above) are forgotten, so the count starts at 0.
  await sql(`DELETE FROM "RateLimitBucket" WHERE key LIKE 'join:%'`);
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 62; attempt++)
    statuses.push((await request.get(`/join/${"C".repeat(42)}${attempt % 10}`, { maxRedirects: 0 })).status());
  expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true);
  expect(statuses.slice(60)).toEqual([429, 429]);
  await sql(`DELETE FROM "RateLimitBucket" WHERE key LIKE 'join:%'`);
});
