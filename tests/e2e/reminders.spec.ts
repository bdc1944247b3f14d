// The meeting form's reminders: an organizer switches them off, which needs a clear choice
// (nothing ticked is an error), then keeps only the hour-before one, without JavaScript; and the
// group and its error pass axe (with JavaScript: axe runs as a script in the page).
import { expectNoAxeViolations, expect, signInDirectly, sql, test } from "./support.ts";

const SLUG = "reminders-e2e";

test.beforeAll(async () => {
  // A meeting of its own, a copy of the practice meeting, that organizer@example.org owns.
  const columns = (
    await sql<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_name = 'Meeting' AND column_name NOT IN ('id', 'slug', 'shortName', 'isPractice', 'createdAt', 'updatedAt')`,
    )
  )
    .map((row) => `"${row.column_name}"`)
    .join(", ");
  await sql(
    `INSERT INTO "Meeting" (id, slug, "shortName", "isPractice", "createdAt", "updatedAt", ${columns})
     SELECT gen_random_uuid(), $1, 'REMIND-E2E', false, now(), now(), ${columns} FROM "Meeting" WHERE slug = 'practice'
     ON CONFLICT (slug) DO NOTHING`,
    [SLUG],
  );
  await sql(
    `INSERT INTO "MeetingOrganizer" ("meetingId", "userId", role)
     SELECT m.id, u.id, 'OWNER' FROM "Meeting" m, "User" u WHERE m.slug = $1 AND u.email = 'organizer@example.org'
     ON CONFLICT DO NOTHING`,
    [SLUG],
  );
});

test("the reminders group and its error pass axe", async ({ page, context }) => {
  await signInDirectly(context, "organizer@example.org");
  const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = $1`, [SLUG]);
  await page.goto(`/admin/meetings/${meeting?.id}/edit`);
  const group = page.getByRole("group", { name: "Reminders to confirmed registrants" });
  await expect(group.getByRole("checkbox", { name: "1 hour before" })).toBeVisible();
  await expectNoAxeViolations(page);
  for (const name of ["7 days before", "1 day before", "1 hour before", "No reminders"])
    await group.getByRole("checkbox", { name }).uncheck();
  await page.getByRole("button", { name: "Save meeting" }).click();
  await expect(page.getByRole("link", { name: "Choose when to send reminders, or choose no reminders" })).toBeVisible();
  await expect(group).toHaveAccessibleDescription(/Sent by email before the first session starts.*Choose when to send reminders/);
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an organizer switches the reminders off, is asked to choose when nothing is ticked, then keeps only the hour before", async ({
    page,
    context,
  }) => {
    await signInDirectly(context, "organizer@example.org");
    const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = $1`, [SLUG]);
    await page.goto(`/admin/meetings/${meeting?.id}/edit`);
    const group = page.getByRole("group", { name: "Reminders to confirmed registrants" });
    for (const name of ["7 days before", "1 day before", "1 hour before"])
      await expect(group.getByRole("checkbox", { name })).toBeChecked();
    await expect(group.getByRole("checkbox", { name: "No reminders" })).not.toBeChecked();

    // Nothing ticked: the form comes back with the error, linked from the summary.
    for (const name of ["7 days before", "1 day before", "1 hour before"]) await group.getByRole("checkbox", { name }).uncheck();
    await page.getByRole("button", { name: "Save meeting" }).click();
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("link", { name: "Choose when to send reminders, or choose no reminders" })).toBeVisible();
    expect(await sql(`SELECT "reminderOffsetsMinutes" FROM "Meeting" WHERE slug = $1`, [SLUG])).toEqual([
      { reminderOffsetsMinutes: [10080, 1440, 60] },
    ]);

    // "No reminders" switches them off.
    await page.getByRole("group", { name: "Reminders to confirmed registrants" }).getByRole("checkbox", { name: "No reminders" }).check();
    await page.getByRole("button", { name: "Save meeting" }).click();
    await expect(page.getByText("The meeting has been saved.")).toBeVisible();
    expect(await sql(`SELECT "reminderOffsetsMinutes" FROM "Meeting" WHERE slug = $1`, [SLUG])).toEqual([{ reminderOffsetsMinutes: [] }]);

    // Back on the form, "No reminders" is ticked; the hour-before one alone is kept.
    await page.goto(`/admin/meetings/${meeting?.id}/edit`);
    await expect(group.getByRole("checkbox", { name: "No reminders" })).toBeChecked();
    await group.getByRole("checkbox", { name: "No reminders" }).uncheck();
    await group.getByRole("checkbox", { name: "1 hour before" }).check();
    await page.getByRole("button", { name: "Save meeting" }).click();
    await expect(page.getByText("The meeting has been saved.")).toBeVisible();
    expect(await sql(`SELECT "reminderOffsetsMinutes" FROM "Meeting" WHERE slug = $1`, [SLUG])).toEqual([{ reminderOffsetsMinutes: [60] }]);
    const [entry] = await sql<{ before: unknown; after: unknown }>(
      `SELECT a.before, a.after FROM "AuditEntry" a JOIN "Meeting" m ON m.id = a."meetingId"
     WHERE m.slug = $1 AND a.action = 'meeting.updated' ORDER BY a."createdAt" DESC LIMIT 1`,
      [SLUG],
    );
    expect(entry).toMatchObject({ before: { reminderOffsetsMinutes: [] }, after: { reminderOffsetsMinutes: [60] } });
  });
});
