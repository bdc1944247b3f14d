// No English on a page served in French, Spanish, Russian, Arabic or Chinese: every public page
// and every console page an organizer sees is read as its reader meets it (the visible text, the
// title, the aria-labels) and searched for the English catalogue's strings. Meeting texts written
// by organizers are English in the seed (Russian too for the two seeded meetings) and allowed
// when marked lang="en"; a meeting text in another language than the page's outside such a mark
// fails the test. Organizer text that has no translations (addresses, dial-in numbers) is
// reported on the test as an annotation when it reads as English. Both are left out of the search
// for catalogue strings.
import type { Page, TestInfo } from "@playwright/test";
import { englishOn, englishProbes, escapeRegExp, type Locale, registrationWithManageLink, text, visibleText } from "./catalogues.ts";
import { expect, signInDirectly, sql, test, uniqueEmail } from "./support.ts";

const NON_ENGLISH = ["fr", "es", "ru", "ar", "zh"] as const satisfies readonly Locale[];

/** A registrant's name in the language's own script. */
const NAMES: Record<(typeof NON_ENGLISH)[number], { givenName: string; familyName: string }> = {
  fr: { givenName: "Amélie", familyName: "Poulain" },
  es: { givenName: "Lucía", familyName: "Fernández" },
  ru: { givenName: "Мария", familyName: "Иванова" },
  ar: { givenName: "ليلى", familyName: "حداد" },
  zh: { givenName: "芳", familyName: "王" },
};

/** The meeting texts organizers can give in each language (lib/i18n/meeting-texts.ts). */
const TRANSLATABLE = [
  "title",
  "circularReference",
  "summary",
  "languages",
  "fee",
  "contactName",
  "contactPhone",
  "eligibilityNote",
  "documentSubmission",
  "connectionNotes",
];
/** Other things organizers write, in one form only: addresses, links, numbers. */
const UNTRANSLATABLE = ["contactEmail", "homePageUrl", "connectionJoinUrl", "connectionDialIn"];

/** An organizer's text and the language it is written in (null: one language only, not translatable). */
type Content = { value: string; lang: string | null };

/**
 * What organizers wrote into the meetings, longest first: the default-language columns (English
 * in the seed) and every translation in Meeting.texts.
 */
async function meetingContent(): Promise<Content[]> {
  const columns = [...TRANSLATABLE, ...UNTRANSLATABLE].map((column) => `"${column}"`).join(", ");
  const rows = await sql<Record<string, unknown>>(`SELECT ${columns}, "defaultLocale", texts FROM "Meeting"`);
  const found = new Map<string, string | null>();
  const add = (value: unknown, lang: string | null) => {
    if (typeof value !== "string" || value.trim() === "") return;
    found.set(value.replaceAll(/\s+/g, " ").trim(), lang);
  };
  for (const row of rows) {
    for (const column of UNTRANSLATABLE) add(row[column], null);
    for (const column of TRANSLATABLE) add(row[column], String(row.defaultLocale));
    for (const [lang, translation] of Object.entries((row.texts ?? {}) as Record<string, Record<string, unknown>>))
      for (const value of Object.values(translation)) add(value, lang);
  }
  return [...found].map(([value, lang]) => ({ value, lang })).sort((a, b) => b.value.length - a.value.length);
}

type Findings = {
  english: Record<string, string[]>;
  /** Meeting texts in another language than the page's (the English default) shown outside lang="en". */
  unmarked: Record<string, string[]>;
  /** Organizer text without translations (addresses, dial-in numbers) that reads as English, shown outside lang="en". */
  unmarkedOther: Record<string, string[]>;
};

