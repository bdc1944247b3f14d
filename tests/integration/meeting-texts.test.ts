// A meeting's texts in other languages, end to end below the browser: saved from the meeting form
// through the service, audited per language, and carried by the emails and calendar files of
// registrants who read another language.
import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Meeting } from "@/generated/prisma/client.ts";
import { meetingInputSchema } from "@/lib/meetings/schema.ts";
import { updateMeeting } from "@/lib/meetings/service.ts";
import { buildRegistrantEmail } from "@/lib/notices/registrant-emails.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";

let test: TestDatabase;
const actor = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };
const APP_URL = "https://register.example.org";

beforeAll(async () => {
  test = await createTestDatabase(5);
});
afterAll(async () => {
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

/** The meeting form as posted for `meeting`, with `changes` on top. */
function formFor(meeting: Meeting, changes: Record<string, unknown>) {
  const local = (instant: Date) => instant.toISOString().slice(0, 16);
  return meetingInputSchema.parse({
    defaultLocale: meeting.defaultLocale,
    slug: meeting.slug,
    title: meeting.title,
    shortName: meeting.shortName,
    format: meeting.format,
    timeZone: "UTC",
    startsAt: local(meeting.startsAt),
    endsAt: local(meeting.endsAt),
    registrationOpensAt: local(meeting.registrationOpensAt),
    registrationClosesAt: local(meeting.registrationClosesAt),
    languages: meeting.languages,
    fee: meeting.fee,
    contactName: meeting.contactName,
    contactEmail: meeting.contactEmail,
    eligibleCategories: meeting.eligibleCategories,
    approvalMode: meeting.approvalMode,
    retentionDays: String(meeting.retentionDays),
    connectionNotes: meeting.connectionNotes ?? "",
    ...changes,
  });
}

function registrant(locale: string) {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    email: `reader-${locale}@example.org`,
    givenName: "Ada",
    familyName: "Lovelace",
    reference: "Q-7KX2-M9PD",
    locale,
  };
}

describe("texts in other languages", () => {
  it("saving the form stores the Russian title and notes; removing one is audited as null, adding one with its value", async () => {
    const meeting = await createMeeting(test.db);
    await updateMeeting(test.db, {
      meetingId: meeting.id,
      input: formFor(meeting, { title_ru: "Десятое собрание", connectionNotes_ru: "Подключайтесь заранее" }),
      actor,
      now: new Date(),
      appUrl: "http://localhost:3000",
    });
    const saved = await test.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(saved.texts).toEqual({ ru: { title: "Десятое собрание", connectionNotes: "Подключайтесь заранее" } });

    await updateMeeting(test.db, {
      meetingId: meeting.id,
      input: formFor(saved, { title_ru: "Десятое собрание", fee_fr: "Participation gratuite" }),
      actor,
      now: new Date(),
      appUrl: "http://localhost:3000",
    });
    const entries = await test.db.auditEntry.findMany({ where: { action: "meeting.updated" }, orderBy: { createdAt: "asc" } });
    expect(entries).toHaveLength(2);
    // The form's other fields differ from the factory's (time zone, empty links): only the texts are looked at.
    const texts = (values: unknown) => Object.fromEntries(Object.entries(values as object).filter(([key]) => key.startsWith("texts.")));
    expect(texts(entries[0]?.after)).toEqual({ "texts.ru.title": "Десятое собрание", "texts.ru.connectionNotes": "Подключайтесь заранее" });
    // The untouched Russian title is not listed as changed the second time.
    expect(texts(entries[1]?.before)).toEqual({ "texts.ru.connectionNotes": "Подключайтесь заранее" });
    expect(texts(entries[1]?.after)).toEqual({ "texts.ru.connectionNotes": null, "texts.fr.fee": "Participation gratuite" });
  });

  it("a Russian registrant's confirmation has the Russian title and notes in its text and HTML, the English fee marked lang=en, and a Russian .ics", async () => {
    const meeting = await createMeeting(test.db, {
      texts: { ru: { title: "Десятое собрание Оперативной группы", connectionNotes: "Подключайтесь за 10 минут" } },
    });
    const email = await buildRegistrantEmail({
      kind: "registration-confirmed",
      meeting,
      registration: registrant("ru"),
      manageToken: "t".repeat(43),
      appUrl: APP_URL,
      now: new Date(),
    });
    expect(email.text).toContain("Десятое собрание Оперативной группы");
    expect(email.text).toContain("Подключайтесь за 10 минут");
    expect(email.text).not.toContain(meeting.title);
    // Its manage link opens the page in Russian too, whatever the browser's languages.
    expect(email.text).toContain(`${APP_URL}/manage/${"t".repeat(43)}?lang=ru`);
    expect(email.html).toContain("Десятое собрание Оперативной группы");
    // Russian texts in a Russian email carry no language mark; the English fee (no Russian given) does.
    expect(email.html).toMatch(/<span lang="en" dir="ltr">Free of charge<\/span>/);
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(email.ics ?? "")).getFirstSubcomponent("vevent") ?? expect.fail("no VEVENT"),
    );
    expect(event.summary).toBe("Десятое собрание Оперативной группы");
    expect(event.description).toContain("Q-7KX2-M9PD");
    expect(event.description).toMatch(/регистрационный номер/i);
  });

  it("a Chinese registrant of a meeting with no Chinese text gets the English title marked lang=en, in a Chinese email and .ics", async () => {
    const meeting = await createMeeting(test.db);
    const email = await buildRegistrantEmail({
      kind: "registration-confirmed",
      meeting,
      registration: registrant("zh"),
      manageToken: "t".repeat(43),
      appUrl: APP_URL,
      now: new Date(),
    });
    expect(email.html).toMatch(/<html[^>]* lang="zh"/);
    expect(email.html).toMatch(new RegExp(`<span lang="en" dir="ltr">${meeting.title}</span>`));
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(email.ics ?? "")).getFirstSubcomponent("vevent") ?? expect.fail("no VEVENT"),
    );
    expect(event.summary).toBe(meeting.title);
    expect(event.description).toContain("参考编号");
  });
});
