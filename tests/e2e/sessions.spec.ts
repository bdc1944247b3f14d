// An organizer gives a meeting its sessions in the meeting form without JavaScript (GOV.UK "add
// another": a submit button brings the form back with one more row); a wrong row is refused with
// its error beside it; the meeting page then lists the sessions in the meeting's time zone.
import { expectNoAxeViolations, expect, signInDirectly, sql, test } from "./support.ts";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an organizer adds two sessions with 'Add another session'; a session ending before it starts is refused on its row; the meeting page lists them", async ({
    page,
    context,
  }) => {
    await signInDirectly(context, "organizer@example.org");
    const [meeting] = await sql<{ id: string; day: string }>(
      `SELECT id, to_char("startsAt" AT TIME ZONE "timeZone", 'YYYY-MM-DD') AS day FROM "Meeting" WHERE slug = 'approval-e2e'`,
    );
    if (!meeting) throw new Error("no approval-e2e meeting");
    await page.goto(`/admin/meetings/${meeting.id}/edit`);
    const first = page.getByRole("group", { name: "Session 1" });
    await first.getByLabel("Date").fill(meeting.day);
    await first.getByLabel("Start time").fill("13:00");
    await first.getByLabel("End time").fill("16:00");
    await page.getByRole("button", { name: "Add another session" }).click();

    // The same form again, the first row kept, a second one to fill.
    const second = page.getByRole("group", { name: "Session 2" });
    await expect(second).toBeVisible();
    await expect(first.getByLabel("Start time")).toHaveValue("13:00");
    await second.getByLabel("Date").fill(meeting.day);
    await second.getByLabel("Start time").fill("18:00");
    await second.getByLabel("End time").fill("17:00");
    await page.getByRole("button", { name: "Save meeting" }).click();
    await expect(page.getByRole("alert").getByRole("link", { name: "Session 2: The session must end after it starts" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Session 2" }).getByText("The session must end after it starts")).toBeVisible();
    expect(await sql(`SELECT id FROM "MeetingSession" WHERE "meetingId" = $1`, [meeting.id])).toEqual([]);

    await page.getByRole("group", { name: "Session 2" }).getByLabel("End time").fill("19:30");
    await page.getByRole("button", { name: "Save meeting" }).click();
    // The times changed: the organizer is told who gets the schedule update.
    const [{ confirmed } = { confirmed: "0" }] = await sql<{ confirmed: string }>(
      `SELECT count(*)::text AS confirmed FROM "Registration" WHERE "meetingId" = $1 AND status = 'CONFIRMED'`,
      [meeting.id],
    );
    await expect(page.getByRole("status")).toContainText(
      confirmed === "0" ? "Nobody is confirmed yet" : `The new times will be emailed to ${confirmed} confirmed registrant`,
    );
    await expect(page.getByText("The meeting has been saved.")).toBeVisible();
    const saved = await sql<{ starts: string; ends: string }>(
      `SELECT to_char(s."startsAt" AT TIME ZONE m."timeZone", 'HH24:MI') AS starts, to_char(s."endsAt" AT TIME ZONE m."timeZone", 'HH24:MI') AS ends
       FROM "MeetingSession" s JOIN "Meeting" m ON m.id = s."meetingId" WHERE m.id = $1 ORDER BY s."startsAt"`,
      [meeting.id],
    );
    expect(saved).toEqual([
      { starts: "13:00", ends: "16:00" },
      { starts: "18:00", ends: "19:30" },
    ]);

    await page.goto("/meetings/approval-e2e");
    const sessions = page.locator(".session-list li");
    await expect(sessions).toHaveCount(2);
    await expect(sessions.first()).toContainText("13:00–16:00");
    await expect(sessions.nth(1)).toContainText("18:00–19:30");

    // Editing again shows the saved sessions with their ids, and one blank row.
    await page.goto(`/admin/meetings/${meeting.id}/edit`);
    await expect(page.getByRole("group", { name: "Session 3" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Session 2" }).getByLabel("End time")).toHaveValue("19:30");
    // Enter in a field saves the meeting (it does not add a row).
    await page.getByLabel("Short name").press("Enter");
    await expect(page.getByText("The meeting has been saved.")).toBeVisible();
  });
});

// axe runs in the page, so the accessibility checks of the same pages run with JavaScript on
// (after the test above, which gave the meeting its two sessions).
test("the sessions in the meeting form, with a row's error, and on the meeting page pass axe", async ({ page, context }) => {
  await signInDirectly(context, "organizer@example.org");
  const [meeting] = await sql<{ id: string; day: string }>(
    `SELECT id, to_char("startsAt" AT TIME ZONE "timeZone", 'YYYY-MM-DD') AS day FROM "Meeting" WHERE slug = 'approval-e2e'`,
  );
  if (!meeting) throw new Error("no approval-e2e meeting");
  await page.goto(`/admin/meetings/${meeting.id}/edit`);
  await expect(page.getByRole("group", { name: "Session 1" })).toBeVisible();
  await expectNoAxeViolations(page);
  const blank = page.getByRole("group", { name: "Session 3" });
  await blank.getByLabel("Date").fill(meeting.day);
  await blank.getByLabel("Start time").fill("15:00");
  await blank.getByLabel("End time").fill("17:00");
  await page.getByRole("button", { name: "Save meeting" }).click();
  await expect(blank.getByText("This session overlaps an earlier one")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/meetings/approval-e2e");
  await expect(page.locator(".session-list li")).toHaveCount(2);
  await expectNoAxeViolations(page);
});
