// Organizer decisions, connection updates and the export, against a real database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { updateConnectionInstructions } from "@/lib/meetings/service.ts";
import { expandNoticeJobs } from "@/lib/notices/service.ts";
import { registerForMeeting } from "@/lib/registration/service.ts";
import { streamRegistrantsCsv } from "@/lib/registrants/export.ts";
import { countRegistrants, listRegistrants } from "@/lib/registrants/queries.ts";
import { parseRegistrantListQuery } from "@/lib/registrants/schema.ts";
import { decideRegistrations } from "@/lib/registrants/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";

const APP_URL = "https://register.example.org";
let test: TestDatabase;
const actor = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };

beforeAll(async () => {
  test = await createTestDatabase(10);
});
afterAll(async () => {
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

async function registerMany(slug: string, people: Array<Parameters<typeof buildRegistrationInput>[0]>) {
  for (const person of people) {
    await registerForMeeting(test.db, {
      slug,
      input: buildRegistrationInput(person),
      submissionKey: null,
      locale: "en",
      now: new Date(),
      appUrl: APP_URL,
    });
  }
  return test.db.registration.findMany({ orderBy: { createdAt: "asc" } });
}

describe("decisions", () => {
  it("bulk approval confirms the pending ones, skips the others, emails and audits each", async () => {
    const meeting = await createMeeting(test.db, { approvalMode: "MANUAL" });
    const rows = await registerMany(meeting.slug, [{ email: "a@example.org" }, { email: "b@example.org" }, { email: "c@example.org" }]);
    await test.db.registration.update({ where: { id: rows[2]?.id }, data: { status: "WITHDRAWN" } });
    const result = await decideRegistrations(test.db, {
      meetingId: meeting.id,
      registrationIds: rows.map((row) => row.id),
      decision: "approve",
      actor,
      now: new Date(),
      appUrl: APP_URL,
    });
    expect(result).toEqual({ changed: 2, skipped: 1 });
    expect((await test.db.registration.findMany({ orderBy: { email: "asc" } })).map((row) => row.status)).toEqual([
      "CONFIRMED",
      "CONFIRMED",
      "WITHDRAWN",
    ]);
    const approvals = await test.db.outboxEmail.findMany({ where: { kind: "registration-approved" } });
    expect(approvals.map((email) => email.toAddress).sort()).toEqual(["a@example.org", "b@example.org"]);
    expect(approvals.every((email) => email.textBody.includes("s3cret-pass"))).toBe(true);
    const audit = await test.db.auditEntry.findMany({ where: { action: "registration.approved" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorLabel: "organizer@example.org", before: { status: "PENDING" }, after: { status: "CONFIRMED" } });
    // Approving again changes nothing and sends nothing.
    expect(
      await decideRegistrations(test.db, {
        meetingId: meeting.id,
        registrationIds: rows.map((row) => row.id),
        decision: "approve",
        actor,
        now: new Date(),
        appUrl: APP_URL,
      }),
    ).toEqual({ changed: 0, skipped: 3 });
    expect(await test.db.outboxEmail.count({ where: { kind: "registration-approved" } })).toBe(2);
  });

  it("rejection sends the reason; ids of another meeting are never touched", async () => {
    const meeting = await createMeeting(test.db, { approvalMode: "MANUAL" });
    const other = await createMeeting(test.db, { approvalMode: "MANUAL" });
    const [mine] = await registerMany(meeting.slug, [{ email: "mine@example.org" }]);
    await registerMany(other.slug, [{ email: "theirs@example.org" }]);
    const theirs = await test.db.registration.findFirstOrThrow({ where: { meetingId: other.id } });
    const result = await decideRegistrations(test.db, {
      meetingId: meeting.id,
      registrationIds: [mine?.id ?? "", theirs.id],
      decision: "reject",
      reason: "Members only.",
      actor,
      now: new Date(),
      appUrl: APP_URL,
    });
    expect(result).toEqual({ changed: 1, skipped: 1 });
    expect((await test.db.registration.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("PENDING");
    const email = await test.db.outboxEmail.findFirstOrThrow({ where: { kind: "registration-rejected" } });
    expect(email.toAddress).toBe("mine@example.org");
    expect(email.textBody).toContain("Members only.");
    expect(email.textBody).not.toContain("s3cret-pass");
  });
});

describe("connection instructions", () => {
  it("notifying sends the new instructions to confirmed registrants only, and the audit hides the passcode", async () => {
    const meeting = await createMeeting(test.db);
    const rows = await registerMany(meeting.slug, [
      { email: "one@example.org" },
      { email: "two@example.org" },
      { email: "gone@example.org" },
    ]);
    await test.db.registration.update({ where: { id: rows[2]?.id }, data: { status: "WITHDRAWN" } });
    const input = {
      connectionJoinUrl: "https://meet.example.org/j/new",
      connectionMeetingId: "999",
      connectionPasscode: "new-passcode",
      connectionDialIn: null,
      connectionNotes: null,
    };
    const { notified } = await updateConnectionInstructions(test.db, {
      meetingId: meeting.id,
      input,
      notify: true,
      actor,
      now: new Date(),
      appUrl: APP_URL,
    });
    expect(notified).toBe(2);
    // The request queued one notice job; the worker turns it into the emails.
    expect(await test.db.outboxEmail.count({ where: { kind: "connection-updated" } })).toBe(0);
    expect(await expandNoticeJobs(test.db)).toBe(2);
    const updates = await test.db.outboxEmail.findMany({ where: { kind: "connection-updated" } });
    expect(updates.map((email) => email.toAddress).sort()).toEqual(["one@example.org", "two@example.org"]);
    expect(updates.every((email) => email.textBody.includes("new-passcode") && email.priority === 20)).toBe(true);
    const audit = await test.db.auditEntry.findFirstOrThrow({ where: { action: "meeting.connection-updated" } });
    expect(JSON.stringify(audit)).not.toContain("new-passcode");
    expect(JSON.stringify(audit)).not.toContain("s3cret-pass");
    // Without notifying, nobody is emailed.
    await updateConnectionInstructions(test.db, {
      meetingId: meeting.id,
      input: { ...input, connectionPasscode: "third" },
      notify: false,
      actor,
      now: new Date(),
      appUrl: APP_URL,
    });
    expect(await expandNoticeJobs(test.db)).toBe(0);
    expect(await test.db.noticeJob.count()).toBe(1);
    expect(await test.db.outboxEmail.count({ where: { kind: "connection-updated" } })).toBe(2);
  });
});

describe("the registrant list and its export", () => {
  it("searches, filters, pages with a cursor and totals; the CSV has the same rows, formula-safe", async () => {
    const meeting = await createMeeting(test.db);
    await registerMany(meeting.slug, [
      { email: "ada@example.org", givenName: "Ada", familyName: "Lovelace", organization: '=HYPERLINK("https://evil","x")', country: "GB" },
      { email: "grace@example.org", givenName: "Grace", familyName: "Hopper", organization: "US Navy, Inc.", country: "US" },
      {
        email: "tim@example.org",
        givenName: "Tim",
        familyName: "Berners-Lee",
        organization: '+cmd|" /C calc"!A0',
        country: "GB",
        category: "INDIVIDUAL",
      },
      ...Array.from({ length: 57 }, (_, index) => ({ email: `p${index}@example.org`, familyName: `Person${index}`, country: "CH" })),
    ]);
    const search = await listRegistrants(test.db, meeting.id, parseRegistrantListQuery({ q: "ovela" }));
    expect(search.rows.map((row) => row.email)).toEqual(["ada@example.org"]);
    expect(search.rows[0]?.emailStatus).toBe("QUEUED");
    const literal = await listRegistrants(test.db, meeting.id, parseRegistrantListQuery({ q: "%" }));
    expect(literal.rows).toHaveLength(0); // % is a character to find, not a wildcard
    const byCountry = await listRegistrants(test.db, meeting.id, parseRegistrantListQuery({ country: "gb", sort: "name" }));
    expect(byCountry.rows.map((row) => row.familyName)).toEqual(["Berners-Lee", "Lovelace"]);
    const first = await listRegistrants(test.db, meeting.id, parseRegistrantListQuery({}));
    expect(first.rows).toHaveLength(50);
    const second = await listRegistrants(test.db, meeting.id, parseRegistrantListQuery({ after: first.nextCursor ?? "" }));
    expect(second.rows).toHaveLength(10);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((row) => row.id)).size).toBe(60);
    const totals = await countRegistrants(test.db, meeting.id, parseRegistrantListQuery({}));
    expect(totals.total).toBe(60);
    expect(totals.byCountry[0]).toEqual({ key: "CH", count: 57 });
    expect(totals.byCategory).toEqual(expect.arrayContaining([{ key: "INDIVIDUAL", count: 1 }]));

    const csv = await new Response(
      streamRegistrantsCsv(test.db, meeting.id, parseRegistrantListQuery({ country: "GB" }), "en"),
    ).arrayBuffer();
    const bytes = new Uint8Array(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.subarray(3)).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]?.startsWith('"Reference","Status","Category","Given name","Family name","Email","Organization"')).toBe(true);
    const ada = lines.find((line) => line.includes("ada@example.org")) ?? "";
    expect(ada).toContain(`"'=HYPERLINK(""https://evil"",""x"")"`);
    expect(ada).toContain("United Kingdom");
    const tim = lines.find((line) => line.includes("tim@example.org")) ?? "";
    expect(tim).toContain(`"'+cmd|"" /C calc""!A0"`);
  });
});