/** Reads the page as it is now and records what English it shows, under `name`. */
async function readPage(page: Page, locale: Locale, name: string, findings: Findings, content: Content[]) {
  await expect(page).toHaveTitle(/\S/);
  const visible = await visibleText(page);
  const pageLanguage = await page.locator("html").getAttribute("lang");
  const wrongLanguage = pageLanguage === locale ? [] : [`<html lang="${pageLanguage}">, not "${locale}"`];
  // Organizer-written text outside lang="en": a meeting text in another language than the page's
  // is recorded, and so is English text that exists in one language only (addresses and links need
  // no mark); then all of it is taken out before the search, longest first.
  const unmarked: string[] = [];
  const unmarkedOther: string[] = [];
  for (const { value, lang } of content) {
    if (!visible.text.includes(value)) continue;
    if (lang === null && value.length >= 12 && /\s/.test(value) && /[A-Za-z]{3}/.test(value)) unmarkedOther.push(value);
    if (lang !== null && lang !== locale) unmarked.push(`${value} (${lang})`);
    const pattern = new RegExp(escapeRegExp(value), "g");
    visible.text = visible.text.replace(pattern, " ");
    visible.extras = visible.extras.map((extra) => extra.replace(pattern, " "));
  }
  if (unmarked.length > 0) findings.unmarked[name] = unmarked;
  if (unmarkedOther.length > 0) findings.unmarkedOther[name] = unmarkedOther;
  const english = [...wrongLanguage, ...englishOn(visible, englishProbes(locale))];
  if (english.length > 0) findings.english[name] = english;
}

async function report(findings: Findings, testInfo: TestInfo) {
  await testInfo.attach("findings.json", { body: JSON.stringify(findings, null, 2), contentType: "application/json" });
  for (const [name, values] of Object.entries(findings.unmarkedOther)) {
    testInfo.annotations.push({
      type: "organizer text in one language, not marked lang",
      description: `${name}: ${values.map((value) => value.slice(0, 60)).join(" | ")}`,
    });
  }
  expect(findings.english, "English catalogue strings on pages served in this language").toEqual({});
  expect(findings.unmarked, 'meeting texts in English outside an element marked lang="en"').toEqual({});
}

