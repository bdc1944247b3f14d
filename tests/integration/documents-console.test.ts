// The organizers' side of input documents (issue #14) with Next's request APIs stood in for and a
// real database: who may withdraw, download, export and take every file as one ZIP; a withdrawn
// document keeps its number and leaves the participants' reach; the ZIP holds exactly the current
// files, byte for byte; exports are audited and their cells never run as formulas.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import { generateReference, generateSecretToken, hashToken } from "@/lib/security/tokens.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { pdfBytes } from "../helpers/document-files.ts";
import { createMeeting } from "../helpers/factories.ts";

const APP_URL = "https://register.example.org";
const cookieJar = new Map<string, string>();
class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
  notFound: () => {
    throw new Redirect("not-found");
  },
}));

let test: TestDatabase;
let actions: typeof import("@/lib/documents/actions.ts");
let upload: typeof import("@/app/manage/[token]/documents/upload/route.ts");
let participantFile: typeof import("@/app/manage/[token]/documents/[documentId]/file/route.ts");
let organizerFile: typeof import("@/app/admin/meetings/[meetingId]/documents/[documentId]/file/route.ts");
let archive: typeof import("@/app/admin/meetings/[meetingId]/documents/archive/route.ts");
let exportRoute: typeof import("@/app/admin/meetings/[meetingId]/documents/export/route.ts");

beforeAll(async () => {
  test = await createTestDatabase(10);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = APP_URL;
  process.env.AUTH_SECRET = "x".repeat(40);
  actions = await import("@/lib/documents/actions.ts");
  upload = await import("@/app/manage/[token]/documents/upload/route.ts");
  participantFile = await import("@/app/manage/[token]/documents/[documentId]/file/route.ts");
  organizerFile = await import("@/app/admin/meetings/[meetingId]/documents/[documentId]/file/route.ts");
  archive = await import("@/app/admin/meetings/[meetingId]/documents/archive/route.ts");
  exportRoute = await import("@/app/admin/meetings/[meetingId]/documents/export/route.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});

let meetingId: string;
let otherMeetingId: string;
let author: { id: string; token: string };
let first: string;

async function signInAs(email: string, meeting: string | null, role: "OWNER" | "EDITOR" | "VIEWER") {
  const user = await test.db.user.upsert({ where: { email }, create: { email }, update: {} });
  if (meeting) await test.db.meetingOrganizer.create({ data: { meetingId: meeting, userId: user.id, role } });
  const sessionToken = randomBytes(32).toString("hex");
  await test.db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
  cookieJar.set("__Secure-authjs.session-token", sessionToken);
}

async function registrant(meeting: string) {
  const token = generateSecretToken();
  const row = await test.db.registration.create({
    data: {
      reference: generateReference(),
      meetingId: meeting,
      email: `p-${randomBytes(4).toString("hex")}@example.org`,
      givenName: "Ada",
      familyName: "Lovelace",
      country: "CH",
      category: "ACADEMIA",
      privacyAcceptedAt: new Date(),
      status: "CONFIRMED",
      manageLinks: { create: { tokenHash: hashToken(token), reason: "registered" } },
    },
  });
  return { id: row.id, token };
}

async function submit(token: string, title: string, bytes: Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.set("submissionKey", randomBytes(16).toString("hex"));
  form.set("title", title);
  form.set("source", "Switzerland");
  form.set("file", new File([new Uint8Array(bytes)], name));
  const response = await upload.POST(
    new Request(`${APP_URL}/manage/${token}/documents/upload`, { method: "POST", body: form, headers: { origin: APP_URL } }),
    { params: Promise.resolve({ token }) },
  );
  return new URL(response.headers.get("location") ?? "", APP_URL).searchParams.get("document") ?? "";
}

async function outcome(call: () => Promise<unknown>): Promise<{ redirect?: string; status?: number; body?: string }> {
  try {
    const value = await call();
    return value instanceof Response ? { status: value.status } : {};
  } catch (error) {
    if (error instanceof Redirect) return { redirect: error.url };
    throw error;
  }
}

const params = (documentId?: string) => ({ params: Promise.resolve({ meetingId, ...(documentId ? { documentId } : {}) }) });
const fileUrl = (documentId: string) => `${APP_URL}/admin/meetings/${meetingId}/documents/${documentId}/file`;
const withdrawnRows = () => test.db.inputDocument.count({ where: { withdrawnAt: { not: null } } });

function zipEntries(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const parts: Buffer[] = [];
          stream.on("data", (part: Buffer) => parts.push(part));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.readEntry();
    });
  });
}

beforeEach(async () => {
  await test.reset();
  cookieJar.clear();
  meetingId = (await createMeeting(test.db, { documentSeriesPrefix: "QIT4N-I", documentDeadline: new Date(Date.now() + 86_400_000) })).id;
  otherMeetingId = (await createMeeting(test.db)).id;
  author = await registrant(meetingId);
  first = await submit(author.token, '=HYPERLINK("http://evil.example")', pdfBytes("first"), "first.pdf");
  await submit(author.token, "Second", pdfBytes("second ".repeat(400_000)), "second.pdf");
});

