// Every form a registrant or organizer can submit, with JavaScript disabled: what a browser does
// when scripts are off, blocked, or have not loaded yet (a submit before hydration is the same
// plain form post). Each test checks the rows and the emails, not just the page.
import type { Page } from "@playwright/test";
import { expect, forgetSignInLinkLimit, mailsTo, signInDirectly, sql, test, uniqueEmail, waitForMail } from "./support.ts";

const ORGANIZER = "organizer@example.org";

test.use({ javaScriptEnabled: false });

/** Register on `slug` with the plain form post; returns the manage link from the email. */
async function registerWithoutScript(page: Page, slug: string, email: string, subject: RegExp): Promise<string> {
  await page.goto(`/meetings/${slug}/register`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Given name").fill("Grace");
  await page.getByLabel("Family name").fill("Hopper");
  await page.getByLabel("ITU-T Sector Member", { exact: true }).check();
  await page.getByLabel(/^Organization/).fill("Example Networks");
  await page.getByLabel("Country", { exact: true }).selectOption("US");
  await page.getByLabel(/I have read the privacy notice/).check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await waitForMail(email, subject);
  const link = /https?:\/\/\S+\/manage\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  if (!link) throw new Error("no manage link in the email");
  return link;
}

async function registrationRow(email: string) {
  const [row] = await sql<{ id: string; status: string; givenName: string; meetingId: string }>(
    `SELECT id, status, "givenName", "meetingId" FROM "Registration" WHERE email = $1`,
    [email],
  );
  if (!row) throw new Error(`no registration for ${email}`);
  return row;
}

test.describe("a registrant's manage link", () => {
  test("updates the details, resends the email and withdraws, all as plain form posts", async ({ page }) => {
    const email = uniqueEmail("nojs-manage");
    const manageUrl = await registerWithoutScript(page, "practice", email, /^Registration confirmed/);

    const response = await page.goto(manageUrl);
    // Same-origin referrers: the browser sends the page's real Origin with its forms.
    expect(response?.headers()["referrer-policy"]).toBe("same-origin");
    await page.getByLabel("Given name").fill("Grace Brewster");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your changes have been saved." })).toBeVisible();
    expect((await registrationRow(email)).givenName).toBe("Grace Brewster");

    await page.getByRole("button", { name: "Send the confirmation email again" }).click();
    // The first email was sent moments ago: the resend is refused as too soon, and says so.
    await expect(page.getByRole("status").filter({ hasText: "We sent the email a moment ago" })).toBeVisible();

    await page.getByRole("button", { name: "Withdraw my registration" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Tick the box to confirm" })).toBeVisible();
    expect((await registrationRow(email)).status).toBe("CONFIRMED");
    await page.getByLabel("I want to withdraw my registration").check();
    await page.getByRole("button", { name: "Withdraw my registration" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your registration has been withdrawn." })).toBeVisible();
    expect((await registrationRow(email)).status).toBe("WITHDRAWN");
    await waitForMail(email, /withdrawn/i);
  });

  test("a withdrawal posted before the page's scripts ran (scripts blocked) is carried out", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    // The page's JavaScript never arrives, as on a slow phone before hydration.
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    const email = uniqueEmail("nojs-hydration");
    const manageUrl = await registerWithoutScript(page, "practice", email, /^Registration confirmed/);
    await page.goto(manageUrl);
    await page.getByLabel("I want to withdraw my registration").check();
    await page.getByRole("button", { name: "Withdraw my registration" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your registration has been withdrawn." })).toBeVisible();
    expect((await registrationRow(email)).status).toBe("WITHDRAWN");
    await context.close();
  });
});

test.describe("the organizer console", () => {
  test("approves one registrant, rejects another with a reason, resends, and decides in bulk", async ({ page, context }) => {
    const approved = uniqueEmail("nojs-approve");
    const rejected = uniqueEmail("nojs-reject");
    const bulk = uniqueEmail("nojs-bulk");
    for (const email of [approved, rejected, bulk]) await registerWithoutScript(page, "approval-e2e", email, /^Registration received/);
    await signInDirectly(context, ORGANIZER);
    const { id, meetingId } = await registrationRow(approved);

    await page.goto(`/admin/meetings/${meetingId}/registrations/${id}`);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 registration approved" })).toBeVisible();
    expect((await registrationRow(approved)).status).toBe("CONFIRMED");
    await waitForMail(approved, /^Registration approved/);

    await page.getByRole("button", { name: "Resend the confirmation email" }).click();
    await expect(page).toHaveURL(/done=resent/);

    const other = await registrationRow(rejected);
    await page.goto(`/admin/meetings/${meetingId}/registrations/${other.id}`);
    await page.getByLabel("Reason", { exact: false }).fill("Not a member of the group");
    await page.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 registration rejected" })).toBeVisible();
    expect((await registrationRow(rejected)).status).toBe("REJECTED");
    expect((await waitForMail(rejected, /not accepted|rejected/i)).text).toContain("Not a member of the group");

    await page.goto(`/admin/meetings/${meetingId}?q=${encodeURIComponent(bulk)}`);
    await page.getByRole("checkbox", { name: /Select Grace Hopper/ }).check();
    await page.getByRole("button", { name: "Approve selected" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 registration approved" })).toBeVisible();
    expect((await registrationRow(bulk)).status).toBe("CONFIRMED");
  });

  test("filters the list, rejects in bulk (only with a reason) and marks a registration withdrawn", async ({ page, context }) => {
    const withdrawn = uniqueEmail("nojs-withdraw");
    const bulkRejected = uniqueEmail("nojs-bulk-reject");
    for (const email of [withdrawn, bulkRejected]) await registerWithoutScript(page, "approval-e2e", email, /^Registration received/);
    await signInDirectly(context, ORGANIZER);
    const { meetingId } = await registrationRow(withdrawn);

    // The filter form is a plain GET: the list shows only what it asks for.
    await page.goto(`/admin/meetings/${meetingId}`);
    await page.getByLabel("Name, email or organization").fill(bulkRejected);
    await page.getByLabel("Status").selectOption("PENDING");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=PENDING/);
    expect(new URL(page.url()).searchParams.get("q")).toBe(bulkRejected);
    const selectable = page.getByRole("checkbox", { name: /^Select / });
    await expect(selectable).toHaveCount(1);
    await selectable.check();
    // A bulk rejection needs the reason that the registrants are sent: without it, nothing changes.
    await page.getByRole("button", { name: "Reject selected" }).click();
    await expect(page.getByText("Enter the reason for the rejection: it is sent to the registrant")).toBeVisible();
    expect((await registrationRow(bulkRejected)).status).toBe("PENDING");
    await page.goto(`/admin/meetings/${meetingId}?q=${encodeURIComponent(bulkRejected)}`);
    await page.getByRole("checkbox", { name: /^Select / }).check();
    await page.getByLabel("Reason (for rejections)").fill("Registrations are closed to observers");
    await page.getByRole("button", { name: "Reject selected" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 registration rejected" })).toBeVisible();
    expect((await registrationRow(bulkRejected)).status).toBe("REJECTED");
    expect((await waitForMail(bulkRejected, /^Registration not accepted/)).text).toContain("Registrations are closed to observers");

    const toWithdraw = await registrationRow(withdrawn);
    await page.goto(`/admin/meetings/${meetingId}/registrations/${toWithdraw.id}`);
    await page.getByRole("button", { name: "Mark as withdrawn" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 registration marked withdrawn" })).toBeVisible();
    expect((await registrationRow(withdrawn)).status).toBe("WITHDRAWN");
  });

  test("creates a meeting, edits it, saves its connection instructions, emails them to its confirmed registrant and revokes their join links", async ({
    page,
    context,
  }) => {
    await signInDirectly(context, ORGANIZER);
    const slug = `nojs-${Date.now().toString(36)}`;
    await page.goto("/admin/meetings/new");
    await page.getByLabel("Title", { exact: true }).fill("Meeting created without JavaScript");
    await page.getByLabel("Short name").fill("NOJS-1");
    await page.getByLabel("Web address name").fill(slug);
    await page.getByLabel("Starts").fill("2030-03-10T13:00");
    await page.getByLabel("Ends").fill("2030-03-12T17:00");
    await page.getByLabel("Registration opens").fill("2020-01-01T00:00");
    await page.getByLabel("Registration closes", { exact: true }).fill("2030-03-01T23:59");
    await page.getByRole("textbox", { name: "Language", exact: true }).fill("English only");
    await page.getByLabel("Contact name", { exact: true }).fill("Secretariat");
    await page.getByLabel("Contact email").fill("secretariat@example.org");
    await page.getByLabel("Join link").fill("https://meet.example.org/j/nojs");
    await page.getByRole("button", { name: "Create a meeting" }).click();
    await expect(page.getByText("The meeting has been created.")).toBeVisible();
    const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = $1`, [slug]);

    await page.goto(`/admin/meetings/${meeting?.id}/edit`);
    await page.getByLabel("Short name").fill("NOJS-2");
    await page.getByRole("button", { name: "Save meeting" }).click();
    await expect(page.getByText("The meeting has been saved.")).toBeVisible();
    expect(await sql(`SELECT "shortName" FROM "Meeting" WHERE id = $1`, [meeting?.id])).toEqual([{ shortName: "NOJS-2" }]);

    await page.goto(`/admin/meetings/${meeting?.id}/connection`);
    await page.getByLabel("Passcode").fill("nojs-passcode");
    await page.getByRole("button", { name: "Save connection instructions" }).click();
    await expect(page.getByText("The connection instructions have been saved")).toBeVisible();
    expect(await sql(`SELECT "connectionPasscode" FROM "Meeting" WHERE id = $1`, [meeting?.id])).toEqual([
      { connectionPasscode: "nojs-passcode" },
    ]);

    // "Email the new instructions" is a checkbox in the same form: the confirmed registrant is told.
    const registrant = uniqueEmail("nojs-notify");
    await registerWithoutScript(page, slug, registrant, /^Registration confirmed/);
    await page.goto(`/admin/meetings/${meeting?.id}/connection`);
    await page.getByLabel("Passcode").fill("nojs-passcode-2");
    await page.getByLabel(/Email the new instructions to the 1 confirmed registrant/).check();
    await page.getByRole("button", { name: "Save connection instructions" }).click();
    await expect(page.getByText(/1 registrant will be emailed/)).toBeVisible();
    await waitForMail(registrant, /^New connection instructions/);

    // Its emails carry a personal join link (the default); revoking stops every one of them.
    const { id: registrationId } = await registrationRow(registrant);
    const live = `SELECT count(*)::int AS count FROM "JoinLink" WHERE "registrationId" = $1 AND "revokedAt" IS NULL`;
    expect((await sql<{ count: number }>(live, [registrationId]))[0]?.count).toBeGreaterThan(0);
    await page.goto(`/admin/meetings/${meeting?.id}/registrations/${registrationId}`);
    await page.getByRole("button", { name: "Revoke join links" }).click();
    await expect(page.getByText(/join links? (has|have) been revoked/)).toBeVisible();
    expect((await sql<{ count: number }>(live, [registrationId]))[0]?.count).toBe(0);
  });

  test("signs in with the emailed link and signs out", async ({ page, context }) => {
    const earlierLinks = mailsTo(ORGANIZER).filter((mail) => /sign-in link/.test(mail.subject)).length;
    await forgetSignInLinkLimit(ORGANIZER);
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(ORGANIZER);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const before = (await sql<{ count: number }>(`SELECT count(*)::int AS count FROM "Session"`))[0]?.count ?? 0;
    const mail = await waitForMail(ORGANIZER, /sign-in link/, earlierLinks + 1);
    await page.goto(/https?:\/\/\S+\/sign-in\/confirm\?\S+/.exec(mail.text)?.[0] ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your meetings" })).toBeVisible();
    expect((await sql<{ count: number }>(`SELECT count(*)::int AS count FROM "Session"`))[0]?.count).toBe(before + 1);

    const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith("authjs.session-token"));
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    expect(await sql(`SELECT 1 FROM "Session" WHERE "sessionToken" = $1`, [cookie?.value])).toHaveLength(0);
  });
});
