// The console's charts in a browser, on their own page linked from the registrant list: four SVG images drawn on the server, each named and described
// for screen readers, each with its data in a table anyone can open (with JavaScript off too), no
// axe violations, and the Arabic page laid out right to left. Screenshots in English, Arabic and
// Chinese land in test-results/charts-<locale>.png for a person to look at.
import type { Page } from "@playwright/test";
import { text } from "./catalogues.ts";
import { expect, expectNoAxeViolations, signInDirectly, sql, test } from "./support.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A meeting of organizer@example.org (a copy of approval-e2e) with registrations, sessions and join-link uses. */
async function chartsMeeting(): Promise<string> {
  const now = Date.now();
  const at = (offset: number) => new Date(now + offset).toISOString();
  const slug = `charts-${now.toString(36)}`;
  const [meeting] = await sql<{ id: string }>(
    `INSERT INTO "Meeting"
     SELECT (json_populate_record(NULL::"Meeting", (to_json(m)::jsonb || jsonb_build_object(
       'id', gen_random_uuid(), 'slug', $1::text, 'shortName', upper($1::text), 'title', 'E2E charts ' || $1::text, 'timeZone', 'Europe/Zurich',
       'registrationOpensAt', $2::timestamptz, 'registrationClosesAt', $3::timestamptz,
       'startsAt', $4::timestamptz, 'endsAt', $5::timestamptz))::json)).*
     FROM "Meeting" m WHERE slug = 'approval-e2e'
     RETURNING id`,
    [slug, at(-8 * DAY), at(-3 * DAY), at(-2 * DAY), at(DAY)],
  );
  const id = meeting?.id ?? "";
  await sql(
    `INSERT INTO "MeetingOrganizer" ("meetingId", "userId", role) SELECT $1, id, 'OWNER' FROM "User" WHERE email = 'organizer@example.org'`,
    [id],
  );
  const people: Array<[string, string, string]> = [
    ["CH", "MEMBER_STATE", at(-7 * DAY)],
    ["FR", "MEMBER_STATE", at(-7 * DAY)],
    ["US", "ACADEMIA", at(-5 * DAY)],
    ["JP", "ACADEMIA", at(-5 * DAY)],
    ["NG", "ACADEMIA", at(-5 * DAY)],
    ["TW", "INDIVIDUAL", at(-4 * DAY)],
  ];
  const registrations: string[] = [];
  for (const [index, [country, category, createdAt]] of people.entries()) {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", country, category, status, "privacyAcceptedAt", "createdAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'Chart', 'Person', $4, $5::"ParticipantCategory", 'CONFIRMED', $6, $6, now()) RETURNING id`,
      [`Q-CH${index}-${now.toString(36).toUpperCase().slice(-6)}`, id, `chart-${index}-${now}@example.org`, country, category, createdAt],
    );
    registrations.push(row?.id ?? "");
  }
  const sessions: string[] = [];
  for (const start of [-2 * DAY, -DAY]) {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO "MeetingSession" (id, "meetingId", "startsAt", "endsAt") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
      [id, at(start), at(start + 2 * HOUR)],
    );
    sessions.push(row?.id ?? "");
  }
  // Three registrants came to the first session, one of them to the second as well.
  for (const [index, session] of [
    [0, 0],
    [1, 0],
    [2, 0],
    [2, 1],
  ] as const) {
    const hash = `${now.toString(16)}${index}${session}`.padEnd(64, "a");
    await sql(`INSERT INTO "JoinLink" ("tokenHash", "registrationId") VALUES ($1, $2)`, [hash, registrations[index]]);
    await sql(`INSERT INTO "JoinLinkUse" (id, "joinLinkHash", "usedAt", "sessionId") VALUES (gen_random_uuid(), $1, now(), $2)`, [
      hash,
      sessions[session],
    ]);
  }
  return id;
}

async function tableOf(page: Page, chartId: string): Promise<string[][]> {
  const chart = page.locator(`#${chartId}-heading`).locator("xpath=..");
  const details = chart.locator("details");
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  return chart
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => (cell.textContent ?? "").trim())));
}

