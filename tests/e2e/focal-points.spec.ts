// The secretariat keeps the list of focal points, with JavaScript disabled (plain form posts and
// a plain file upload): a list uploaded, previewed line by line and applied; a bad list refused
// with its lines; a focal point added by hand after a first mistake, changed and removed. With
// JavaScript (axe needs it), every page of the list is checked for accessibility.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, expectNoAxeViolations, signInDirectly, sql, test, uniqueEmail } from "./support.ts";

const ORGANIZER = "organizer@example.org";

async function csvFile(text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "focal-points-")), "focal-points.csv");
  await writeFile(file, text);
  return file;
}

const pointsWith = (email: string) =>
  sql<{ email: string; scopeKey: string; role: string; locale: string }>(
    `SELECT email, "scopeKey", role, locale FROM "FocalPoint" WHERE email = $1 ORDER BY "scopeKey"`,
    [email],
  );

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an organizer uploads a focal-point list, sees the preview with nothing saved, confirms it and sees the list", async ({
    page,
    context,
  }) => {
    await signInDirectly(context, ORGANIZER);
    const kenya = uniqueEmail("dfp-kenya");
    const huawei = uniqueEmail("fp-huawei");
    await page.goto("/admin");
    await page.getByRole("link", { name: "Focal points" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Focal points" })).toBeVisible();

    const list = [
      "email;name;member_state;organization;role;language",
      `${kenya};Jane Wanjiru;KE;;primary;fr`,
      `${huawei};Li Wei;;Huawei Technologies Co. Ltd;backup;`,
    ].join("\r\n");
    await page.getByLabel("CSV file").setInputFiles(await csvFile(`\uFEFF${list}`));
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Preview of focal-points.csv" })).toBeVisible();
    await expect(page.getByText("To add: 2. To change: 0. Unchanged: 0.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: kenya })).toContainText("Kenya");
    await expect(page.getByRole("row").filter({ hasText: kenya })).toContainText("Français");
    expect(await pointsWith(kenya)).toEqual([]);

    await page.getByRole("button", { name: "Import these focal points" }).click();
    await expect(page.getByRole("status")).toHaveText("The list has been imported. Added: 2. Changed: 0.");
    await expect(page.getByRole("row").filter({ hasText: huawei })).toContainText("Huawei Technologies Co. Ltd");
    expect(await pointsWith(kenya)).toEqual([{ email: kenya, scopeKey: "ms:KE", role: "PRIMARY", locale: "fr" }]);
    expect(await pointsWith(huawei)).toEqual([{ email: huawei, scopeKey: "org:huawei technologies", role: "BACKUP", locale: "en" }]);

    // The same preview cannot be applied twice (back button, double submit).
    await page.goBack();
    await page.getByRole("button", { name: "Import these focal points" }).click();
    await expect(page.getByRole("alert")).toContainText("That list has already been imported.");
    expect(await pointsWith(kenya)).toHaveLength(1);
  });

  test("a list with bad lines is refused with each line's problem and imports nothing", async ({ page, context }) => {
    await signInDirectly(context, ORGANIZER);
    const good = uniqueEmail("fp-good");
    await page.goto("/admin/focal-points");
    const list = ["email,name,member_state,organization,role", `${good},Good Row,KE,,primary`, "not-an-address,Bad Row,XX,,chief"].join(
      "\n",
    );
    await page.getByLabel("CSV file").setInputFiles(await csvFile(list));
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page).toHaveTitle(/^Error: The file cannot be imported/);
    const problems = page.getByRole("alert");
    await expect(problems).toContainText("Line 3: “not-an-address” is not an email address.");
    await expect(problems).toContainText("Line 3: “XX” is not the code of an ITU Member State.");
    await expect(problems).toContainText("Line 3: “chief” is not a role: write primary or backup.");
    await expect(page.getByRole("button", { name: "Import these focal points" })).toHaveCount(0);
    expect(await pointsWith(good)).toEqual([]);
  });

  test("a list over 512 kB reaches its page and is refused there in words; one over 64 kB but under the cap is previewed", async ({
    page,
    context,
  }) => {
    await signInDirectly(context, ORGANIZER);
    await page.goto("/admin/focal-points");
    const header = "email,name,member_state,organization,role";
    // About 80 kB: more than any form may post (64 kB), less than a list may be.
    const rows = Array.from({ length: 1200 }, (_, index) => `fp-${index}@large-list.example.org,Focal Point ${index},KE,,backup`);
    await page.getByLabel("CSV file").setInputFiles(await csvFile([header, ...rows].join("\n")));
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByText("To add: 1200. To change: 0. Unchanged: 0.")).toBeVisible();

    await page.goto("/admin/focal-points");
    await page.getByLabel("CSV file").setInputFiles(await csvFile(`${header}\n${"x".repeat(600 * 1024)}`));
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByRole("alert")).toContainText("The file is larger than 512 KB. Split the list into several files.");
    expect(await sql(`SELECT count(*)::int AS count FROM "FocalPoint" WHERE email LIKE '%@large-list.example.org'`)).toEqual([
      { count: 0 },
    ]);
  });

  test("an organizer adds a focal point by hand after a first mistake, changes their role and removes them", async ({ page, context }) => {
    await signInDirectly(context, ORGANIZER);
    const email = uniqueEmail("fp-by-hand");
    await page.goto("/admin/focal-points/new");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Name", { exact: true }).fill("Amina Hassan");
    await page.getByLabel("A member organization (Sector Member, Associate or Academia)").check();
    await page.getByRole("button", { name: "Save focal point" }).click();
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Enter the name of the organization");

    await page.getByLabel("Name of the organization").fill("Safaricom PLC");
    await page.getByLabel("Other names of the organization (optional)").fill("Safaricom\nSafaricom Kenya");
    await page.getByRole("button", { name: "Save focal point" }).click();
    await expect(page.getByRole("status")).toHaveText("The focal point has been added.");
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("Also written: Safaricom, Safaricom Kenya");
    await expect(row).toContainText("Primary");
    expect(await pointsWith(email)).toEqual([{ email, scopeKey: "org:safaricom", role: "PRIMARY", locale: "en" }]);

    await row.getByRole("link", { name: "Change Amina Hassan" }).click();
    await page.getByLabel("Backup").check();
    await page.getByRole("button", { name: "Save focal point" }).click();
    await expect(page.getByRole("status")).toHaveText("The focal point has been changed.");
    expect(await pointsWith(email)).toEqual([{ email, scopeKey: "org:safaricom", role: "BACKUP", locale: "en" }]);

    await page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: "Remove Amina Hassan" }).click();
    await expect(page.getByRole("status")).toHaveText("The focal point has been removed.");
    expect(await pointsWith(email)).toEqual([]);
    expect(
      await sql(
        `SELECT action FROM "AuditEntry" WHERE "actorLabel" = $1 AND action LIKE 'focal-point.%' AND after::text LIKE $2 ORDER BY "createdAt"`,
        [ORGANIZER, `%${email}%`],
      ),
    ).toEqual([{ action: "focal-point.added" }, { action: "focal-point.updated" }]);
  });
});

test("the focal-point pages have no axe violations: the list, the form with an error, a preview and a refused list", async ({
  page,
  context,
}) => {
  await signInDirectly(context, ORGANIZER);
  await page.goto("/admin/focal-points");
  await expect(page.getByRole("heading", { level: 1, name: "Focal points" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Add a focal point" }).click();
  await page.getByRole("button", { name: "Save focal point" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "Enter the email address of the focal point",
  );
  // The error summary takes focus, as GOV.UK's does.
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeFocused();
  await expectNoAxeViolations(page);

  await page.goto("/admin/focal-points");
  await page
    .getByLabel("CSV file")
    .setInputFiles(await csvFile(`email,name,member_state,organization,role\n${uniqueEmail("fp-axe")},Axe Check,UG,,primary`));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByText("To add: 1. To change: 0. Unchanged: 0.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/admin/focal-points");
  await page.getByLabel("CSV file").setInputFiles(await csvFile("email,name,role\nx@example.org,X,primary"));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The file cannot be imported" })).toContainText(
    "Line 1: The header lacks the columns member_state, organization.",
  );
  await expectNoAxeViolations(page);
});
