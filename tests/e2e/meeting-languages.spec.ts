// The meeting's own texts and a registrant's language choices in a browser: the circular's Russian
// text on the Russian page, a fallback marked with its language, texts given per language in the
// meeting form and the manage page's email language (both without JavaScript), a form that keeps
// what was typed across a switch of language, and the sign-in email in the page's language.
import {
  expect,
  expectNoAxeViolations,
  forgetSignInLinkLimit,
  mailsTo,
  signInDirectly,
  sql,
  test,
  uniqueEmail,
  waitForMail,
} from "./support.ts";
import { text } from "./catalogues.ts";

const literally = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const RUSSIAN_TITLE = "Десятое собрание Оперативной группы МСЭ-Т по квантовым информационным технологиям для сетей (ОГ-QIT4N)";
const ENGLISH_TITLE = "Tenth meeting of the ITU-T Focus Group on Quantum Information Technology for Networks (FG-QIT4N)";

test("FG-QIT4N-10 in Russian shows the circular's Russian text; in Chinese the English title is marked lang=en; both pass axe", async ({
  page,
}) => {
  await page.goto("/meetings/fg-qit4n-10?lang=ru");
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(RUSSIAN_TITLE);
  // In the page's own language: no mark.
  expect(await heading.getAttribute("lang")).toBeNull();
  await expect(page.getByText(/Принять участие в этом собрании могут Государства – Члены МСЭ/)).toBeVisible();
  await expect(page.getByText(/^Циркуляр 343 БСЭ/)).toBeVisible();
  await expect(page.getByText("Сяоя Ян (БСЭ)")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/meetings/fg-qit4n-10?lang=zh");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh");
  await expect(heading).toHaveText(ENGLISH_TITLE);
  await expect(heading).toHaveAttribute("lang", "en");
  await expectNoAxeViolations(page);
});

