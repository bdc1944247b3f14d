// Attendance reports and the list of participants (issue #13, points 5 and 6) on real PostgreSQL:
// a platform report imported and matched (email, then name), each row in its session; unmatched
// rows resolved by hand; attendance per session from join links and reports, a registrant counted
// once; the official and participants-only lists; CSV and XLSX exports read back. All audited.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Meeting, ParticipantCategory } from "@/generated/prisma/client.ts";
import { exportListOfParticipants, listOfParticipants } from "@/lib/attendance/participants.ts";
import { attendanceByRegistration, attendancePerSession, getAttendanceReport } from "@/lib/attendance/queries.ts";
import { importAttendanceReport, resolveReportRow } from "@/lib/attendance/reports.ts";
import { revokeJoinLinksOf } from "@/lib/attendance/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";

const actor = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };
const NOW = new Date("2021-11-20T10:00:00Z");
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase(5);
});
afterAll(async () => {
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

/** FG-QIT4N-10's shape: two daily sessions, 13:00–16:00 in Geneva. */
async function meetingWithSessions() {
  const meeting = await createMeeting(test.db, {
    startsAt: new Date("2021-11-15T12:00:00Z"),
    endsAt: new Date("2021-11-16T15:00:00Z"),
    timeZone: "Europe/Zurich",
    joinOpensMinutesBefore: 30,
  });
  const day1 = await test.db.meetingSession.create({
    data: { meetingId: meeting.id, startsAt: new Date("2021-11-15T12:00:00Z"), endsAt: new Date("2021-11-15T15:00:00Z") },
  });
  const day2 = await test.db.meetingSession.create({
    data: { meetingId: meeting.id, startsAt: new Date("2021-11-16T12:00:00Z"), endsAt: new Date("2021-11-16T15:00:00Z") },
  });
  return { meeting, day1, day2 };
}

let counter = 0;
async function registrant(
  meeting: Meeting,
  person: {
    givenName: string;
    familyName: string;
    email?: string;
    category?: ParticipantCategory;
    memberState?: string;
    country?: string;
    organization?: string;
    status?: "CONFIRMED" | "PENDING" | "WITHDRAWN";
    listConsent?: boolean;
  },
) {
  counter++;
  return test.db.registration.create({
    data: {
      reference: `QRM-TEST-${String(counter).padStart(4, "0")}`,
      meetingId: meeting.id,
      email: person.email ?? `${person.givenName.toLowerCase()}.${counter}@example.org`,
      givenName: person.givenName,
      familyName: person.familyName,
      category: person.category ?? "ACADEMIA",
      memberState: person.memberState ?? null,
      organization: person.organization ?? null,
      country: person.country ?? "CH",
      privacyAcceptedAt: NOW,
      status: person.status ?? "CONFIRMED",
      listConsent: person.listConsent ?? false,
    },
  });
}

const bytes = (text: string) => new TextEncoder().encode(text);
const zoomReport = (...rows: string[]) =>
  bytes(["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)", ...rows].join("\r\n"));

describe("importing a participant report", () => {
  it("matches rows by email, then by a unique name, puts each in the session of its join time, and audits the import", async () => {
    const { meeting, day1, day2 } = await meetingWithSessions();
    const ada = await registrant(meeting, { givenName: "Ada", familyName: "Lovelace", email: "ada@example.org" });
    const jose = await registrant(meeting, { givenName: "José", familyName: "García" });
    const result = await importAttendanceReport(test.db, {
      meetingId: meeting.id,
      bytes: zoomReport(
        "Someone Else,ADA@example.org,11/15/2021 12:50:00 PM,11/15/2021 04:00:00 PM,190",
        "jose garcia (Pepe),,11/16/2021 01:10:00 PM,11/16/2021 02:00:00 PM,50",
        '"=HYPERLINK(""https://evil.example"")",mallory@example.org,11/16/2021 01:00:00 PM,,5',
        "Late Night,,11/16/2021 11:00:00 PM,,5",
      ),
      fileName: "C:\\Users\\me\\participants_123.csv",
      actor,
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true, platform: "zoom", rows: 4, matched: 2, unmatched: 2 });
    if (!result.ok) return;
    const rows = await test.db.attendanceReportRow.findMany({ where: { reportId: result.reportId }, orderBy: { line: "asc" } });
    expect(rows.map((row) => [row.line, row.registrationId, row.matchedBy, row.sessionId, row.inSession])).toEqual([
      [2, ada.id, "email", day1.id, true],
      [3, jose.id, "name", day2.id, true],
      [4, null, null, day2.id, true],
      [5, null, null, null, false],
    ]);
    // The formula is stored as the text it is.
    expect(rows[2]?.name).toBe('=HYPERLINK("https://evil.example")');
    const report = await test.db.attendanceReport.findUniqueOrThrow({ where: { id: result.reportId } });
    expect(report).toMatchObject({ platform: "zoom", fileName: "participants_123.csv", uploadedById: actor.userId });
    const audit = await test.db.auditEntry.findFirstOrThrow({ where: { action: "attendance.report-imported" } });
    expect(audit).toMatchObject({ meetingId: meeting.id, entityId: result.reportId, actorLabel: actor.email });
    expect(audit.after).toEqual({ fileName: "participants_123.csv", platform: "zoom", rows: 4, matched: 2, unmatched: 2 });
  });

  it("leaves a name shared by two registrants unmatched rather than guess", async () => {
    const { meeting } = await meetingWithSessions();
    await registrant(meeting, { givenName: "Li", familyName: "Wei" });
    await registrant(meeting, { givenName: "Li", familyName: "Wei" });
    const result = await importAttendanceReport(test.db, {
      meetingId: meeting.id,
      bytes: zoomReport("Li Wei,,11/15/2021 01:00:00 PM,,60"),
      fileName: "r.csv",
      actor,
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true, matched: 0, unmatched: 1 });
  });

  it("refuses a malformed file with its line, and stores nothing", async () => {
    const { meeting } = await meetingWithSessions();
    const result = await importAttendanceReport(test.db, {
      meetingId: meeting.id,
      bytes: zoomReport("Ada,ada@example.org,11/15/2021 01:00:00 PM,,60", "Bob,bob@example.org,not a time,,60"),
      fileName: "r.csv",
      actor,
      now: NOW,
    });
    expect(result).toEqual({ ok: false, problem: "malformed", line: 3, reason: "join-time" });
    expect(await test.db.attendanceReport.count()).toBe(0);
    expect(await test.db.attendanceReportRow.count()).toBe(0);
    expect(await test.db.auditEntry.count({ where: { action: "attendance.report-imported" } })).toBe(0);
  });
});

describe("resolving unmatched rows by hand", () => {
  it("assigns a row to the chosen registrant or ignores it, audited; a registrant of another meeting is refused", async () => {
    const { meeting } = await meetingWithSessions();
    const other = await createMeeting(test.db);
    const grace = await registrant(meeting, { givenName: "Grace", familyName: "Hopper" });
    const stranger = await registrant(other, { givenName: "Grace", familyName: "Hopper" });
    const result = await importAttendanceReport(test.db, {
      meetingId: meeting.id,
      bytes: zoomReport("Amazing Grace,,11/15/2021 01:00:00 PM,,60", "Dial-in user,,11/15/2021 01:00:00 PM,,60"),
      fileName: "r.csv",
      actor,
      now: NOW,
    });
    if (!result.ok) throw new Error("import failed");
    const [first, second] = await test.db.attendanceReportRow.findMany({ where: { reportId: result.reportId }, orderBy: { line: "asc" } });
    if (!first || !second) throw new Error("rows missing");

    expect(
      await resolveReportRow(test.db, { meetingId: meeting.id, rowId: first.id, registrationId: stranger.id, actor, now: NOW }),
    ).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect(await resolveReportRow(test.db, { meetingId: other.id, rowId: first.id, registrationId: null, actor, now: NOW })).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect(await resolveReportRow(test.db, { meetingId: meeting.id, rowId: first.id, registrationId: grace.id, actor, now: NOW })).toEqual({
      ok: true,
    });
    expect(await resolveReportRow(test.db, { meetingId: meeting.id, rowId: second.id, registrationId: null, actor, now: NOW })).toEqual({
      ok: true,
    });

    const found = await getAttendanceReport(test.db, meeting.id, result.reportId);
    expect(found?.report.rows.map((row) => [row.line, row.registration?.id ?? null, row.matchedBy, row.ignoredAt !== null])).toEqual([
      [2, grace.id, "organizer", false],
      [3, null, null, true],
    ]);
    const audits = await test.db.auditEntry.findMany({ where: { action: "attendance.row-resolved" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((entry) => entry.after)).toEqual([
      { line: 2, reportName: "Amazing Grace", reference: grace.reference, ignored: false },
      { line: 3, reportName: "Dial-in user", reference: null, ignored: true },
    ]);
    expect(await getAttendanceReport(test.db, other.id, result.reportId)).toBeNull();
  });
});

describe("attendance per session", () => {
  it("counts a registrant once per session whether their join link, a report, or both say they came", async () => {
    const { meeting, day1, day2 } = await meetingWithSessions();
    const ada = await registrant(meeting, { givenName: "Ada", familyName: "Lovelace", email: "ada@example.org" });
    const bob = await registrant(meeting, { givenName: "Bob", familyName: "Kahn", email: "bob@example.org" });
    // Ada's join link forwarded her into day 1 twice.
    await test.db.joinLink.create({ data: { tokenHash: "a".repeat(64), registrationId: ada.id } });
    await test.db.joinLinkUse.createMany({
      data: [
        { joinLinkHash: "a".repeat(64), usedAt: new Date("2021-11-15T11:45:00Z"), sessionId: day1.id },
        { joinLinkHash: "a".repeat(64), usedAt: new Date("2021-11-15T13:00:00Z"), sessionId: day1.id },
      ],
    });
    // The report also has Ada on day 1 (twice: she reconnected), and Bob on day 2.
    await importAttendanceReport(test.db, {
      meetingId: meeting.id,
      bytes: zoomReport(
        "Ada,ada@example.org,11/15/2021 12:50:00 PM,11/15/2021 01:30:00 PM,40",
        "Ada,ada@example.org,11/15/2021 01:35:00 PM,11/15/2021 04:00:00 PM,145",
        "Bob,bob@example.org,11/16/2021 01:00:00 PM,11/16/2021 04:00:00 PM,180",
      ),
      fileName: "r.csv",
      actor,
      now: NOW,
    });
    expect((await attendancePerSession(test.db, meeting.id)).map((session) => [session.sessionId, session.attended])).toEqual([
      [day1.id, 1],
      [day2.id, 1],
    ]);
    const byRegistration = await attendanceByRegistration(test.db, meeting.id);
    expect([...(byRegistration.get(ada.id) ?? [])]).toEqual([day1.id]);
    expect([...(byRegistration.get(bob.id) ?? [])]).toEqual([day2.id]);
  });

  it("does not count unmatched or ignored rows, nor rows outside every session", async () => {
    const { meeting } = await meetingWithSessions();
    await importAttendanceReport(test.db, {
      meetingId: meeting.id,
      bytes: zoomReport("Nobody,nobody@example.org,11/15/2021 01:00:00 PM,,60"),
      fileName: "r.csv",
      actor,
      now: NOW,
    });
    expect((await attendancePerSession(test.db, meeting.id)).map((session) => session.attended)).toEqual([0, 0]);
  });
});

describe("the list of participants", () => {
  async function meetingWithPeople() {
    const { meeting, day1, day2 } = await meetingWithSessions();
    const people = {
      swiss: await registrant(meeting, {
        givenName: "Ueli",
        familyName: "Zurbriggen",
        category: "MEMBER_STATE",
        memberState: "CH",
        listConsent: true,
      }),
      german: await registrant(meeting, { givenName: "Anna", familyName: "Schmidt", category: "MEMBER_STATE", memberState: "DE" }),
      swiss2: await registrant(meeting, { givenName: "Anne", familyName: "Berset", category: "MEMBER_STATE", memberState: "CH" }),
      sector: await registrant(meeting, {
        givenName: "Sam",
        familyName: "Vendor",
        category: "SECTOR_MEMBER",
        organization: "=cmd|' /C calc'!A0",
        listConsent: true,
      }),
      academia: await registrant(meeting, {
        givenName: "Ada",
        familyName: "Lovelace",
        category: "ACADEMIA",
        organization: "University of Geneva",
      }),
      associate: await registrant(meeting, { givenName: "Al", familyName: "Assoc", category: "ASSOCIATE", organization: "Assoc Ltd" }),
      individual: await registrant(meeting, { givenName: "Ivy", familyName: "Solo", category: "INDIVIDUAL", listConsent: true }),
      pending: await registrant(meeting, { givenName: "Pat", familyName: "Pending", status: "PENDING", listConsent: true }),
      withdrawn: await registrant(meeting, { givenName: "Wil", familyName: "Gone", status: "WITHDRAWN", listConsent: true }),
    };
    await importAttendanceReport(test.db, {
      meetingId: meeting.id,
      bytes: zoomReport(`Ueli Zurbriggen,${people.swiss.email},11/16/2021 01:00:00 PM,,60`),
      fileName: "r.csv",
      actor,
      now: NOW,
    });
    return { meeting, day1, day2, people };
  }

  it("groups confirmed registrants the ITU way: Member States by name in the reader's language, then Sector Members, Associates, Academia, individuals", async () => {
    const { meeting } = await meetingWithPeople();
    const english = await listOfParticipants(test.db, { meetingId: meeting.id, locale: "en", audience: "organizers" });
    expect(english.total).toBe(7);
    expect(english.groups.map((group) => group.memberState?.name ?? group.category)).toEqual([
      "Germany",
      "Switzerland",
      "SECTOR_MEMBER",
      "ASSOCIATE",
      "ACADEMIA",
      "INDIVIDUAL",
    ]);
    expect(english.groups[1]?.participants.map((person) => [person.familyName, person.attended])).toEqual([
      ["Berset", [false, false]],
      ["Zurbriggen", [false, true]],
    ]);
    // Ordered by the names the reader reads: Allemagne before Suisse in French, by the Chinese collation in Chinese.
    const french = await listOfParticipants(test.db, { meetingId: meeting.id, locale: "fr", audience: "organizers" });
    expect(french.groups.slice(0, 2).map((group) => group.memberState?.name)).toEqual(["Allemagne", "Suisse"]);
    const chinese = await listOfParticipants(test.db, { meetingId: meeting.id, locale: "zh", audience: "organizers" });
    expect(chinese.groups.slice(0, 2).map((group) => group.memberState?.name)).toEqual(
      ["德国", "瑞士"].sort(new Intl.Collator("zh").compare),
    );
  });

  it("the participants-only version lists only confirmed registrants who consented, without email addresses", async () => {
    const { meeting } = await meetingWithPeople();
    const list = await listOfParticipants(test.db, { meetingId: meeting.id, locale: "en", audience: "participants" });
    expect(list.groups.flatMap((group) => group.participants.map((person) => [person.familyName, person.email]))).toEqual([
      ["Zurbriggen", ""],
      ["Vendor", ""],
      ["Solo", ""],
    ]);
  });

  it("exports CSV with every cell quoted and formula-safe, audited", async () => {
    const { meeting } = await meetingWithPeople();
    const csv = (await exportListOfParticipants(test.db, { meeting, locale: "en", format: "csv", actor, now: NOW })) as string;
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      '"Group","Family name","Given name","Organization","Job title","Country","Email","Session 1 (15 November 2021)","Session 2 (16 November 2021)"',
    );
    expect(lines).toHaveLength(8);
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(lines.find((line) => line.includes("Zurbriggen"))).toContain('"Switzerland","Zurbriggen","Ueli"');
    expect(lines.find((line) => line.includes("Zurbriggen"))?.endsWith('"–","Attended"')).toBe(true);
    const audit = await test.db.auditEntry.findFirstOrThrow({ where: { action: "participants.exported" } });
    expect(audit.after).toEqual({ format: "csv", rows: 7 });
  });

  it("exports XLSX that exceljs reads back: the same rows, every cell a string, no formula anywhere", async () => {
    const { meeting } = await meetingWithPeople();
    const xlsx = (await exportListOfParticipants(test.db, { meeting, locale: "fr", format: "xlsx", actor, now: NOW })) as Uint8Array;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    const values: unknown[][] = [];
    sheet.eachRow((row) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        expect(cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.Null).toBe(true);
        expect(cell.formula).toBeFalsy();
        cells.push(cell.value ?? "");
      });
      values.push(cells);
    });
    expect(values[0]?.slice(0, 3)).toEqual(["Groupe", "Nom de famille", "Prénom"]);
    expect(values).toHaveLength(8);
    expect(values.find((row) => row[1] === "Vendor")?.[3]).toBe("=cmd|' /C calc'!A0");
    expect(values.find((row) => row[1] === "Zurbriggen")?.[0]).toBe("Suisse");
  });
});

