// Organizers' choice of emails about new input documents (issue #14, point 4), on a real
// database: one email per document (EACH, the default) or a daily digest (DAILY_DIGEST) queued
// by the daily job (scheduleDailyMaintenance runs it in the worker), once per organizer, meeting and day however often the job runs.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DocumentNotices, OrganizerRole } from "@/generated/prisma/enums.ts";
import { generateReference, generateSecretToken, hashToken } from "@/lib/security/tokens.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { pdfBytes } from "../helpers/document-files.ts";
import { createMeeting } from "../helpers/factories.ts";

const APP_URL = "https://register.example.org";
const DAY = 24 * 60 * 60 * 1000;
let test: TestDatabase;
let upload: typeof import("@/app/manage/[token]/documents/upload/route.ts");
let digest: typeof import("@/lib/documents/digest.ts");

beforeAll(async () => {
  test = await createTestDatabase(5);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = APP_URL;
  process.env.AUTH_SECRET = "x".repeat(40);
  upload = await import("@/app/manage/[token]/documents/upload/route.ts");
  digest = await import("@/lib/documents/digest.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

async function meetingWithOrganizers(organizers: Array<[string, OrganizerRole, DocumentNotices]>, defaultLocale = "en") {
  const meeting = await createMeeting(test.db, {
    documentSeriesPrefix: "QIT4N-I",
    documentDeadline: new Date(Date.now() + 5 * DAY),
    documentLatePolicy: "ACCEPT_LATE",
    defaultLocale,
  });
  const users: Record<string, string> = {};
  for (const [email, role, documentNotices] of organizers) {
    const user = await test.db.user.create({ data: { email } });
    await test.db.meetingOrganizer.create({ data: { meetingId: meeting.id, userId: user.id, role, documentNotices } });
    users[email] = user.id;
  }
  return { meeting, users };
}

async function submitDocument(meetingId: string, title: string) {
  const token = generateSecretToken();
  await test.db.registration.create({
    data: {
      reference: generateReference(),
      meetingId,
      email: `person-${randomBytes(4).toString("hex")}@example.org`,
      givenName: "Ada",
      familyName: "Lovelace",
      country: "CH",
      category: "ACADEMIA",
      locale: "en",
      privacyAcceptedAt: new Date(),
      status: "CONFIRMED",
      manageLinks: { create: { tokenHash: hashToken(token), reason: "registered" } },
    },
  });
  const form = new FormData();
  form.set("submissionKey", randomBytes(16).toString("hex"));
  form.set("title", title);
  form.set("source", "Switzerland");
  form.set("file", new File([new Uint8Array(pdfBytes())], "paper.pdf", { type: "application/pdf" }));
  const response = await upload.POST(
    new Request(`${APP_URL}/manage/${token}/documents/upload`, { method: "POST", body: form, headers: { origin: APP_URL } }),
    { params: Promise.resolve({ token }) },
  );
  expect(response.headers.get("location")).toContain("done=");
}

const emailsOfKind = (kind: string) => test.db.outboxEmail.findMany({ where: { kind }, orderBy: { toAddress: "asc" } });

describe("emails to organizers about new documents", () => {
  it("EACH gets one email per document; DAILY_DIGEST gets none per document", async () => {
    const { meeting } = await meetingWithOrganizers([
      ["each@example.org", "OWNER", "EACH"],
      ["digest@example.org", "EDITOR", "DAILY_DIGEST"],
    ]);
    await submitDocument(meeting.id, "First contribution");
    await submitDocument(meeting.id, "Second contribution");
    const notices = await emailsOfKind("document-submitted");
    expect(notices.map((email) => [email.toAddress, email.subject])).toEqual([
      ["each@example.org", `New document QIT4N-I-001 – ${meeting.shortName}`],
      ["each@example.org", `New document QIT4N-I-002 – ${meeting.shortName}`],
    ]);
  });

  it("the daily job queues exactly one digest per DAILY_DIGEST owner or editor listing the day's documents; run again and at once, still one", async () => {
    const { meeting } = await meetingWithOrganizers([
      ["each@example.org", "OWNER", "EACH"],
      ["digest@example.org", "EDITOR", "DAILY_DIGEST"],
      ["viewer@example.org", "VIEWER", "DAILY_DIGEST"],
    ]);
    await submitDocument(meeting.id, "First contribution");
    await submitDocument(meeting.id, "Second contribution");
    // The next day: the digest lists the documents of the UTC day that ended.
    const tomorrow = new Date(Date.now() + DAY);
    expect(await digest.sendDocumentDigests(test.db, { now: tomorrow, appUrl: APP_URL })).toBe(1);
    // Run again, and by two workers at once later that day: nothing more.
    const again = await Promise.all([
      digest.sendDocumentDigests(test.db, { now: tomorrow, appUrl: APP_URL }),
      digest.sendDocumentDigests(test.db, { now: new Date(tomorrow.getTime() + 1000), appUrl: APP_URL }),
    ]);
    expect(again).toEqual([0, 0]);

    const digests = await emailsOfKind("document-digest");
    expect(digests.map((email) => email.toAddress)).toEqual(["digest@example.org"]);
    const [email] = digests;
    expect(email?.subject).toContain(`Daily digest of documents – ${meeting.shortName}`);
    expect(email?.textBody).toContain("QIT4N-I-001");
    expect(email?.textBody).toContain("First contribution");
    expect(email?.textBody).toContain("QIT4N-I-002");
    expect(email?.textBody).toContain("Second contribution");
    expect(email?.textBody).toContain("Switzerland");
    expect(email?.textBody).toContain(`${APP_URL}/admin/meetings/${meeting.id}/documents`);
    expect(await test.db.documentDigest.findMany({ select: { count: true } })).toEqual([{ count: 2 }]);
  });

  it("marks late documents in the digest, in the meeting's language", async () => {
    const { meeting } = await meetingWithOrganizers([["digest@example.org", "OWNER", "DAILY_DIGEST"]], "fr");
    await test.db.meeting.update({ where: { id: meeting.id }, data: { documentDeadline: new Date(Date.now() - DAY) } });
    await submitDocument(meeting.id, "Contribution tardive");
    await digest.sendDocumentDigests(test.db, { now: new Date(Date.now() + DAY), appUrl: APP_URL });
    const [email] = await emailsOfKind("document-digest");
    expect(email?.subject).toContain(`Résumé quotidien des documents – ${meeting.shortName}`);
    expect(email?.textBody).toMatch(/QIT4N-I-001 · .*Contribution tardive.* · .*Switzerland.* · tardif/);
  });

  it("sends no digest for a day without documents, nor for a day whose documents were all withdrawn", async () => {
    const { meeting } = await meetingWithOrganizers([["digest@example.org", "OWNER", "DAILY_DIGEST"]]);
    expect(await digest.sendDocumentDigests(test.db, { now: new Date(Date.now() + DAY), appUrl: APP_URL })).toBe(0);
    await submitDocument(meeting.id, "Withdrawn contribution");
    await test.db.inputDocument.updateMany({ data: { withdrawnAt: new Date() } });
    expect(await digest.sendDocumentDigests(test.db, { now: new Date(Date.now() + DAY), appUrl: APP_URL })).toBe(0);
    // Documents of today are not in today's run: they wait for the day to end.
    await submitDocument(meeting.id, "Today's contribution");
    expect(await digest.sendDocumentDigests(test.db, { now: new Date(), appUrl: APP_URL })).toBe(0);
    expect(await emailsOfKind("document-digest")).toEqual([]);
  });

  it("an organizer's choice is stored and audited; choosing the same again writes nothing; someone without a role changes nothing", async () => {
    const { meeting, users } = await meetingWithOrganizers([["editor@example.org", "EDITOR", "EACH"]]);
    const userId = users["editor@example.org"] ?? "";
    const actor = { kind: "organizer" as const, userId, email: "editor@example.org" };
    expect(await digest.chooseDocumentNotices(test.db, { meetingId: meeting.id, actor, choice: "DAILY_DIGEST", now: new Date() })).toBe(
      true,
    );
    expect(await digest.chooseDocumentNotices(test.db, { meetingId: meeting.id, actor, choice: "DAILY_DIGEST", now: new Date() })).toBe(
      true,
    );
    const role = await test.db.meetingOrganizer.findUniqueOrThrow({ where: { meetingId_userId: { meetingId: meeting.id, userId } } });
    expect(role.documentNotices).toBe("DAILY_DIGEST");
    const audit = await test.db.auditEntry.findMany({ where: { action: "document.notices-chosen" } });
    expect(audit.map((entry) => [entry.entityId, entry.before, entry.after])).toEqual([
      [userId, { documentNotices: "EACH" }, { documentNotices: "DAILY_DIGEST" }],
    ]);
    const stranger = { kind: "organizer" as const, userId: "nobody", email: "nobody@example.org" };
    expect(await digest.chooseDocumentNotices(test.db, { meetingId: meeting.id, actor: stranger, choice: "EACH", now: new Date() })).toBe(
      false,
    );
    expect(await test.db.auditEntry.count({ where: { action: "document.notices-chosen" } })).toBe(1);
  });

  it("the worker's daily schedule runs the digests after the housekeeping and logs how many it queued", async () => {
    const { meeting } = await meetingWithOrganizers([["digest@example.org", "OWNER", "DAILY_DIGEST"]]);
    await submitDocument(meeting.id, "Yesterday's contribution");
    // Yesterday for the schedule: the document is moved a day back.
    await test.db.inputDocument.updateMany({ data: { submittedAt: new Date(Date.now() - DAY) } });
    const { scheduleDailyMaintenance } = await import("@/lib/maintenance/service.ts");
    const lines: string[] = [];
    const stop = scheduleDailyMaintenance(
      test.db,
      (line) => lines.push(line),
      async (now) => ({ documentDigests: await digest.sendDocumentDigests(test.db, { now, appUrl: APP_URL }) }),
    );
    try {
      await vi.waitFor(() => expect(lines).toHaveLength(1), { timeout: 20_000 });
    } finally {
      stop();
    }
    expect(JSON.parse(lines[0]?.replace(/^\[maintenance\] /, "") ?? "")).toMatchObject({ documentDigests: 1 });
    expect((await emailsOfKind("document-digest")).map((email) => email.toAddress)).toEqual(["digest@example.org"]);
  });
});
