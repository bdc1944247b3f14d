// The six languages in a browser: the switcher on every page, the choice remembered, a shared
// link that carries its language, Accept-Language on a first visit, Arabic right to left, and a
// registration whose confirmation email arrives in the language it was made in.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, expectNoAxeViolations, sql, test, uniqueEmail, waitForMail } from "./support.ts";

type Catalogue = Record<string, Record<string, unknown>>;
const catalogue = (locale: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../messages/${locale}.json`), "utf8")) as Catalogue;
const text = (locale: string, dotted: string) =>
  dotted.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogue(locale)) as string;

const ENDONYMS = { ar: "العربية", zh: "中文", en: "English", fr: "Français", ru: "Русский", es: "Español" };

test("the switcher lists the six languages in their own names; a ?lang= link switches to French and the next page stays French", async ({
  page,
  context,
}) => {
  await page.goto("/meetings/fg-qit4n-10");
  const nav = page.getByRole("navigation", { name: "Language" });
  for (const [locale, name] of Object.entries(ENDONYMS)) {
    if (locale === "en") {
      await expect(nav.getByText(name, { exact: true })).toHaveAttribute("aria-current", "true");
      continue;
    }
    const link = nav.getByRole("link", { name, exact: true });
    await expect(link).toHaveAttribute("lang", locale);
    await expect(link).toHaveAttribute("hreflang", locale);
  }

  await nav.getByRole("link", { name: "Français" }).click();
  await expect(page).toHaveURL(/\/meetings\/fg-qit4n-10\?lang=fr$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("navigation", { name: text("fr", "common.languageNav") })).toBeVisible();
  await expect(page.getByRole("link", { name: text("fr", "common.privacy") })).toBeVisible();
  expect((await context.cookies()).find((cookie) => cookie.name === "quorum-locale")?.value).toBe("fr");

  // Remembered: the next page without ?lang= is French too.
  await page.goto("/privacy");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("fr", "privacy.title"));
  await expectNoAxeViolations(page);
});

test("a first visit follows Accept-Language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ru-RU", extraHTTPHeaders: { "accept-language": "ru-RU,ru;q=0.9,en;q=0.5" } });
  const page = await context.newPage();
  await page.goto("/privacy");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("ru", "privacy.title"));
  await context.close();
});

test("Arabic pages run right to left, no wider than the window, with their errors, and pass axe", async ({ page }, testInfo) => {
  await page.goto("/meetings/practice/register?lang=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  // Nothing pushes the page sideways (a skip link hidden at left: -9999px once made it 11,000 px wide).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: text("ar", "registration.submit") }).click();
  const summary = page.getByRole("alert").filter({ hasText: text("ar", "common.errorSummaryTitle") });
  await expect(summary).toBeVisible();
  // Mirrored: the form starts at the right edge of the page.
  const box = await page.getByRole("heading", { level: 1 }).boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeGreaterThan(width / 2);
  await expectNoAxeViolations(page);
  await testInfo.attach("arabic-registration-errors", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});

test("a registration in Russian is stored in Russian and its confirmation email arrives in Russian, Cyrillic intact in text and HTML", async ({
  page,
}) => {
  const email = uniqueEmail("ru");
  await page.goto("/meetings/practice/register?lang=ru");
  await page.getByLabel(text("ru", "registration.email"), { exact: true }).fill(email);
  await page.getByLabel(text("ru", "registration.givenName"), { exact: true }).fill("Мария");
  await page.getByLabel(text("ru", "registration.familyName"), { exact: true }).fill("Иванова");
  await page.getByLabel(text("ru", "meeting.categories.INDIVIDUAL"), { exact: true }).check();
  await page.getByLabel(text("ru", "registration.country"), { exact: true }).selectOption("RU");
  await page.locator("#privacyAccepted").check();
  await page.getByRole("button", { name: text("ru", "registration.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("ru", "registration.sentTitle"));
  expect(await sql(`SELECT locale FROM "Registration" WHERE email = $1`, [email])).toEqual([{ locale: "ru" }]);
  const subject = text("ru", "emails.confirmed.subject").replace("{meeting}", "PRACTICE");
  const mail = await waitForMail(email, new RegExp(`^${subject.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  expect(mail.text).toContain("Мария Иванова");
  expect(mail.html).toContain("Мария Иванова");
  expect(mail.html).toContain('lang="ru"');
});