describe("revoking join links from the console", () => {
  it("revokes every link of the registration, audited with the count; a registration of another meeting is refused", async () => {
    const { meeting } = await meetingWithSessions();
    const other = await createMeeting(test.db);
    const ada = await registrant(meeting, { givenName: "Ada", familyName: "Lovelace" });
    await test.db.joinLink.createMany({
      data: [
        { tokenHash: "b".repeat(64), registrationId: ada.id },
        { tokenHash: "c".repeat(64), registrationId: ada.id },
      ],
    });
    expect(await revokeJoinLinksOf(test.db, { meetingId: other.id, registrationId: ada.id, actor, now: NOW })).toEqual({ ok: false });
    expect(await revokeJoinLinksOf(test.db, { meetingId: meeting.id, registrationId: ada.id, actor, now: NOW })).toEqual({
      ok: true,
      revoked: 2,
    });
    expect((await test.db.joinLink.findMany({ where: { registrationId: ada.id } })).map((link) => link.revokedAt)).toEqual([NOW, NOW]);
    const audit = await test.db.auditEntry.findFirstOrThrow({ where: { action: "attendance.links-revoked" } });
    expect(audit).toMatchObject({ entityType: "registration", entityId: ada.id, after: { joinLinksRevoked: 2 } });
  });
});