test("the registrant list links to the charts page, which shows registrations per day, by category, by region and attendance per session as described images with tables", async ({
  page,
  context,
}) => {
  const meetingId = await chartsMeeting();
  await signInDirectly(context, "organizer@example.org");
  await page.goto(`/admin/meetings/${meetingId}?lang=en`);
  // The list itself draws no chart: its first byte does not wait for the charts' query.
  await expect(page.locator("#charts")).toHaveCount(0);
  await page.getByRole("link", { name: text("en", "charts.heading") }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/meetings/${meetingId}/statistics$`));
  await expect(page.getByRole("heading", { level: 1, name: text("en", "charts.heading") })).toBeVisible();

  for (const title of ["perDay.title", "byCategory.title", "byRegion.title", "attendance.title"]) {
    const image = page.getByRole("img", { name: text("en", `charts.${title}`) });
    await expect(image).toBeVisible();
  }
  await expect(page.getByRole("img", { name: "Registrations by region" })).toHaveAccessibleDescription(
    "Bar chart. Africa: 1 registration, Americas: 1 registration, Asia: 1 registration, Europe: 2 registrations, Oceania: 0 registrations, Other (no UN region): 1 registration.",
  );

  expect(await tableOf(page, "chart-regions")).toEqual([
    ["Africa", "1"],
    ["Americas", "1"],
    ["Asia", "1"],
    ["Europe", "2"],
    ["Oceania", "0"],
    ["Other (no UN region)", "1"],
  ]);
  const categories = await tableOf(page, "chart-categories");
  expect(categories).toContainEqual(["Administration of an ITU Member State", "2"]);
  expect(categories).toContainEqual(["ITU Academia", "3"]);
  expect(categories).toContainEqual(["Individual from an ITU member country", "1"]);
  expect((await tableOf(page, "chart-attendance")).map((row) => row[1])).toEqual(["3", "1"]);
  // Every day from the opening to the deadline (all past), six registrations in all.
  const days = await tableOf(page, "chart-days");
  expect(days.length).toBeGreaterThanOrEqual(6);
  expect(days.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(6);
  // Drawn on the server: a column per registration day, no script of its own.
  await expect(page.locator("section:has(> #chart-days-heading) rect.chart-bar")).toHaveCount(days.length);
  await expectNoAxeViolations(page);
});

test("the charts and their tables work with JavaScript off", async ({ browser, clientAddress }) => {
  const meetingId = await chartsMeeting();
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  await signInDirectly(context, "organizer@example.org");
  const page = await context.newPage();
  await page.goto(`/admin/meetings/${meetingId}/statistics?lang=en`);
  await expect(page.getByRole("img", { name: "Attendance per session" })).toBeVisible();
  expect((await tableOf(page, "chart-attendance")).map((row) => row[1])).toEqual(["3", "1"]);
  await context.close();
});

test("in Arabic the charts read right to left, in Chinese with Chinese labels; screenshots in three languages", async ({
  page,
  context,
}) => {
  const meetingId = await chartsMeeting();
  await signInDirectly(context, "organizer@example.org");
  for (const locale of ["en", "ar", "zh"] as const) {
    await page.goto(`/admin/meetings/${meetingId}/statistics?lang=${locale}`);
    const regions = page.getByRole("img", { name: text(locale, "charts.byRegion.title") });
    await expect(regions).toBeVisible();
    // Where the first bar starts and where its label is: labels on the reading side.
    const [barLeft, labelLeft] = await regions.evaluate((svg) => {
      const bar = svg.querySelector("rect.chart-bar")?.getBoundingClientRect();
      const label = svg.querySelector("text[text-anchor='end']")?.getBoundingClientRect();
      return [bar?.left ?? 0, label?.left ?? 0];
    });
    if (locale === "ar") expect(labelLeft).toBeGreaterThan(barLeft);
    else expect(labelLeft).toBeLessThan(barLeft);
    const days = page.getByRole("img", { name: text(locale, "charts.perDay.title") });
    const [firstColumn, lastColumn] = await days.evaluate((svg) => {
      const columns = Array.from(svg.querySelectorAll("rect.chart-bar")).map((rect) => rect.getBoundingClientRect().left);
      return [columns[0] ?? 0, columns.at(-1) ?? 0];
    });
    if (locale === "ar") expect(firstColumn).toBeGreaterThan(lastColumn);
    else expect(firstColumn).toBeLessThan(lastColumn);
    if (locale !== "en") await expectNoAxeViolations(page);
    for (const details of await page.locator("#charts details").all()) await details.locator("summary").click();
    await page.locator("#charts").screenshot({ path: `test-results/charts-${locale}.png` });
  }
  await expect(page.getByRole("rowheader", { name: "欧洲" })).toBeVisible();
});
