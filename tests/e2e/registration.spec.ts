// A remote participant's journey in a real browser: register (each category), read the email,
// manage the registration; errors, deadline, no JavaScript, accessibility.
import type { Page } from "@playwright/test";
import { e2eEnvironment, expectNoAxeViolations, sql, uniqueEmail, waitForMail, expect, test } from "./support.ts";

type Person = {
  email: string;
  givenName: string;
  familyName: string;
  category: string;
  memberState?: string;
  organization?: string;
  country: string;
};

const CATEGORY_LABELS: Record<string, string> = {
  MEMBER_STATE: "Administration of an ITU Member State",
  SECTOR_MEMBER: "ITU-T Sector Member",
  ASSOCIATE: "ITU-T Associate",
  ACADEMIA: "ITU Academia",
  INDIVIDUAL: "Individual from an ITU member country",
};

async function fillRegistration(page: Page, person: Person) {
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Given name").fill(person.givenName);
  await page.getByLabel("Family name").fill(person.familyName);
  await page.getByLabel(CATEGORY_LABELS[person.category] ?? person.category, { exact: true }).check();
  if (person.memberState) await page.getByLabel("Which Member State's administration?").selectOption(person.memberState);
  if (person.organization) await page.getByLabel(/^Organization/).fill(person.organization);
  await page.getByLabel("Country", { exact: true }).selectOption(person.country);
  await page.getByLabel(/I have read the privacy notice/).check();
}

const people: Person[] = [
  {
    email: "",
    givenName: "Amina",
    familyName: "Diallo",
    category: "MEMBER_STATE",
    memberState: "SN",
    organization: "Ministry of Communication",
    country: "SN",
  },
  { email: "", givenName: "Jörg", familyName: "Müller", category: "SECTOR_MEMBER", organization: "Example Telecom AG", country: "DE" },
  { email: "", givenName: "Priya", familyName: "Raman", category: "ASSOCIATE", organization: "Quantum Links Ltd", country: "IN" },
  { email: "", givenName: "Lucía", familyName: "Fernández", category: "ACADEMIA", organization: "Universidad de Chile", country: "CL" },
  { email: "", givenName: "Kenji", familyName: "O'Neill-Sato", category: "INDIVIDUAL", country: "JP" },
];

