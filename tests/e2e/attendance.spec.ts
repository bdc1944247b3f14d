import http from "node:http";
// Attendance and the list of participants in a browser: an organizer uploads a platform report,
// a damaged one is refused naming its line, an unmatched row is resolved with JavaScript off;
// the printable list groups the ITU way; a confirmed registrant sees the participants-only list.
import { createHash, randomBytes } from "node:crypto";
import { expect, expectNoAxeViolations, signInDirectly, sql, test, uniqueEmail } from "./support.ts";

async function confirmedRegistrant(
  meetingId: string,
  person: { given: string; family: string; category: string; memberState?: string; consent: boolean },
) {
  const email = uniqueEmail(person.given.toLowerCase());
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", country, "memberState", category, status, "listConsent", "privacyAcceptedAt", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'CH', $6, $7, 'CONFIRMED', $8, now(), now()) RETURNING id`,
    [
      `Q-${randomBytes(4).toString("hex").toUpperCase()}`,
      meetingId,
      email,
      person.given,
      person.family,
      person.memberState ?? null,
      person.category,
      person.consent,
    ],
  );
  return { id: row?.id ?? "", email };
}

test("an organizer uploads a Zoom report, sees a damaged one refused by line, and resolves an unmatched row with JavaScript off", async ({
  page,
  context,
  browser,
}) => {
  const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = 'approval-e2e'`);
  const meetingId = meeting?.id ?? "";
  const ada = await confirmedRegistrant(meetingId, { given: "Adaline", family: "Lovelock", category: "ACADEMIA", consent: true });
  const grace = await confirmedRegistrant(meetingId, { given: "Gracia", family: "Hopperton", category: "SECTOR_MEMBER", consent: false });
  await signInDirectly(context, "organizer@example.org");

  await page.goto(`/admin/meetings/${meetingId}/attendance`);
  await expect(page.getByRole("heading", { name: "Attendance", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // A damaged report: refused, the line named, nothing stored.
  await page.getByLabel("Participant report (CSV)").setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Name (Original Name),User Email,Join Time\nAda,a@example.org,11/15/2021 01:00 PM\nBob,b@example.org,never\n"),
  });
  await page.getByRole("button", { name: "Upload the report" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "Line 3 of the file could not be read: its join time is not a date and time",
  );
  await expectNoAxeViolations(page);

  const report = [
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)",
    `Ada L.,${ada.email.toUpperCase()},11/15/2021 12:58:03 PM,11/15/2021 04:00:00 PM,182`,
    '"<b>G. Hopper</b> =1+1",,11/15/2021 01:05:00 PM,11/15/2021 02:05:00 PM,60',
  ].join("\r\n");
  await page
    .getByLabel("Participant report (CSV)")
    .setInputFiles({ name: "zoom-participants.csv", mimeType: "text/csv", buffer: Buffer.from(report) });
  await page.getByRole("button", { name: "Upload the report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The report" })).toHaveText("The report has been imported.");
  // The hostile name is shown as the text it is, never as markup.
  await expect(page.getByRole("heading", { name: "Line 3: <b>G. Hopper</b> =1+1" })).toBeVisible();
  await expectNoAxeViolations(page);
  const reportUrl = page.url().replace(/\?.*$/, "");

  // The organizer resolves the row without JavaScript: a plain form post.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await signInDirectly(noScript, "organizer@example.org");
  const plain = await noScript.newPage();
  await plain.goto(reportUrl);
  await plain.getByLabel("Registrant for line 3").selectOption({ label: `Hopperton, Gracia (${grace.email})` });
  await plain.getByRole("button", { name: "Save" }).click();
  await expect(plain.getByRole("status").filter({ hasText: "The row" })).toHaveText("The row has been matched to the registrant.");
  await expect(plain.getByText("Every row is matched to a registrant or ignored.")).toBeVisible();
  await noScript.close();

  const rows = await sql<{ line: number; registrationId: string | null; matchedBy: string | null }>(
    `SELECT w.line, w."registrationId"::text AS "registrationId", w."matchedBy" FROM "AttendanceReportRow" w
     JOIN "AttendanceReport" a ON a.id = w."reportId" WHERE a."meetingId" = $1 AND a."fileName" = 'zoom-participants.csv' ORDER BY w.line`,
    [meetingId],
  );
  expect(rows).toEqual([
    { line: 2, registrationId: ada.id, matchedBy: "email" },
    { line: 3, registrationId: grace.id, matchedBy: "organizer" },
  ]);
  const audit = await sql<{ action: string }>(
    `SELECT action FROM "AuditEntry" WHERE "meetingId" = $1 AND action LIKE 'attendance.%' ORDER BY "createdAt"`,
    [meetingId],
  );
  expect(audit.map((entry) => entry.action)).toEqual(["attendance.report-imported", "attendance.row-resolved"]);
});

test("the printable list of participants groups the ITU way; a confirmed registrant sees only those who consented", async ({
  page,
  context,
}) => {
  const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = 'approval-e2e'`);
  const meetingId = meeting?.id ?? "";
  const state = await confirmedRegistrant(meetingId, {
    given: "Ueli",
    family: "Zbinden",
    category: "MEMBER_STATE",
    memberState: "CH",
    consent: true,
  });
  const hidden = await confirmedRegistrant(meetingId, { given: "Hedy", family: "Hiddenfeld", category: "INDIVIDUAL", consent: false });
  await signInDirectly(context, "organizer@example.org");

  await page.goto(`/admin/meetings/${meetingId}/participants`);
  await expect(page.getByRole("heading", { name: "List of participants", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Switzerland", level: 2 })).toBeVisible();
  const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
  expect(headings.indexOf("Switzerland")).toBeLessThan(headings.indexOf("Individuals from ITU member countries"));
  await expect(page.getByRole("rowheader", { name: "Hiddenfeld, Hedy" })).toBeVisible();
  await expectNoAxeViolations(page);
  // Printed: no site header or links, laid out for A4.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("link", { name: "Download as CSV" })).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
  await page.emulateMedia({ media: "screen" });

  // The registrant's manage link opens the participants-only list.
  const token = randomBytes(32).toString("base64url");
  await sql(`INSERT INTO "ManageLink" ("tokenHash", "registrationId", reason) VALUES ($1, $2, 'registered')`, [
    createHash("sha256").update(token).digest("hex"),
    state.id,
  ]);
  await page.context().clearCookies();
  await page.goto(`/manage/${token}`);
  await page.getByRole("link", { name: "See the list of participants" }).click();
  await expect(page.getByRole("heading", { name: "List of participants", level: 1 })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Zbinden, Ueli" })).toBeVisible();
  await expect(page.getByText("Hiddenfeld")).toHaveCount(0);
  await expect(page.getByText(state.email)).toHaveCount(0);
  await expect(page.getByText(hidden.email)).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a report above 10 MB is refused with a clear error; the upload path alone accepts bodies that large", async ({ page, context }) => {
  const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = 'approval-e2e'`);
  const meetingId = meeting?.id ?? "";
  await signInDirectly(context, "organizer@example.org");
  await page.goto(`/admin/meetings/${meetingId}/attendance`);
  // Above 10 MB (10.5): the server lets the upload through to the route, which refuses it on the form.
  const header = "Name (Original Name),User Email,Join Time\n";
  const line = "Ada,ada@example.org,2021-11-15 13:00\n";
  const filler = line.repeat(Math.ceil((10.5 * 1024 * 1024) / line.length));
  await page
    .getByLabel("Participant report (CSV)")
    .setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.from(header + filler) });
  await page.getByRole("button", { name: "Upload the report" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "The file is larger than 10 MB: export a shorter report",
  );
  expect(await sql(`SELECT 1 FROM "AttendanceReport" WHERE "fileName" = 'huge.csv'`)).toEqual([]);
  // Far above: the server refuses before reading the body, as it refuses any other form over 64 kB.
  // Only the declared length is sent: the server answers from the headers, and a client still
  // writing 17 MB to a socket the server has closed would see EPIPE instead of the answer.
  expect(await statusForDeclaredBody(new URL(`/admin/meetings/${meetingId}/attendance/upload`, page.url()), 17 * 1024 * 1024)).toBe(413);
  const elsewhere = await page.request.post(`/admin/meetings/${meetingId}/connection`, {
    headers: { origin: new URL(page.url()).origin, "content-type": "text/plain" },
    data: Buffer.alloc(100 * 1024, 0x61),
    maxRedirects: 0,
  });
  expect(elsewhere.status()).toBe(413);
});

/** The status a POST gets when it declares a body of `length` bytes and sends none of it. */
function statusForDeclaredBody(url: URL, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", headers: { origin: url.origin, "content-type": "text/csv", "content-length": String(length) } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      },
    );
    request.on("error", reject);
    request.flushHeaders();
  });
}