for (const locale of NON_ENGLISH) {
  test(`no English catalogue string on the public pages in ${locale}`, async ({ page, clientAddress }, testInfo) => {
    const t = (key: string) => text(locale, key);
    const findings: Findings = { english: {}, unmarked: {}, unmarkedOther: {} };
    const content = await meetingContent();
    const read = (name: string) => readPage(page, locale, name, findings, content);

    await page.goto(`/?lang=${locale}`);
    await read("home");
    await page.goto("/meetings/practice");
    await read("meeting page (open)");
    await page.goto("/meetings/fg-qit4n-10");
    await read("meeting page (closed, with its circular)");
    await page.goto("/meetings/fg-qit4n-10/register");
    await read("registration closed");

    await page.goto("/meetings/practice/register");
    await read("registration form");
    await page.getByRole("button", { name: t("registration.submit") }).click();
    await expect(page.getByRole("alert").filter({ hasText: t("common.errorSummaryTitle") })).toBeVisible();
    await read("registration form with errors");

    const email = uniqueEmail(`untranslated-${locale}`);
    await page.getByLabel(t("registration.email"), { exact: true }).fill(email);
    await page.getByLabel(t("registration.givenName"), { exact: true }).fill(NAMES[locale].givenName);
    await page.getByLabel(t("registration.familyName"), { exact: true }).fill(NAMES[locale].familyName);
    await page.getByLabel(t("meeting.categories.INDIVIDUAL"), { exact: true }).check();
    await page.getByLabel(t("registration.country"), { exact: true }).selectOption("CH");
    await page.locator("#privacyAccepted").check();
    await page.getByRole("button", { name: t("registration.submit") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("registration.sentTitle"));
    await read("check your email (after registering)");

    const { token } = await registrationWithManageLink("practice", { email: uniqueEmail(`manage-${locale}`), ...NAMES[locale], locale });
    await page.goto(`/manage/${token}`);
    await read("manage page");
    await page.goto(`/manage/${token}?error=confirm`);
    await read("manage page with an error");
    await page.goto(`/manage/${token}?done=resent`);
    await read("manage page after resending");
    await page.goto("/manage/not-a-token");
    await read("manage link that does not work");

    await page.goto("/sign-in");
    await read("sign-in");
    await page.getByRole("button", { name: t("signIn.submit") }).click();
    await expect(page.getByRole("alert").filter({ hasText: t("common.errorSummaryTitle") })).toBeVisible();
    await read("sign-in with an error");
    await page.goto("/sign-in?error=Verification");
    await read("sign-in after a link that did not work");
    await page.goto("/sign-in?signedOut=1");
    await read("signed out");
    await page.goto("/sign-in/check-email");
    await read("sign-in: check your email");
    await page.goto(`/sign-in/confirm?token=${"a".repeat(32)}&email=someone%40example.org`);
    await read("sign-in: confirm");

    await page.goto("/privacy");
    await read("privacy notice");
    for (const [name, path] of [
      ["404", "/no-such-page"],
      ["404 for a meeting", "/meetings/no-such-meeting"],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page, name).toHaveTitle(new RegExp(`^${escapeRegExp(t("common.notFoundTitle"))}`));
      await read(name);
    }

    // Answers given before the app renders (proxy.ts): too many requests, a refused post.
    const windowMs = 10 * 60 * 1000;
    const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
    for (const start of [windowStart, windowStart + windowMs]) {
      await sql(
        `INSERT INTO "RateLimitBucket" (key, "windowStart", hits) VALUES ($1, $2, 1000) ON CONFLICT (key, "windowStart") DO UPDATE SET hits = 1000`,
        [`manage:${clientAddress}`, new Date(start)],
      );
    }
    const limited = await page.goto(`/manage/${token}`);
    expect(limited?.status()).toBe(429);
    await read("429 too many requests");
    const refused = await page.request.post("/meetings/practice/register", {
      headers: { origin: "https://elsewhere.example" },
      form: { email },
    });
    expect(refused.status()).toBe(403);
    await page.setContent(await refused.text());
    await read("403 refused post");

    await report(findings, testInfo);
  });

  test(`no English catalogue string on the console pages in ${locale}`, async ({ page, context }, testInfo) => {
    const t = (key: string) => text(locale, key);
    const findings: Findings = { english: {}, unmarked: {}, unmarkedOther: {} };
    const slug = `console-${locale}-${Date.now().toString(36)}`;
    const [meeting] = await sql<{ id: string }>(
      `INSERT INTO "Meeting" (id, slug, "shortName", title, summary, format, "timeZone", "startsAt", "endsAt", "registrationOpensAt",
         "registrationClosesAt", languages, fee, "contactName", "contactEmail", "eligibleCategories", "approvalMode", "connectionPasscode", "updatedAt")
       SELECT gen_random_uuid(), $1::text, upper($1::text), 'Console meeting ' || $1::text, summary, format, "timeZone", "startsAt", "endsAt", "registrationOpensAt",
         "registrationClosesAt", languages, fee, "contactName", "contactEmail", "eligibleCategories", 'MANUAL', 'console-passcode', now()
       FROM "Meeting" WHERE slug = 'practice' RETURNING id`,
      [slug],
    );
    await sql(
      `INSERT INTO "MeetingOrganizer" ("meetingId", "userId", role) SELECT $1, id, 'OWNER' FROM "User" WHERE email = 'organizer@example.org'`,
      [meeting?.id],
    );
    const registrant = await registrationWithManageLink(slug, {
      email: uniqueEmail(`console-${locale}`),
      ...NAMES[locale],
      locale,
      status: "PENDING",
    });
    const content = await meetingContent();
    const read = (name: string) => readPage(page, locale, name, findings, content);
    const base = `/admin/meetings/${meeting?.id}`;

    await signInDirectly(context, "organizer@example.org");
    await page.goto(`/admin?lang=${locale}`);
    await read("console: your meetings");
    await page.goto(base);
    await read("console: registrants");
    await page.goto(`${base}/registrations/${registrant.id}`);
    await read("console: a registrant");
    await page.getByRole("button", { name: t("admin.approve"), exact: true }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await read("console: registrants after an approval");
    await page.goto(`${base}/registrations/${registrant.id}`);
    await read("console: an approved registrant, with its emails and history");
    await page.goto(`${base}/connection`);
    await read("console: connection instructions");
    await page.goto(`${base}/edit`);
    await read("console: edit meeting");
    await page.goto(`${base}/organizers`);
    await read("console: organizers");
    await page.getByRole("button", { name: t("admin.organizers.add") }).click();
    await expect(page.getByRole("alert").filter({ hasText: t("common.errorSummaryTitle") })).toBeVisible();
    await read("console: organizers with an error");
    await page.goto(`${base}/audit`);
    await read("console: audit log");
    await page.goto("/admin/meetings/new");
    await read("console: new meeting");
    await page.getByRole("button", { name: t("admin.createMeeting") }).click();
    await expect(page.getByRole("alert").filter({ hasText: t("common.errorSummaryTitle") })).toBeVisible();
    await read("console: new meeting with errors");
    const damaged = await page.goto(`${base}?after=zzzz`);
    expect(damaged?.status()).toBe(400);
    await read("console: 400 damaged list link");

    await report(findings, testInfo);
  });
}
