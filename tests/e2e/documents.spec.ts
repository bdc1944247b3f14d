// Input documents in a browser (issue #14): a registrant submits a PDF before the deadline with
// JavaScript off and gets the acknowledgment email with its number; another participant of the
// meeting finds it in the list and downloads it as an attachment; an anonymous visitor gets
// neither the list nor the file. axe on the page with JavaScript on, with and without errors.
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, expectNoAxeViolations, sql, test, uniqueEmail, waitForMail } from "./support.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

async function confirmedRegistrant(meetingId: string, given: string) {
  const token = randomBytes(32).toString("base64url");
  const email = uniqueEmail(given.toLowerCase());
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", country, category, organization, status, "privacyAcceptedAt", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4, 'Tester', 'CH', 'ACADEMIA', 'University of Geneva', 'CONFIRMED', now(), now()) RETURNING id`,
    [`Q-${randomBytes(4).toString("hex").toUpperCase()}`, meetingId, email, given],
  );
  await sql(`INSERT INTO "ManageLink" ("tokenHash", "registrationId", reason) VALUES ($1, $2, 'registered')`, [
    createHash("sha256").update(token).digest("hex"),
    row?.id,
  ]);
  return { email, token };
}

test("a registrant submits a PDF with JavaScript off and is emailed its number; another participant downloads it; an anonymous visitor cannot", async ({
  page,
  browser,
  request,
}) => {
  const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = 'practice'`);
  const meetingId = meeting?.id ?? "";
  const author = await confirmedRegistrant(meetingId, "Rosalind");
  const reader = await confirmedRegistrant(meetingId, "Barbara");
  const title = `Entanglement distribution ${randomBytes(3).toString("hex")}`;

  // With JavaScript off: a plain multipart form post.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(`/manage/${author.token}/documents`);
  await expect(plain.getByRole("heading", { name: "Input documents", level: 1 })).toBeVisible();
  // A submission without a file is refused, linked from the summary, and nothing is numbered.
  await plain.getByLabel("Title", { exact: true }).fill(title);
  await plain.getByRole("button", { name: "Submit document" }).click();
  await expect(plain.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Select the file of the document");
  await expect(plain.getByRole("link", { name: "Select the file of the document" })).toHaveAttribute("href", "#file");
  // What was typed comes back with the errors.
  await expect(plain.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(plain.getByLabel("Source", { exact: true })).toHaveValue("University of Geneva");
  await plain.getByLabel("File", { exact: true }).setInputFiles({ name: "../entanglement.pdf", mimeType: "application/pdf", buffer: PDF });
  await plain.getByRole("button", { name: "Submit document" }).click();
  const status = plain.getByRole("status");
  await expect(status).toContainText(/Document PRACTICE-I-\d{3} was received/);
  const number = /PRACTICE-I-\d{3}/.exec((await status.textContent()) ?? "")?.[0] ?? "";
  await noScript.close();

  const acknowledgment = await waitForMail(author.email, new RegExp(`^${number} received`));
  expect(acknowledgment.text).toContain(title);
  expect(acknowledgment.text).toContain(`/manage/${author.token}/documents`);

  // Another participant, JavaScript on: the list shows it, the file downloads as an attachment.
  await page.goto(`/manage/${reader.token}/documents`);
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText(number);
  await expectNoAxeViolations(page);
  const downloadPromise = page.waitForEvent("download");
  await row.getByRole("link", { name: new RegExp(`Download ${number}`) }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${number} entanglement.pdf`);
  expect((await readFile(await download.path())).equals(PDF)).toBe(true);
  const href = (await row.getByRole("link", { name: new RegExp(`Download ${number}`) }).getAttribute("href")) ?? "";
  const served = await request.get(href);
  expect(served.headers()["content-disposition"]).toMatch(/^attachment; /);
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'");

  // The error summary with JavaScript on passes axe too.
  await page.getByRole("button", { name: "Submit document" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Enter the title of the document");
  await expectNoAxeViolations(page);

  // An anonymous visitor: a made-up link opens no list and no file.
  const stranger = randomBytes(32).toString("base64url");
  await page.goto(`/manage/${stranger}/documents`);
  await expect(page.getByRole("heading", { name: "Documents not available" })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  const documentPath = href.replace(`/manage/${reader.token}/`, `/manage/${stranger}/`);
  const refused = await request.get(documentPath);
  expect(await refused.text()).toBe("Page not found");
  expect(refused.headers()["content-disposition"]).toBeUndefined();
});
