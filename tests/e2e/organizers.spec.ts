// An owner chooses who organizes a meeting, with JavaScript disabled (plain form posts): adds
// someone as viewer, sees the row in the database and the audit log, then removes it again.
import { expect, expectNoAxeViolations, signInDirectly, sql, test, uniqueEmail } from "./support.ts";

const ORGANIZER = "organizer@example.org";

async function rolesOf(email: string) {
  return sql<{ role: string }>(
    `SELECT mo.role FROM "MeetingOrganizer" mo
       JOIN "User" u ON u.id = mo."userId"
       JOIN "Meeting" m ON m.id = mo."meetingId"
     WHERE u.email = $1 AND m.slug = 'approval-e2e'`,
    [email],
  );
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an owner adds an organizer as viewer and removes them again, without JavaScript", async ({ page, context }) => {
    // The sign-in link itself is tested in organizer.spec.ts (and is limited per address per hour).
    await signInDirectly(context, ORGANIZER);
    const added = uniqueEmail("added-viewer");
    const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = 'approval-e2e'`);

    await page.goto(`/admin/meetings/${meeting?.id}`);
    await page.getByRole("link", { name: "Organizers of this meeting" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Organizers" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: ORGANIZER })).toContainText("Owner");

    // A mistake first: the error summary and the message beside the field.
    await page.getByRole("button", { name: "Add organizer" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Select a role");

    await page.getByLabel("Email address").fill(added.toUpperCase());
    await page.getByLabel("Viewer", { exact: true }).check();
    await page.getByRole("button", { name: "Add organizer" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The organizer has been added." })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: added })).toContainText("Viewer");
    expect(await rolesOf(added)).toEqual([{ role: "VIEWER" }]);
    expect(
      await sql(
        `SELECT action, "actorLabel" FROM "AuditEntry" WHERE "entityId" = (SELECT id FROM "User" WHERE email = $1) ORDER BY "createdAt"`,
        [added],
      ),
    ).toEqual([{ action: "organizer.added", actorLabel: ORGANIZER }]);

    // The role can be changed with the plain form too.
    await page.getByRole("row").filter({ hasText: added }).getByRole("combobox").selectOption("EDITOR");
    await page.getByRole("button", { name: `Change role of ${added}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "The role has been changed." })).toBeVisible();
    expect(await rolesOf(added)).toEqual([{ role: "EDITOR" }]);

    await page.getByRole("button", { name: `Remove ${added} from this meeting` }).click();
    await expect(page.getByRole("status").filter({ hasText: "The organizer no longer has a role on this meeting." })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: added })).toHaveCount(0);
    expect(await rolesOf(added)).toEqual([]);
    expect(await rolesOf(ORGANIZER)).toEqual([{ role: "OWNER" }]);
  });
});

// axe runs inside the page, so the same pages are checked with JavaScript on.
test("the organizers page and its error state have no WCAG 2.2 A/AA violations", async ({ page, context }) => {
  await signInDirectly(context, ORGANIZER);
  const [meeting] = await sql<{ id: string }>(`SELECT id FROM "Meeting" WHERE slug = 'approval-e2e'`);
  await page.goto(`/admin/meetings/${meeting?.id}/organizers`);
  await expect(page.getByRole("heading", { level: 1, name: "Organizers" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Add organizer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Select a role");
  await expectNoAxeViolations(page);
});
