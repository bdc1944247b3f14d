// The six languages in a browser: the switcher on every page, the choice remembered, a shared
// link that carries its language, Accept-Language on a first visit, Arabic right to left;
// registrations in Arabic, Chinese and Russian whose confirmation email (subject, text, HTML and
// calendar file) arrives in that language and script; axe on the meeting page, the form with its
// errors and the manage page in each language; and a French registrant who gets every later
// email in French while organizers work in English or in a French console.
import type { Page } from "@playwright/test";
import ICAL from "ical.js";
import { fill, LOCALES, type Locale, registrationWithManageLink, text } from "./catalogues.ts";
import {
  e2eEnvironment,
  expect,
  expectNoAxeViolations,
  type SinkMail,
  signInDirectly,
  sql,
  test,
  uniqueEmail,
  waitForMail,
} from "./support.ts";

const ENDONYMS = { ar: "العربية", zh: "中文", en: "English", fr: "Français", ru: "Русский", es: "Español" };

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The subject of a registrant email of `kind` ("confirmed", "approved", …) in `locale`, as a RegExp for waitForMail. */
function subjectOf(locale: Locale, kind: string, shortName: string): RegExp {
  return new RegExp(`^${escapeRegExp(fill(text(locale, `emails.${kind}.subject`), { meeting: shortName }))}$`);
}

/** The words of an HTML part as a reader sees them: tags dropped, entities decoded, spaces collapsed. */
function htmlWords(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&nbsp;", " ")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ");
}

const collapse = (value: string) => value.replace(/\s+/g, " ");

/** A value as emails put it into a translated sentence: isolated from the sentence's direction (FSI … PDI). */
const isolated = (value: string) => `\u2068${value}\u2069`;

/**
 * The email is in `locale`: its subject is the catalogue's, and its text part and HTML part both
 * carry the catalogue's heading, greeting (with the registrant's name as typed), introduction (with
 * the meeting's title in that language, or its own) and footer, with no replacement character (a
 * sign of bytes decoded in the wrong charset).
 */
function expectEmailIn(mail: SinkMail, locale: Locale, kind: string, facts: { shortName: string; title: string; name: string }) {
  const t = (key: string) => text(locale, `emails.${key}`);
  expect(mail.subject).toBe(fill(t(`${kind}.subject`), { meeting: facts.shortName }));
  const expected = [
    t(`${kind}.heading`),
    fill(t("greeting"), { name: isolated(facts.name) }),
    fill(t(`${kind}.intro`), { meeting: isolated(facts.title) }),
    t("footer"),
  ];
  const plain = collapse(mail.text);
  const html = htmlWords(mail.html);
  for (const sentence of expected.map(collapse)) {
    expect(plain, `text part: ${sentence}`).toContain(sentence);
    expect(html, `HTML part: ${sentence}`).toContain(sentence);
  }
  expect(mail.html).toMatch(new RegExp(`<html[^>]* lang="${locale}"`));
  expect(mail.html).toMatch(new RegExp(`<html[^>]* dir="${locale === "ar" ? "rtl" : "ltr"}"`));
  expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain("\uFFFD");
}

/** The calendar file of an email, its bytes decoded as UTF-8 (refusing any invalid sequence), read back with ical.js. */
function calendarOf(mail: SinkMail) {
  const attachment = mail.attachments.find((candidate) => candidate.filename === "meeting.ics");
  if (!attachment) throw new Error(`no meeting.ics in "${mail.subject}"`);
  expect(attachment.contentType).toBe("text/calendar");
  const source = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(attachment.contentBase64, "base64"));
  const event = new ICAL.Component(ICAL.parse(source)).getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT");
  return {
    source,
    summary: String(event.getFirstPropertyValue("summary")),
    description: String(event.getFirstPropertyValue("description")),
    attendeeName: String(event.getFirstProperty("attendee")?.getParameter("cn") ?? ""),
  };
}

type Person = {
  email: string;
  givenName: string;
  familyName: string;
  category: "INDIVIDUAL" | "SECTOR_MEMBER";
  country: string;
  organization?: string;
};