describe("who may act on a meeting's documents", () => {
  it("an anonymous visitor gets 401 from the routes and is sent to sign in by the actions; nothing is withdrawn or audited", async () => {
    expect(await outcome(() => organizerFile.GET(new Request(fileUrl(first)), params(first)))).toEqual({ status: 401 });
    expect(await outcome(() => archive.GET(new Request(`${APP_URL}/x`), params()))).toEqual({ status: 401 });
    expect(await outcome(() => exportRoute.GET(new Request(`${APP_URL}/x?format=csv`), params()))).toEqual({ status: 401 });
    expect(await outcome(() => actions.withdrawDocumentAction(meetingId, first))).toEqual({ redirect: "/sign-in" });
    expect(await withdrawnRows()).toBe(0);
    expect(await test.db.auditEntry.count({ where: { actorUserId: { not: null } } })).toBe(0);
  });

  it("an organizer of another meeting gets 404 and the console's forbidden page; a viewer downloads but cannot withdraw", async () => {
    await signInAs("other@example.org", otherMeetingId, "OWNER");
    expect(await outcome(() => organizerFile.GET(new Request(fileUrl(first)), params(first)))).toEqual({ status: 404 });
    expect(await outcome(() => archive.GET(new Request(`${APP_URL}/x`), params()))).toEqual({ status: 404 });
    expect(await outcome(() => actions.withdrawDocumentAction(meetingId, first))).toEqual({ redirect: "/admin?error=forbidden" });
    await signInAs("viewer@example.org", meetingId, "VIEWER");
    const response = await organizerFile.GET(new Request(fileUrl(first)), params(first));
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes("first"))).toBe(true);
    expect(await outcome(() => actions.withdrawDocumentAction(meetingId, first))).toEqual({ redirect: "/admin?error=forbidden" });
    expect(await withdrawnRows()).toBe(0);
    const audit = await test.db.auditEntry.findMany({ where: { action: "document.downloaded" } });
    expect(audit.map((entry) => [entry.entityId, entry.actorLabel])).toEqual([[first, "viewer@example.org"]]);
  });
});

describe("withdrawing", () => {
  it("an editor withdraws a document: it keeps its number, participants can no longer download it, organizers still can, and the next one is number 3", async () => {
    await signInAs("editor@example.org", meetingId, "EDITOR");
    const reader = await registrant(meetingId);
    expect(await outcome(() => actions.withdrawDocumentAction(meetingId, first))).toEqual({
      redirect: `/admin/meetings/${meetingId}/documents?done=withdrawn&document=${first}`,
    });
    const document = await test.db.inputDocument.findUniqueOrThrow({ where: { id: first } });
    expect([document.number, document.withdrawnAt !== null]).toEqual([1, true]);
    const refused = await participantFile.GET(new Request(`${APP_URL}/x`), {
      params: Promise.resolve({ token: reader.token, documentId: first }),
    });
    expect(await refused.text()).toBe("Page not found");
    expect((await organizerFile.GET(new Request(fileUrl(first)), params(first))).headers.get("content-disposition")).toContain(
      "attachment",
    );
    expect(await outcome(() => actions.withdrawDocumentAction(meetingId, first))).toEqual({
      redirect: `/admin/meetings/${meetingId}/documents?error=alreadyWithdrawn`,
    });
    const third = await submit(author.token, "Third", pdfBytes("third"), "third.pdf");
    expect((await test.db.inputDocument.findUniqueOrThrow({ where: { id: third } })).number).toBe(3);
    const audit = await test.db.auditEntry.findMany({ where: { action: "document.withdrawn" } });
    expect(audit.map((entry) => [entry.entityId, entry.actorLabel, (entry.after as { number: string }).number])).toEqual([
      [first, "editor@example.org", "QIT4N-I-001"],
    ]);
  });
});

describe("every file as one ZIP, and the list exported", () => {
  it("the ZIP streams exactly the current documents, byte for byte, under their numbers, and is audited", async () => {
    await signInAs("editor@example.org", meetingId, "EDITOR");
    await outcome(() => actions.withdrawDocumentAction(meetingId, first));
    const response = await archive.GET(new Request(`${APP_URL}/x`), params());
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; /);
    const entries = await zipEntries(Buffer.from(await response.arrayBuffer()));
    expect([...entries.keys()]).toEqual(["QIT4N-I-002 second.pdf"]);
    expect(entries.get("QIT4N-I-002 second.pdf")?.equals(pdfBytes("second ".repeat(400_000)))).toBe(true);
    expect(await test.db.auditEntry.count({ where: { action: "documents.downloaded-all" } })).toBe(1);
  });

  it("the CSV export lists the filtered documents with formula-looking titles quoted as text, and is audited", async () => {
    await signInAs("viewer@example.org", meetingId, "VIEWER");
    const response = await exportRoute.GET(new Request(`${APP_URL}/x?format=csv&q=hyperlink`), params());
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"QIT4N-I-001","'=HYPERLINK(""http://evil.example"")","Switzerland"`);
    const audit = await test.db.auditEntry.findMany({ where: { action: "documents.exported" } });
    expect(audit.map((entry) => entry.after)).toEqual([{ format: "csv", rows: 1 }]);
  });
});
