// The rest of the console in a browser: create a meeting, change the connection instructions and
// notify, and another meeting's organizer seeing nothing.
import { expect, expectNoAxeViolations, signInDirectly, sql, test, uniqueEmail, waitForMail } from "./support.ts";

test("an organizer creates a meeting; registrants get new connection instructions when notified", async ({ page, context }) => {
  await signInDirectly(context, "organizer@example.org");
  await page.goto("/admin/meetings/new");
  await expectNoAxeViolations(page);
  const slug = `created-${Date.now().toString(36)}`;
  await page.getByRole("button", { name: "Create a meeting" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Title", { exact: true }).fill("Eleventh meeting of the Focus Group");
  await page.getByLabel("Short name").fill("FG-TEST-11");
  await page.getByLabel("Web address name").fill(slug);
  await page.getByLabel("Starts").fill("2030-03-10T13:00");
  await page.getByLabel("Ends").fill("2030-03-12T17:00");
  await page.getByLabel("Registration opens").fill("2020-01-01T00:00");
  await page.getByLabel("Registration closes", { exact: true }).fill("2030-03-01T23:59");
  await page.getByRole("textbox", { name: "Language", exact: true }).fill("English only");
  await page.getByLabel("Contact name", { exact: true }).fill("Secretariat");
  await page.getByLabel("Contact email").fill("secretariat@example.org");
  await page.getByLabel("Join link").fill("https://meet.example.org/j/first");
  await page.getByLabel("Passcode").fill("first-passcode");
  // Shared instructions: everyone confirmed gets the passcode (personal links: tests/e2e/join-links.spec.ts).
  await page.getByLabel(/^No: every confirmed registrant gets the same connection instructions/).check();
  await page.getByRole("button", { name: "Create a meeting" }).click();
  await expect(page.getByText("The meeting has been created.")).toBeVisible();
  const [meeting] = await sql<{ id: string; registrationClosesAt: Date; timeZone: string }>(
    `SELECT id, "registrationClosesAt", "timeZone" FROM "Meeting" WHERE slug = $1`,
    [slug],
  );
  expect(meeting?.timeZone).toBe("Europe/Zurich");
  // 23:59 in Zurich (CET, UTC+1) on 1 March 2030, to the end of that minute.
  expect(new Date(meeting?.registrationClosesAt ?? 0).toISOString()).toBe("2030-03-01T22:59:59.999Z");

  // Someone registers, then the organizers change how to connect and tell them.
  const email = uniqueEmail("notified");
  await page.goto(`/meetings/${slug}/register`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Given name").fill("Alan");
  await page.getByLabel("Family name").fill("Turing");
  await page.getByLabel("Individual from an ITU member country", { exact: true }).check();
  await page.getByLabel("Country", { exact: true }).selectOption("GB");
  await page.getByLabel(/I have read the privacy notice/).check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  expect((await waitForMail(email, /^Registration confirmed/)).text).toContain("first-passcode");

  await page.goto(`/admin/meetings/${meeting?.id}/connection`);
  await expectNoAxeViolations(page);
  await page.getByLabel("Passcode").fill("second-passcode");
  await page.getByLabel(/Email the new instructions to the 1 confirmed registrant/).check();
  await page.getByRole("button", { name: "Save connection instructions" }).click();
  await expect(page.getByText("1 registrant will be emailed")).toBeVisible();
  const update = await waitForMail(email, /^New connection instructions/);
  expect(update.text).toContain("second-passcode");
  expect(update.text).not.toContain("first-passcode");

  await page.goto(`/admin/meetings/${meeting?.id}/audit`);
  await expect(page.getByRole("cell", { name: "Changed the connection instructions" })).toBeVisible();
  // The passcode is recorded as changed, never shown.
  await expect(page.getByRole("cell", { name: "Passcode: ••• → •••" })).toBeVisible();
  await expect(page.getByText("second-passcode")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("an organizer of another meeting sees nothing of this one", async ({ page, context, request }) => {
  const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = 'approval-e2e'`);
  // A registration that exists: a made-up id would answer 404 to this meeting's own organizers too.
  const email = uniqueEmail("hidden");
  const [registration] = await sql<{ id: string }>(
    `INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", country, category, status, "privacyAcceptedAt", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, 'Hidalga', 'Unseen', 'FR', 'ACADEMIA', 'PENDING', now(), now()) RETURNING id`,
    [`Q-${Date.now().toString(36).toUpperCase().slice(-5)}-HIDDN`, meeting?.id, email],
  );
  await signInDirectly(context, "other@example.org");
  for (const path of ["", "/audit", "/connection", "/edit", "/organizers", "/statistics", `/registrations/${registration?.id}`]) {
    const response = await page.goto(`/admin/meetings/${meeting?.id}${path}`);
    expect(response?.status(), path).toBe(404);
    const html = (await response?.text()) ?? "";
    expect(html, path).not.toContain(email);
    expect(html, path).not.toContain("Hidalga");
  }
  const cookies = await context.cookies();
  const exportResponse = await request.get(`/admin/meetings/${meeting?.id}/export`, {
    headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") },
  });
  expect(exportResponse.status()).toBe(404);
  expect(await exportResponse.text()).not.toContain("@");
  // Anonymous: the console sends to sign-in, the export says 401.
  const anonymous = await request.get(`/admin/meetings/${meeting?.id}/export`);
  expect(anonymous.status()).toBe(401);
});