/** Fill and send the registration form of the page, in `locale`, with the labels its catalogue gives. */
async function register(page: Page, locale: Locale, person: Person) {
  const t = (key: string) => text(locale, key);
  await page.getByLabel(t("registration.email"), { exact: true }).fill(person.email);
  await page.getByLabel(t("registration.givenName"), { exact: true }).fill(person.givenName);
  await page.getByLabel(t("registration.familyName"), { exact: true }).fill(person.familyName);
  await page.getByLabel(t(`meeting.categories.${person.category}`), { exact: true }).check();
  if (person.organization) await page.locator("#organization").fill(person.organization);
  await page.getByLabel(t("registration.country"), { exact: true }).selectOption(person.country);
  await page.locator("#privacyAccepted").check();
  await page.getByRole("button", { name: t("registration.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("registration.sentTitle"));
}

const PRACTICE = { slug: "practice", shortName: "PRACTICE" };
/** A meeting's title as a reader of `locale` gets it: its translation, else its default-language title. */
async function titleIn(slug: string, locale: Locale): Promise<string> {
  const [row] = await sql<{ title: string }>(
    `SELECT coalesce(texts -> $2::text ->> 'title', title) AS title FROM "Meeting" WHERE slug = $1`,
    [slug, locale],
  );
  return row?.title ?? "";
}

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

/** Where a piece of text sits on the page: the box of its characters, not of its element. */
async function textBox(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const { left, right } = range.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return { textLeft: left, textRight: right, left: box.left, right: box.right };
    });
}

test("Arabic pages run right to left, no wider than the window, with their errors and fields mirrored, and pass axe", async ({
  page,
}, testInfo) => {
  const t = (key: string) => text("ar", key);
  await page.goto("/meetings/practice/register?lang=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  // Nothing pushes the page sideways (a skip link hidden at left: -9999px once made it 11,000 px wide).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: t("registration.submit") }).click();
  const summary = page.getByRole("alert").filter({ hasText: t("common.errorSummaryTitle") });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link", { name: t("registration.errors.email.required") })).toBeVisible();
  const width = page.viewportSize()?.width ?? 0;
  // Mirrored: the form starts at the right edge of the page…
  const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
  expect((heading?.x ?? 0) + (heading?.width ?? 0)).toBeGreaterThan(width / 2);
  // …the error summary's title and messages start at its right edge, the list's bullets on the right…
  const summaryBox = await summary.boundingBox();
  const summaryTitle = await textBox(page, ".error-summary h2");
  expect((summaryBox?.x ?? 0) + (summaryBox?.width ?? 0) - summaryTitle.textRight).toBeLessThan(40);
  expect(summaryTitle.textLeft - (summaryBox?.x ?? 0)).toBeGreaterThan(40);
  const bullets = await page.locator(".error-summary ul").evaluate((list) => {
    const style = getComputedStyle(list);
    return { right: style.paddingRight, left: style.paddingLeft };
  });
  expect(bullets).toEqual({ right: "20px", left: "0px" });
  // …labels and fields line up on the right, the error bar beside a field is on its right…
  const emailLabel = await textBox(page, 'label[for="email"]');
  const emailInput = await page.locator("#email").boundingBox();
  expect(Math.abs((emailInput?.x ?? 0) + (emailInput?.width ?? 0) - emailLabel.textRight)).toBeLessThan(2);
  expect(emailLabel.textLeft).toBeGreaterThan(emailInput?.x ?? 0);
  const errorBar = await page
    .locator(".form-group--error")
    .first()
    .evaluate((element) => ({ right: getComputedStyle(element).borderRightWidth, left: getComputedStyle(element).borderLeftWidth }));
  expect(errorBar).toEqual({ right: "5px", left: "0px" });
  // …a radio button stands to the right of its label, and the field a choice reveals is indented from the right.
  const radio = await page.getByLabel(t("meeting.categories.MEMBER_STATE"), { exact: true }).boundingBox();
  const radioLabel = await textBox(page, 'label[for="category"]');
  expect(radio?.x ?? 0).toBeGreaterThan(radioLabel.textRight);
  await page.getByLabel(t("meeting.categories.MEMBER_STATE"), { exact: true }).check();
  const indent = await page
    .locator(".conditional")
    .first()
    .evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        marginRight: style.marginRight,
        marginLeft: style.marginLeft,
        borderRight: style.borderRightWidth,
        borderLeft: style.borderLeftWidth,
      };
    });
  expect(indent).toEqual({ marginRight: "12.8px", marginLeft: "0px", borderRight: "4px", borderLeft: "0px" });
  await expectNoAxeViolations(page);
  const screenshot = testInfo.outputPath("arabic-registration-errors.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("arabic-registration-errors", { path: screenshot, contentType: "image/png" });

  // The meeting's facts: each term's space to the next column is on its left, as English has it on the right.
  await page.goto("/meetings/practice");
  const term = await page
    .locator(".summary-list dt")
    .first()
    .evaluate((element) => ({ left: getComputedStyle(element).paddingLeft, right: getComputedStyle(element).paddingRight }));
  expect(term).toEqual({ left: "12px", right: "0px" });
});

