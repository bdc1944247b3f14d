// An organizer chooses, with JavaScript off, a daily digest instead of one email per input
// document on the meeting's documents console page (issue #14, point 4): a plain form post, the
// choice stored and audited; axe on the page with JavaScript on.
import { expect, expectNoAxeViolations, signInDirectly, sql, test } from "./support.ts";

test("an organizer switches to the daily digest with JavaScript off; the choice is stored, shown checked and audited", async ({
  browser,
  page,
  context,
}) => {
  const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = 'practice'`);
  const meetingId = meeting?.id ?? "";
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await signInDirectly(noScript, "organizer@example.org");
  const plain = await noScript.newPage();
  try {
    await plain.goto(`/admin/meetings/${meetingId}/documents`);
    const choices = plain.getByRole("group", { name: "Emails about new documents" });
    await expect(choices.getByLabel("One email per document, when it is submitted")).toBeChecked();
    await choices.getByLabel("One email a day listing the previous day's documents (none on a day without any)").check();
    await plain.getByRole("button", { name: "Save my choice" }).click();
    await expect(plain.getByRole("status").filter({ hasText: "Your choice" })).toHaveText(
      "Your choice of emails about new documents is saved.",
    );
    await expect(plain.getByLabel("One email a day listing the previous day's documents (none on a day without any)")).toBeChecked();
    const [role] = await sql<{ documentNotices: string }>(
      `SELECT o."documentNotices"::text AS "documentNotices" FROM "MeetingOrganizer" o JOIN "User" u ON u.id = o."userId"
       WHERE o."meetingId" = $1 AND u.email = 'organizer@example.org'`,
      [meetingId],
    );
    expect(role?.documentNotices).toBe("DAILY_DIGEST");
    const audit = await sql<{ after: unknown }>(
      `SELECT after FROM "AuditEntry" WHERE "meetingId" = $1 AND action = 'document.notices-chosen' ORDER BY "createdAt" DESC LIMIT 1`,
      [meetingId],
    );
    expect(audit[0]?.after).toEqual({ documentNotices: "DAILY_DIGEST" });

    await signInDirectly(context, "organizer@example.org");
    await page.goto(`/admin/meetings/${meetingId}/documents`);
    await expect(page.getByRole("group", { name: "Emails about new documents" })).toBeVisible();
    await expectNoAxeViolations(page);
  } finally {
    await noScript.close();
    // Other browser tests expect the default: one email per document.
    await sql(
      `UPDATE "MeetingOrganizer" SET "documentNotices" = 'EACH' WHERE "meetingId" = $1 AND "userId" = (SELECT id FROM "User" WHERE email = 'organizer@example.org')`,
      [meetingId],
    );
  }
});
