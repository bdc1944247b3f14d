// Requests that used to end in "Something went wrong" (a 500) get an answer that says what is wrong:
// a full or not-yet-open meeting, a damaged page link in the console, an oversized form post.
import { randomUUID } from "node:crypto";
import { expect, hiddenFormFields, multipart, registrationFields, signInDirectly, sql, test, uniqueEmail } from "./support.ts";

/** A copy of the practice meeting under a new slug, with some facts changed. */
async function copyOfPractice(overrides: Record<string, unknown>): Promise<{ id: string; slug: string; shortName: string }> {
  const slug = `copy-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const values = { id: randomUUID(), slug, shortName: slug.toUpperCase(), isPractice: false, ...overrides };
  await sql(
    `INSERT INTO "Meeting" SELECT (jsonb_populate_record(NULL::"Meeting", to_jsonb(m) || $1::jsonb)).* FROM "Meeting" m WHERE slug = 'practice'`,
    [JSON.stringify(values)],
  );
  return { id: values.id, slug, shortName: values.shortName };
}

test("a full meeting's registration page says it is full, not a form", async ({ page }) => {
  const meeting = await copyOfPractice({ capacity: 1 });
  await sql(
    `INSERT INTO "Registration" (id, "meetingId", email, reference, "givenName", "familyName", country, category, status, locale, "privacyAcceptedAt", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, 'Only', 'Place', 'CH', 'INDIVIDUAL', 'CONFIRMED', 'en', now(), now())`,
    [meeting.id, uniqueEmail("only-place"), `Q-${Date.now().toString(36).toUpperCase().slice(-5).padStart(5, "0")}-FULL1`],
  );
  await page.goto(`/meetings/${meeting.slug}/register`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${meeting.shortName} is full`);
  await expect(page.getByText("All places have been taken.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Register" })).toHaveCount(0);
});

test("a form sent after the meeting's registration was moved to later says it has not opened yet", async ({ page }) => {
  const meeting = await copyOfPractice({});
  await page.goto(`/meetings/${meeting.slug}/register`);
  await page.getByLabel("Email address").fill(uniqueEmail("too-early"));
  await page.getByLabel("Given name").fill("Early");
  await page.getByLabel("Family name").fill("Bird");
  await page.getByLabel("Individual from an ITU member country", { exact: true }).check();
  await page.getByLabel("Country", { exact: true }).selectOption("KE");
  await page.getByLabel(/I have read the privacy notice/).check();
  await sql(`UPDATE "Meeting" SET "registrationOpensAt" = now() + interval '3 days' WHERE id = $1`, [meeting.id]);
  await page.getByRole("button", { name: "Register" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText(`Registration for ${meeting.shortName} has not opened yet`);
  await expect(summary).not.toContainText("went wrong");
  expect(await sql(`SELECT 1 FROM "Registration" WHERE "meetingId" = $1`, [meeting.id])).toHaveLength(0);
});

test("a damaged page link in the registrant list answers 400 with a plain explanation", async ({ page, context, request }) => {
  await signInDirectly(context, "organizer@example.org");
  const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = 'approval-e2e'`);
  const wellFormedButWrong = Buffer.from(JSON.stringify({ value: "not a date", id: randomUUID() })).toString("base64url");
  for (const after of ["%%%not-base64", wellFormedButWrong, Buffer.from('{"value":"\\u0000","id":1}').toString("base64url")]) {
    const response = await page.goto(`/admin/meetings/${meeting?.id}?after=${after}`);
    expect(response?.status(), after).toBe(400);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page link is damaged");
  }
  // The export reads the same query: the same answer, as text.
  const cookies = await context.cookies();
  const exported = await request.get(`/admin/meetings/${meeting?.id}/export?after=${wellFormedButWrong}`, {
    headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") },
  });
  expect(exported.status()).toBe(400);
});

test("a 200 kB form post to the registration action is refused with 413 and stores nothing", async ({ request, baseURL }) => {
  const email = uniqueEmail("oversized");
  const fields = hiddenFormFields(await (await request.get("/meetings/practice/register")).text());
  const response = await request.post("/meetings/practice/register", {
    headers: { origin: baseURL ?? "", "sec-fetch-site": "same-origin" },
    multipart: multipart([...fields, ...registrationFields(email), ["jobTitle", "x".repeat(200_000)]]),
    maxRedirects: 0,
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("too large");
  expect(await sql(`SELECT 1 FROM "Registration" WHERE email = $1`, [email])).toHaveLength(0);
});