const SCRIPTS = [
  { locale: "ar", script: "Arabic", givenName: "ليلى عبد الرحمن", familyName: "الحدادي", country: "EG" },
  { locale: "zh", script: "Han", givenName: "芳华", familyName: "欧阳", country: "CN" },
  { locale: "ru", script: "Cyrillic", givenName: "Мария-Александра", familyName: "Иванова-Щербакова", country: "RU" },
] as const;

for (const person of SCRIPTS) {
  test(`a registration in ${ENDONYMS[person.locale]} (${person.locale}) is stored in that language; its confirmation email's subject, text, HTML and calendar file keep the ${person.script} text intact`, async ({
    page,
  }) => {
    const { locale } = person;
    const email = uniqueEmail(locale);
    const name = `${person.givenName} ${person.familyName}`;
    await page.goto(`/meetings/practice/register?lang=${locale}`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await register(page, locale, {
      email,
      givenName: person.givenName,
      familyName: person.familyName,
      category: "INDIVIDUAL",
      country: person.country,
    });
    expect(await sql(`SELECT locale, "givenName", "familyName" FROM "Registration" WHERE email = $1`, [email])).toEqual([
      { locale, givenName: person.givenName, familyName: person.familyName },
    ]);

    const mail = await waitForMail(email, subjectOf(locale, "confirmed", PRACTICE.shortName));
    const title = await titleIn(PRACTICE.slug, locale);
    expectEmailIn(mail, locale, "confirmed", { shortName: PRACTICE.shortName, title, name });
    // The connection section and manage link are the catalogue's too.
    // The practice meeting gives personal join links: the email names the registrant's own link.
    for (const key of ["connection.heading", "connection.personalJoinLink", "manage.heading", "manage.link"]) {
      expect(collapse(mail.text)).toContain(text(locale, `emails.${key}`));
      expect(htmlWords(mail.html)).toContain(text(locale, `emails.${key}`));
    }

    // The calendar file: valid UTF-8 however its lines were folded, the registrant's name intact,
    // the title in the registrant's language (or the meeting's own), the description from the catalogue.
    const calendar = calendarOf(mail);
    expect(calendar.attendeeName).toBe(name);
    expect(calendar.summary).toBe(title);
    const [{ reference } = { reference: "" }] = await sql<{ reference: string }>(`SELECT reference FROM "Registration" WHERE email = $1`, [
      email,
    ]);
    expect(calendar.description).toBe(
      fill(text(locale, "emails.calendarDescription"), {
        meeting: PRACTICE.shortName,
        reference,
        url: `${e2eEnvironment().appUrl}/meetings/${PRACTICE.slug}`,
      }),
    );
    expect(calendar.source).not.toContain("\uFFFD");
  });
}

for (const locale of LOCALES) {
  test(`axe finds no WCAG 2.2 A/AA violation in ${ENDONYMS[locale]} (${locale}) on the meeting page, the registration form with errors and the manage page`, async ({
    page,
  }) => {
    await page.goto(`/meetings/practice?lang=${locale}`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectNoAxeViolations(page);

    await page.goto("/meetings/practice/register");
    await page.getByRole("button", { name: text(locale, "registration.submit") }).click();
    await expect(page.getByRole("alert").filter({ hasText: text(locale, "common.errorSummaryTitle") })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(fill(text(locale, "common.errorPrefix"), { title: "" }).trim())}`));
    await expectNoAxeViolations(page);

    const { token } = await registrationWithManageLink("practice", {
      email: uniqueEmail(`axe-${locale}`),
      givenName: "Hedy",
      familyName: "Lamarr",
      locale,
    });
    await page.goto(`/manage/${token}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(text(locale, "manage.title"), { meeting: PRACTICE.shortName }));
    await expectNoAxeViolations(page);
  });
}

test("a registrant who registered in French gets the received, approval, new-instructions and withdrawal emails in French, whatever language the organizer or the registrant's next browser uses; the French console shows French labels and dates", async ({
  page,
  browser,
}) => {
  // A meeting that needs approval, run by organizer@example.org, whose registration closes in November.
  const slug = `french-${Date.now().toString(36)}`;
  const shortName = slug.toUpperCase();
  const title = `E2E meeting ${slug}`;
  const [meeting] = await sql<{ id: string; registrationClosesAt: Date; timeZone: string }>(
    `INSERT INTO "Meeting" (id, slug, "shortName", title, format, "timeZone", "startsAt", "endsAt", "registrationOpensAt",
       "registrationClosesAt", languages, fee, "contactName", "contactEmail", "eligibleCategories", "approvalMode", "personalJoinLinks", "connectionPasscode", "updatedAt")
     SELECT gen_random_uuid(), $1::text, $2::text, $3::text, format, 'Europe/Zurich', '2031-11-24T08:00:00Z', '2031-11-26T16:00:00Z', now() - interval '1 hour',
       '2031-11-14T22:59:59.999Z', languages, fee, "contactName", "contactEmail", "eligibleCategories", 'MANUAL', false, 'first-passcode', now()
     FROM "Meeting" WHERE slug = 'practice' RETURNING id, "registrationClosesAt", "timeZone"`,
    [slug, shortName, title],
  );
  if (!meeting) throw new Error("meeting not created");
  await sql(
    `INSERT INTO "MeetingOrganizer" ("meetingId", "userId", role) SELECT $1, id, 'OWNER' FROM "User" WHERE email = 'organizer@example.org'`,
    [meeting.id],
  );
  const facts = { shortName, title, name: "Amélie Poulain" };

  const email = uniqueEmail("fr");
  await page.goto(`/meetings/${slug}/register?lang=fr`);
  await register(page, "fr", {
    email,
    givenName: "Amélie",
    familyName: "Poulain",
    category: "SECTOR_MEMBER",
    organization: "Société Générale des Télécoms",
    country: "FR",
  });
  expect(await sql(`SELECT locale, status FROM "Registration" WHERE email = $1`, [email])).toEqual([{ locale: "fr", status: "PENDING" }]);
  expectEmailIn(await waitForMail(email, subjectOf("fr", "received", shortName)), "fr", "received", facts);

  // An organizer whose browser is English approves: the approval email is still French.
  const organizer = await browser.newContext({ extraHTTPHeaders: { "accept-language": "en-GB,en;q=0.9" } });
  await signInDirectly(organizer, "organizer@example.org");
  const consolePage = await organizer.newPage();
  const [registration] = await sql<{ id: string }>(`SELECT id FROM "Registration" WHERE email = $1`, [email]);
  await consolePage.goto(`/admin/meetings/${meeting.id}/registrations/${registration?.id}?lang=en`);
  await expect(consolePage.locator("html")).toHaveAttribute("lang", "en");
  await consolePage.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(consolePage.getByRole("status").filter({ hasText: "1 registration approved" })).toBeVisible();
  const approval = await waitForMail(email, subjectOf("fr", "approved", shortName));
  expectEmailIn(approval, "fr", "approved", facts);
  expect(approval.text).toContain("first-passcode");
  expect(calendarOf(approval).attendeeName).toBe("Amélie Poulain");

  // The organizer switches the console to French: French labels, and dates in French.
  const t = (key: string) => text("fr", `admin.${key}`);
  const frenchInstant = (instant: Date) =>
    new Intl.DateTimeFormat("fr", {
      timeZone: meeting.timeZone,
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    }).format(instant);
  await consolePage.goto("/admin?lang=fr");
  await expect(consolePage.locator("html")).toHaveAttribute("lang", "fr");
  await expect(consolePage.getByRole("heading", { level: 1 })).toHaveText(t("meetingsTitle"));
  const meetingRow = consolePage.getByRole("row").filter({ has: consolePage.getByRole("link", { name: shortName, exact: true }) });
  await expect(meetingRow).toContainText(t("roles.OWNER"));
  await expect(meetingRow).toContainText(frenchInstant(new Date(meeting.registrationClosesAt)));
  await expect(meetingRow).toContainText("novembre 2031");
  for (const header of ["meeting", "yourRole", "statuses.CONFIRMED", "statuses.PENDING", "deadline"]) {
    await expect(consolePage.getByRole("columnheader", { name: t(header), exact: true })).toBeVisible();
  }
  await expectNoAxeViolations(consolePage);

  await meetingRow.getByRole("link", { name: shortName, exact: true }).click();
  await expect(consolePage.getByRole("heading", { level: 1 })).toHaveText(t("registrantsTitle"));
  const registrantRow = consolePage.getByRole("row").filter({ hasText: "Poulain" });
  await expect(registrantRow.locator(".tag--CONFIRMED")).toHaveText(t("statuses.CONFIRMED"));
  const [created] = await sql<{ createdAt: Date }>(`SELECT "createdAt" FROM "Registration" WHERE email = $1`, [email]);
  await expect(registrantRow).toContainText(frenchInstant(new Date(created?.createdAt ?? 0)));
  const headers = (await consolePage.getByRole("columnheader").allInnerTexts()).map((header) => header.trim());
  for (const header of ["email", "organization", "country", "category", "status", "emailStatus"]) expect(headers).toContain(t(header));
  await expect(consolePage.getByRole("button", { name: t("apply") })).toBeVisible();
  await expect(consolePage.getByRole("link", { name: t("exportCsv") })).toBeVisible();
  await expectNoAxeViolations(consolePage);

  // New connection instructions from the French console: the email is French.
  await consolePage.goto(`/admin/meetings/${meeting.id}/connection`);
  await consolePage.locator("#connectionPasscode").fill("second-passcode");
  await consolePage.locator("#notify").check();
  await consolePage.getByRole("button", { name: t("saveConnection") }).click();
  await expect(consolePage.getByRole("status")).toBeVisible();
  const update = await waitForMail(email, subjectOf("fr", "connectionUpdated", shortName));
  expectEmailIn(update, "fr", "connectionUpdated", facts);
  expect(update.text).toContain("second-passcode");
  await organizer.close();

  // The registrant opens the manage link from the approval email in an English browser and withdraws:
  // the page follows that browser, the withdrawal email follows the registration.
  const manageLink = /http:\/\/localhost:\d+\/manage\/[A-Za-z0-9_-]{43}/.exec(approval.text)?.[0];
  if (!manageLink) throw new Error("no manage link in the approval email");
  const english = await browser.newContext({ extraHTTPHeaders: { "accept-language": "en-GB,en;q=0.9" } });
  const manage = await english.newPage();
  await manage.goto(new URL(manageLink).pathname);
  await manage.locator("#confirmWithdraw").check();
  await manage.getByRole("button", { name: text(String(await manage.locator("html").getAttribute("lang")), "manage.withdraw") }).click();
  const withdrawn = await waitForMail(email, subjectOf("fr", "withdrawn", shortName));
  expectEmailIn(withdrawn, "fr", "withdrawn", facts);
  await english.close();

  // Every email this registration had: each one French.
  const kinds = await sql<{ kind: string; subject: string }>(
    `SELECT kind, subject FROM "OutboxEmail" WHERE "toAddress" = $1 ORDER BY "createdAt"`,
    [email],
  );
  expect(kinds.map((row) => row.kind)).toEqual([
    "registration-received",
    "registration-approved",
    "connection-updated",
    "registration-withdrawn",
  ]);
  const frenchSubjects = ["received", "approved", "connectionUpdated", "withdrawn"].map((kind) =>
    fill(text("fr", `emails.${kind}.subject`), { meeting: shortName }),
  );
  expect(kinds.map((row) => row.subject)).toEqual(frenchSubjects);
});