test("switching language on the registration form keeps what was typed, once", async ({ page }) => {
  await page.goto("/meetings/practice/register");
  const email = uniqueEmail("switch");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Given name").fill("Ngozi");
  await page.getByLabel("Family name").fill("Okafor");
  await page.getByLabel("ITU-T Sector Member", { exact: true }).check();
  await page.getByLabel(/^Organization/).fill("Example Networks");
  await page.getByLabel("Country", { exact: true }).selectOption("NG");

  await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByLabel(text("fr", "registration.email"), { exact: true })).toHaveValue(email);
  await expect(page.getByLabel(text("fr", "registration.givenName"), { exact: true })).toHaveValue("Ngozi");
  await expect(page.getByLabel(text("fr", "registration.familyName"), { exact: true })).toHaveValue("Okafor");
  await expect(page.getByLabel(text("fr", "meeting.categories.SECTOR_MEMBER"), { exact: true })).toBeChecked();
  await expect(page.getByLabel(new RegExp(`^${literally(text("fr", "registration.organization"))}`))).toHaveValue("Example Networks");
  await expect(page.getByLabel(text("fr", "registration.country"), { exact: true })).toHaveValue("NG");
  // Used once: nothing of it stays in the tab's storage.
  expect(await page.evaluate(() => Object.keys(window.sessionStorage).filter((key) => key.startsWith("quorum:")))).toEqual([]);

  // The form still goes through, in French, with what was kept.
  await page.locator("#privacyAccepted").check();
  await page.getByRole("button", { name: text("fr", "registration.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("fr", "registration.sentTitle"));
  expect(await sql(`SELECT "givenName", organization, country, locale FROM "Registration" WHERE email = $1`, [email])).toEqual([
    { givenName: "Ngozi", organization: "Example Networks", country: "NG", locale: "fr" },
  ]);
});

test("the sign-in link asked for on a French page arrives in French", async ({ page }) => {
  const organizer = "organizer@example.org";
  await forgetSignInLinkLimit(organizer);
  const subject = new RegExp(`^${literally(text("fr", "emails.signIn.subject"))}$`);
  const earlier = mailsTo(organizer).filter((mail) => subject.test(mail.subject)).length;
  await page.goto("/sign-in?lang=fr");
  await page.getByLabel(text("fr", "signIn.email"), { exact: true }).fill(organizer);
  await page.getByRole("button", { name: text("fr", "signIn.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("fr", "signIn.checkTitle"));
  const mail = await waitForMail(organizer, subject, earlier + 1);
  expect(mail.html).toMatch(/<html[^>]* lang="fr"/);
  expect(mail.text).toContain(text("fr", "emails.signIn.ignore"));
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an organizer gives a Spanish title and fee; the Spanish page shows them, the English one does not; a text under the meeting's own language is refused", async ({
    page,
    context,
  }) => {
    await signInDirectly(context, "organizer@example.org");
    const [meeting] = await sql<{ id: string; title: string }>(`SELECT id, title FROM "Meeting" WHERE slug = 'approval-e2e'`);
    if (!meeting) throw new Error("no approval-e2e meeting");
    await page.goto(`/admin/meetings/${meeting.id}/edit`);
    await page.locator("summary").filter({ hasText: "Español" }).click(); // the disclosure opens without script
    await page.getByLabel("Title (Español)").fill("Reunión de prueba E2E");
    await page.getByLabel("Fee (Español)").fill("Participación gratuita");
    await page.getByRole("button", { name: "Save meeting" }).click();
    await expect(page.getByText("The meeting has been saved.")).toBeVisible();
    const [saved] = await sql<{ texts: Record<string, Record<string, string>> }>(`SELECT texts FROM "Meeting" WHERE id = $1`, [meeting.id]);
    expect(saved?.texts.es).toEqual({ title: "Reunión de prueba E2E", fee: "Participación gratuita" });

    await page.goto("/meetings/approval-e2e?lang=es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reunión de prueba E2E");
    await expect(page.getByText("Participación gratuita")).toBeVisible();
    await page.goto("/meetings/approval-e2e?lang=en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(meeting.title);

    // Spanish as the meeting's own language while a Spanish translation is there: refused, nothing saved.
    await page.goto(`/admin/meetings/${meeting.id}/edit`);
    await page.getByLabel("Language of the meeting's texts").selectOption("es");
    await page.getByRole("button", { name: "Save meeting" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "This is the language of the meeting's texts" })).toBeVisible();
    expect(await sql(`SELECT "defaultLocale" FROM "Meeting" WHERE id = $1`, [meeting.id])).toEqual([{ defaultLocale: "en" }]);
  });

  test("a registrant chooses French for their emails on the manage page; the withdrawal email comes in French", async ({ page }) => {
    const email = uniqueEmail("email-language");
    await page.goto("/meetings/practice/register");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Given name").fill("Amadou");
    await page.getByLabel("Family name").fill("Diallo");
    await page.getByLabel("ITU Academia", { exact: true }).check();
    await page.getByLabel(/^Organization/).fill("Université de Dakar");
    await page.getByLabel("Country", { exact: true }).selectOption("SN");
    await page.getByLabel(/I have read the privacy notice/).check();
    await page.getByRole("button", { name: "Register" }).click();
    const mail = await waitForMail(email, /^Registration confirmed/);
    await page.goto(/https?:\/\/\S+\/manage\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0] ?? "");

    await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
    await page.getByRole("button", { name: "Save the language" }).click();
    await expect(page.getByRole("status").filter({ hasText: "From now on, we will email you in Français." })).toBeVisible();
    expect(await sql(`SELECT locale FROM "Registration" WHERE email = $1`, [email])).toEqual([{ locale: "fr" }]);

    await page.getByLabel("I want to withdraw my registration").check();
    await page.getByRole("button", { name: "Withdraw my registration" }).click();
    const subject = text("fr", "emails.withdrawn.subject").replace("{meeting}", "PRACTICE");
    const withdrawal = await waitForMail(email, new RegExp(`^${literally(subject)}$`));
    expect(withdrawal.text).toContain(text("fr", "emails.withdrawn.heading"));
  });
});

test("a reader in Tokyo sees the deadline in their own time beside the meeting's; a reader in Paris (Zurich's time) does not", async ({
  browser,
}) => {
  for (const [timezoneId, shown] of [
    ["Asia/Tokyo", true],
    ["Europe/Paris", false],
  ] as const) {
    const context = await browser.newContext({ timezoneId });
    const page = await context.newPage();
    await page.goto("/meetings/practice", { waitUntil: "networkidle" });
    const deadline = page.getByRole("definition").filter({ hasText: "Closes" });
    await expect(deadline).toContainText(/CET|CEST/);
    if (shown) await expect(deadline).toContainText(/your time: .*GMT\+9/);
    // The scripts have loaded and run (network idle), and added nothing.
    else await expect(deadline).not.toContainText("your time");
    await context.close();
  }
});

test("the registration form adds the reader's own time of the deadline only when their clock differs from the meeting's", async ({
  browser,
}) => {
  for (const [timezoneId, shown] of [
    ["Asia/Tokyo", true],
    ["Europe/Paris", false],
  ] as const) {
    const context = await browser.newContext({ timezoneId });
    const page = await context.newPage();
    await page.goto("/meetings/practice/register", { waitUntil: "networkidle" });
    await expect(page.locator(".lead")).toContainText(/CET|CEST/);
    if (shown) await expect(page.locator("p.local-time")).toContainText(/GMT\+9/);
    // The scripts have loaded and run (network idle, and a moment for the deferred check), and added nothing.
    else {
      await page.waitForTimeout(500);
      await expect(page.locator("p.local-time")).toHaveCount(0);
    }
    await context.close();
  }
});