test.describe("registering for the practice meeting", () => {
  for (const template of people) {
    test(`a ${CATEGORY_LABELS[template.category]} registers and gets the confirmation email`, async ({ page }) => {
      const person = { ...template, email: uniqueEmail(template.category.toLowerCase()) };
      await page.goto("/meetings/practice/register");
      await fillRegistration(page, person);
      await page.getByRole("button", { name: "Register" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
      await expect(page.getByText(person.email)).toBeVisible();

      const rows = await sql<{ status: string; category: string; organization: string | null; memberState: string | null }>(
        `SELECT status, category, organization, "memberState" FROM "Registration" WHERE email = $1`,
        [person.email],
      );
      expect(rows).toEqual([
        {
          status: "CONFIRMED",
          category: person.category,
          organization: person.organization ?? null,
          memberState: person.memberState ?? null,
        },
      ]);
      const mail = await waitForMail(person.email, /^Registration confirmed/);
      const shownReference = await page.getByText(/^Q-[0-9A-Z]{5}-[0-9A-Z]{5}$/).textContent();
      expect(mail.text).toContain(`Your reference number: ${shownReference}`);
      expect(mail.text).toContain(`${person.givenName} ${person.familyName}`);
      // The seeded meetings use personal join links: the platform link itself is not in the email.
      expect(mail.text).toMatch(/\/join\/[A-Za-z0-9_-]{43}/);
      expect(mail.text).not.toContain("https://meet.example.org/j/practice-qit4n");
      expect(mail.attachments.map((attachment) => attachment.filename)).toContain("meeting.ics");
    });
  }

  test("the confirmation page and the manage page pass axe", async ({ page }) => {
    const email = uniqueEmail("axe");
    await page.goto("/meetings/practice/register");
    await expectNoAxeViolations(page);
    await fillRegistration(page, { ...people[3], email } as Person);
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    // Next streams a page's metadata after its content: the title may land a moment later.
    await expect(page).toHaveTitle(/Check your email/);
    await expectNoAxeViolations(page);
    const mail = await waitForMail(email, /^Registration confirmed/);
    const manageUrl = /https?:\/\/\S+\/manage\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0] ?? "";
    expect(manageUrl.startsWith(`${e2eEnvironment().appUrl}/manage/`)).toBe(true);
    await page.goto(manageUrl);
    await expect(page.getByRole("heading", { level: 1, name: /Your registration/ })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("errors follow the GOV.UK pattern, keep the values and pass axe", async ({ page }) => {
    await page.goto("/meetings/practice/register");
    await page.getByLabel("Email address").fill("not-an-email");
    await page.getByLabel("Given name").fill("Ada");
    await page.getByRole("button", { name: "Register" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Error: /);
    await expect(summary.getByRole("link", { name: "Enter an email address in the correct format, like name@example.com" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter your family name" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Select your participant category" })).toBeVisible();
    await expect(page.locator("#email-error")).toHaveText("Error: Enter an email address in the correct format, like name@example.com");
    await expect(page.getByLabel("Given name")).toHaveValue("Ada");
    await summary.getByRole("link", { name: "Enter your family name" }).click();
    await expect(page.getByLabel("Family name")).toBeFocused();
    await expectNoAxeViolations(page);
    expect(await sql(`SELECT 1 FROM "Registration" WHERE "givenName" = 'Ada' AND email = 'not-an-email'`)).toHaveLength(0);
  });

  test("an individual must come from an ITU Member State", async ({ page }) => {
    await page.goto("/meetings/practice/register");
    await fillRegistration(page, { email: uniqueEmail("tw"), givenName: "Li", familyName: "Wei", category: "INDIVIDUAL", country: "TW" });
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("link", { name: /Individuals must be from a Member State of ITU/ })).toBeVisible();
  });

  // Whether "__proto__[polluted]" changes an object in the server process can only be seen from
  // inside it: tests/integration/registration-form-fields.test.ts posts the same fields there.
  test("fields the form does not own are ignored: status, meeting, reference, date and role stay the server's", async ({ page }) => {
    const email = uniqueEmail("extra");
    // A meeting with approval by hand: a status=CONFIRMED that got through would show in the row.
    await page.goto("/meetings/approval-e2e/register");
    await fillRegistration(page, { ...people[1], email } as Person);
    await page.evaluate(() => {
      const form = document.querySelector("form");
      const extraFields: Array<[string, string]> = [
        ["status", "CONFIRMED"],
        ["meetingId", "00000000-0000-4000-8000-000000000000"],
        ["role", "OWNER"],
        ["canCreateMeetings", "true"],
        ["reference", "Q-HACKED-00000"],
        ["createdAt", "2000-01-01T00:00:00Z"],
        ["__proto__[polluted]", "yes"],
      ];
      for (const [name, value] of extraFields) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form?.append(input);
      }
    });
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const rows = await sql<{ reference: string; createdAt: Date; slug: string; status: string }>(
      `SELECT r.reference, r."createdAt", r.status, m.slug FROM "Registration" r JOIN "Meeting" m ON m.id = r."meetingId" WHERE r.email = $1`,
      [email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slug).toBe("approval-e2e");
    expect(rows[0]?.status).toBe("PENDING");
    expect(rows[0]?.reference).not.toBe("Q-HACKED-00000");
    expect(new Date(rows[0]?.createdAt ?? 0).getFullYear()).toBeGreaterThan(2020);
    // role=OWNER made nobody an organizer: the address has no user, and so no role anywhere.
    expect(await sql(`SELECT 1 FROM "User" WHERE email = $1`, [email])).toHaveLength(0);
  });

  test("a submission that arrives after the deadline is refused and stores nothing", async ({ page }) => {
    const slug = `late-${Date.now().toString(36)}`;
    await sql(
      `INSERT INTO "Meeting" (id, slug, title, "shortName", format, "startsAt", "endsAt", "timeZone", languages, fee, "contactName", "contactEmail", "eligibleCategories", "registrationOpensAt", "registrationClosesAt", "updatedAt")
       SELECT gen_random_uuid(), $1, 'Late test meeting', 'LATE', format, "startsAt", "endsAt", "timeZone", languages, fee, "contactName", "contactEmail", "eligibleCategories", now() - interval '1 day', now() + interval '1 day', now()
       FROM "Meeting" WHERE slug = 'practice'`,
      [slug],
    );
    const email = uniqueEmail("late");
    await page.goto(`/meetings/${slug}/register`);
    await fillRegistration(page, { ...people[4], email } as Person);
    // The deadline passes while the person is filling in the form.
    await sql(`UPDATE "Meeting" SET "registrationClosesAt" = now() - interval '1 second' WHERE slug = $1`, [slug]);
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Registration for LATE is closed");
    expect(await sql(`SELECT 1 FROM "Registration" WHERE email = $1`, [email])).toHaveLength(0);
    expect(await sql(`SELECT 1 FROM "OutboxEmail" WHERE "toAddress" = $1`, [email])).toHaveLength(0);
    await page.goto(`/meetings/${slug}/register`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Registration for LATE is closed");
  });

  test("the closed FG-QIT4N-10 registration page is clear and accessible", async ({ page }) => {
    await page.goto("/meetings/fg-qit4n-10/register");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Registration for FG-QIT4N-10 is closed");
    await expect(page.getByText("12 November 2021 at 23:59 CET")).toBeVisible();
    await expect(page.locator("form")).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test("the meeting page shows the circular's facts", async ({ page }) => {
    await page.goto("/meetings/fg-qit4n-10");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      /Tenth meeting of the ITU-T Focus Group on Quantum Information Technology for Networks/,
    );
    for (const text of [
      "TSB Circular 343",
      "15 – 22 November 2021",
      "E-meeting (fully remote)",
      "English only",
      "Free of charge",
      "tsbfgqit4n@itu.int",
      "Closed 12 November 2021 at 23:59 CET",
      "By 5 November 2021 at 23:59 CET",
    ]) {
      await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
    }
    await expectNoAxeViolations(page);
  });
});

test.describe("managing a registration", () => {
  test("the manage link shows, edits and withdraws; the same page answers a repeated registration", async ({ page }) => {
    const email = uniqueEmail("manage");
    await page.goto("/meetings/practice/register");
    await fillRegistration(page, { ...people[3], email } as Person);
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const mail = await waitForMail(email, /^Registration confirmed/);
    const reference = /Q-[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(mail.text)?.[0];
    const manageUrl = /https?:\/\/\S+\/manage\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0] ?? "";

    const response = await page.goto(manageUrl);
    expect(response?.headers()["cache-control"]).toContain("no-store");
    expect(response?.headers()["referrer-policy"]).toBe("same-origin");
    await expect(page.getByText(reference ?? "missing")).toBeVisible();
    await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();

    await page.getByLabel("Given name").fill("Lucía María");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your changes have been saved." })).toBeVisible();
    expect(await sql(`SELECT "givenName" FROM "Registration" WHERE email = $1`, [email])).toEqual([{ givenName: "Lucía María" }]);

    // Registering again with the same address (different case) changes nothing and looks the same.
    await page.goto("/meetings/practice/register");
    await fillRegistration(page, { ...people[3], email: email.toUpperCase() } as Person);
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    // The same answer as a first registration, with the existing reference number.
    await expect(page.getByText(reference ?? "missing", { exact: true })).toBeVisible();
    expect(await sql(`SELECT count(*)::int AS count FROM "Registration" WHERE lower(email) = lower($1)`, [email])).toEqual([{ count: 1 }]);
    const again = await waitForMail(email, /^You are already registered/);
    const newManageUrl = /https?:\/\/\S+\/manage\/[A-Za-z0-9_-]{43}/.exec(again.text)?.[0] ?? "";

    await page.goto(newManageUrl);
    await page.getByRole("button", { name: "Withdraw my registration" }).click();
    await expect(page.getByRole("link", { name: "Tick the box to confirm you want to withdraw" })).toBeVisible();
    await page.getByLabel("I want to withdraw my registration").check();
    await page.getByRole("button", { name: "Withdraw my registration" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your registration has been withdrawn" })).toBeVisible();
    expect(await sql(`SELECT status FROM "Registration" WHERE email = $1`, [email])).toEqual([{ status: "WITHDRAWN" }]);
    await waitForMail(email, /^Registration withdrawn/);
  });

  test("a tampered manage link shows nothing", async ({ page }) => {
    await page.goto(`/manage/${"A".repeat(43)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link does not work");
    await expectNoAxeViolations(page);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form works: errors come back from the server, then the registration goes through", async ({ page }) => {
    const email = uniqueEmail("nojs");
    await page.goto("/meetings/practice/register");
    // Every conditional field is present without JavaScript.
    await expect(page.getByLabel("Which Member State's administration?")).toBeVisible();
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Given name").fill("Nils");
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByText("There is a problem")).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page.getByLabel("Email address")).toHaveValue(email);
    await expect(page.getByLabel("Given name")).toHaveValue("Nils");
    // (axe needs JavaScript in the page; the same error markup is checked with axe above.)

    await page.getByLabel("Family name").fill("Holgersson");
    await page.getByLabel("ITU Academia", { exact: true }).check();
    await page.getByLabel(/^Organization/).fill("Lund University");
    await page.getByLabel("Country", { exact: true }).selectOption("SE");
    await page.getByLabel(/I have read the privacy notice/).check();
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    expect(await sql(`SELECT "familyName", status FROM "Registration" WHERE email = $1`, [email])).toEqual([
      { familyName: "Holgersson", status: "CONFIRMED" },
    ]);
    await waitForMail(email, /^Registration confirmed/);
  });
});
