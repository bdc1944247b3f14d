// The Kenyan journey of issue #12 in a real browser: an organizer imports the focal points, a
// delegate of Kenya's administration registers, the Kenyan focal point's email arrives at the SMTP
// sink, the focal point approves from it WITH JAVASCRIPT OFF, the organizer approves, and the
// delegate's confirmation with the connection instructions arrives. Axe checks each page visited
// with JavaScript on.
import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signInDirectly, sql, test, uniqueEmail, waitForMail } from "./support.ts";

const ORGANIZER = "organizer@example.org";

/** A copy of the approval-e2e meeting (owned by ORGANIZER) in focal-point mode, with its owner. */
async function focalPointMeeting(): Promise<{ id: string; slug: string; shortName: string }> {
  const slug = `fp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const values = { id: randomUUID(), slug, shortName: slug.toUpperCase(), approvalMode: "FOCAL_POINT" };
  await sql(
    `INSERT INTO "Meeting" SELECT (jsonb_populate_record(NULL::"Meeting", to_jsonb(m) || $1::jsonb)).* FROM "Meeting" m WHERE slug = 'approval-e2e'`,
    [JSON.stringify(values)],
  );
  await sql(`INSERT INTO "MeetingOrganizer" ("meetingId", "userId", role) SELECT $1::uuid, id, 'OWNER' FROM "User" WHERE email = $2`, [
    values.id,
    ORGANIZER,
  ]);
  return values;
}

/** A primary focal point for one Member State's administration, straight into the list. */
async function addFocalPoint(email: string, name: string, memberState: string): Promise<void> {
  await sql(
    `INSERT INTO "FocalPoint" (id, email, name, "memberState", "scopeKey", role, "updatedAt") VALUES (gen_random_uuid(), $1, $2, $3, $4, 'PRIMARY', now())`,
    [email, name, memberState, `ms:${memberState}`],
  );
}

/** A delegate of `memberState`'s administration registers through the form, as a browser does. */
async function registerAdministrationDelegate(
  page: Page,
  options: { slug: string; email: string; givenName: string; familyName: string; memberState: string },
): Promise<void> {
  await page.goto(`/meetings/${options.slug}/register`);
  await page.getByLabel("Email address").fill(options.email);
  await page.getByLabel("Given name").fill(options.givenName);
  await page.getByLabel("Family name").fill(options.familyName);
  await page.getByLabel("Administration of an ITU Member State", { exact: true }).check();
  await page.getByLabel("Which Member State's administration?").selectOption(options.memberState);
  await page.getByLabel("Country", { exact: true }).selectOption(options.memberState);
  await page.getByLabel(/I have read the privacy notice/).check();
  await page.getByRole("button", { name: "Register" }).click();
}

test("Kenya: imported focal point approves without JavaScript, then the organizer; the delegate gets the confirmation", async ({
  page,
  context,
  browser,
}) => {
  // Five pages under axe, three people and six emails: longer than one page's journey.
  test.setTimeout(180_000);
  const meeting = await focalPointMeeting();
  const focalPoint = uniqueEmail("dfp-kenya");
  const delegate = uniqueEmail("delegate-kenya");

  // 1. The organizer imports the Kenyan focal point (for this meeting only would need the form;
  //    the list's focal points act for every meeting).
  await signInDirectly(context, ORGANIZER);
  await page.goto("/admin/focal-points");
  await expectNoAxeViolations(page);
  const file = path.join(await mkdtemp(path.join(tmpdir(), "fp-")), "focal-points.csv");
  await writeFile(file, ["email,name,member_state,organization,role", `${focalPoint},Jane Wanjiru,KE,,primary`].join("\n"));
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await page.getByRole("button", { name: "Import these focal points" }).click();
  await expect(page.getByRole("status")).toContainText("The list has been imported.");

  // 2. A delegate of Kenya's administration registers.
  await page.goto(`/meetings/${meeting.slug}/register`);
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill(delegate);
  await page.getByLabel("Given name").fill("Wanjiku");
  await page.getByLabel("Family name").fill("Kamau");
  await page.getByLabel("Administration of an ITU Member State", { exact: true }).check();
  await page.getByLabel("Which Member State's administration?").selectOption("KE");
  await page.getByLabel("Country", { exact: true }).selectOption("KE");
  await page.getByLabel(/I have read the privacy notice/).check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect
    .poll(async () => sql(`SELECT status FROM "Registration" WHERE email = $1`, [delegate]))
    .toEqual([{ status: "AWAITING_FOCAL_POINT" }]);
  await waitForMail(delegate, /^Registration sent to your focal point/);

  // 3. The focal point's email arrives, with their own link.
  const request = await waitForMail(focalPoint, /^Please approve or reject: Wanjiku Kamau/);
  expect(request.text).toContain(delegate);
  const link = request.text.match(/https?:\/\/\S+\/fp\/[A-Za-z0-9_-]{43}\?lang=en/)?.[0];
  expect(link).toBeTruthy();
  const decisionPath = new URL(link ?? "").pathname;

  // With JavaScript on, for axe: the page shows the request and decides nothing.
  const withScript = await browser.newContext();
  const look = await withScript.newPage();
  const response = await look.goto(decisionPath);
  expect(response?.headers()["referrer-policy"]).toBe("same-origin");
  expect(response?.headers()["cache-control"]).toContain("no-store");
  await expect(look.getByRole("heading", { level: 1 })).toHaveText(`Registration for ${meeting.shortName}: your decision`);
  await expectNoAxeViolations(look);
  await withScript.close();
  // A mail scanner's HEAD and GET decide nothing either.
  expect((await page.request.head(decisionPath)).status()).toBe(200);
  expect((await page.request.get(decisionPath)).status()).toBe(200);
  expect(await sql(`SELECT status FROM "Registration" WHERE email = $1`, [delegate])).toEqual([{ status: "AWAITING_FOCAL_POINT" }]);

  // 4. The focal point approves WITH JAVASCRIPT OFF.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const fp = await noScript.newPage();
  await fp.goto(decisionPath);
  await expect(fp.getByText("Wanjiku Kamau").first()).toBeVisible();
  await fp.getByRole("button", { name: "Approve this registration" }).click();
  await expect(fp.getByRole("status")).toHaveText("You approved the registration of Wanjiku Kamau. They have been told by email.");
  await expect(fp.getByText("This link has already been used to decide.")).toBeVisible();
  await noScript.close();
  expect(await sql(`SELECT status, "focalPointDecidedBy" FROM "Registration" WHERE email = $1`, [delegate])).toEqual([
    { status: "APPROVED_BY_FOCAL_POINT", focalPointDecidedBy: focalPoint },
  ]);
  await waitForMail(delegate, /^Approved by your focal point/);

  // 5. The organizer sees the stage and who decided, and approves.
  await page.goto(`/admin/meetings/${meeting.id}?status=APPROVED_BY_FOCAL_POINT`);
  const row = page.getByRole("row").filter({ hasText: "Kamau" });
  await expect(row).toContainText("Approved by focal point");
  await expectNoAxeViolations(page);
  await row.getByRole("link", { name: /Kamau/ }).click();
  await expect(page.getByText(`Approved by ${focalPoint} on`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 registration approved" })).toBeVisible();

  // 6. The delegate's confirmation, with the connection instructions.
  const approval = await waitForMail(delegate, /^Registration approved/);
  expect(approval.text).toContain("passcode-approval-e2e");
  expect(await sql(`SELECT status FROM "Registration" WHERE email = $1`, [delegate])).toEqual([{ status: "CONFIRMED" }]);
});

test("a focal point asks for their list without JavaScript, opens a request from it and rejects it with a reason", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const meeting = await focalPointMeeting();
  const focalPoint = uniqueEmail("dfp-list");
  const delegate = uniqueEmail("delegate-list");
  await addFocalPoint(focalPoint, "Jane Wanjiru", "TZ");
  await registerAdministrationDelegate(page, {
    slug: meeting.slug,
    email: delegate,
    givenName: "Neema",
    familyName: "Mushi",
    memberState: "TZ",
  });
  await waitForMail(focalPoint, /^Please approve or reject: Neema Mushi/);

  // With JavaScript, for axe.
  await page.goto("/fp");
  await expectNoAxeViolations(page);

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const fp = await noScript.newPage();
  await fp.goto("/fp");
  await fp.getByLabel("Email address").fill("not an address");
  await fp.getByRole("button", { name: "Email me the link" }).click();
  await expect(fp.getByRole("alert")).toContainText("Enter an email address in the correct format");
  await fp.getByLabel("Email address").fill(focalPoint);
  await fp.getByRole("button", { name: "Email me the link" }).click();
  await expect(fp.getByRole("status")).toContainText("If this address is a designated focal point’s, a link to the list is on its way.");
  const mail = await waitForMail(focalPoint, /^Your list of registrations to approve/);
  const listPath = new URL(mail.text.match(/https?:\/\/\S+\/fp\/list\/[A-Za-z0-9_-]{43}\?lang=en/)?.[0] ?? "http://x/").pathname;
  await fp.goto(listPath);
  const row = fp.getByRole("row").filter({ hasText: "Neema Mushi" });
  await expect(row).toContainText(meeting.shortName);
  await row.getByRole("button", { name: "See and decide: Neema Mushi" }).click();
  await fp.getByLabel("Reason (optional)").fill("Not in our delegation.");
  await fp.getByRole("button", { name: "Reject this registration" }).click();
  await expect(fp.getByRole("status")).toHaveText("You rejected the registration of Neema Mushi. They have been told by email.");
  await noScript.close();
  expect(await sql(`SELECT status, "decisionReason" FROM "Registration" WHERE email = $1`, [delegate])).toEqual([
    { status: "REJECTED", decisionReason: "Not in our delegation." },
  ]);
  expect((await waitForMail(delegate, /^Registration not accepted/)).text).toContain("Not in our delegation.");

  // With JavaScript, for axe: the list, now empty.
  await page.goto(listPath);
  await expect(page.getByText("No registration is waiting for your decision.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an expired decision link shows its reason only: no registrant's details and no form to decide with; the registration still waits", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const meeting = await focalPointMeeting();
  const focalPoint = uniqueEmail("dfp-expired");
  const delegate = uniqueEmail("delegate-expired");
  await addFocalPoint(focalPoint, "Amina Juma", "UG");
  await registerAdministrationDelegate(page, {
    slug: meeting.slug,
    email: delegate,
    givenName: "Okello",
    familyName: "Nsubuga",
    memberState: "UG",
  });
  const request = await waitForMail(focalPoint, /^Please approve or reject: Okello Nsubuga/);
  const decisionPath = new URL(request.text.match(/https?:\/\/\S+\/fp\/[A-Za-z0-9_-]{43}\?lang=en/)?.[0] ?? "http://x/").pathname;
  // The link's time runs out (its expiry is moved to a minute ago; nothing else changes).
  await sql(
    `UPDATE "FocalPointDecisionLink" SET "expiresAt" = now() - interval '1 minute' WHERE "registrationId" = (SELECT id FROM "Registration" WHERE email = $1)`,
    [delegate],
  );

  // With JavaScript, for axe.
  await page.goto(decisionPath);
  await expect(page.getByText("This link has expired. Nothing has changed.")).toBeVisible();
  await expectNoAxeViolations(page);

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const fp = await noScript.newPage();
  await fp.goto(decisionPath);
  await expect(fp.getByText("This link has expired. Nothing has changed.")).toBeVisible();
  await expect(fp.getByText("Okello")).toHaveCount(0);
  await expect(fp.getByText(delegate)).toHaveCount(0);
  await expect(fp.getByRole("button", { name: "Approve this registration" })).toHaveCount(0);
  await noScript.close();
  expect(await sql(`SELECT status FROM "Registration" WHERE email = $1`, [delegate])).toEqual([{ status: "AWAITING_FOCAL_POINT" }]);
});
