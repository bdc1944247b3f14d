// Input documents (issue #14) through the upload route as a browser posts it, on a real database:
// every bad input and fault is refused with its message and leaves no row, no file and no number
// behind; numbers stay gapless and unique under fifty submissions at once; versions, the deadline
// and its exceptions, the acknowledgment email, and who may download what.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RegistrationStatus } from "@/generated/prisma/enums.ts";
import { generateReference, generateSecretToken, hashToken } from "@/lib/security/tokens.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import {
  docBytes,
  docxBytes,
  xls97Bytes,
  encryptedOfficeBytes,
  encryptedZipBytes,
  exeBytes,
  htmlBytes,
  pdfBytes,
  zipBombBytes,
  zipBytes,
} from "../helpers/document-files.ts";
import { createMeeting } from "../helpers/factories.ts";

const APP_URL = "https://register.example.org";
const DAY = 24 * 60 * 60 * 1000;
let test: TestDatabase;
let upload: typeof import("@/app/manage/[token]/documents/upload/route.ts");
let download: typeof import("@/app/manage/[token]/documents/[documentId]/file/route.ts");

beforeAll(async () => {
  test = await createTestDatabase(10);
  process.env.DATABASE_URL = test.url;
  process.env.DATABASE_POOL_SIZE = "20";
  process.env.APP_URL = APP_URL;
  process.env.AUTH_SECRET = "x".repeat(40);
  upload = await import("@/app/manage/[token]/documents/upload/route.ts");
  download = await import("@/app/manage/[token]/documents/[documentId]/file/route.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

async function meetingTakingDocuments(overrides: Parameters<typeof createMeeting>[1] = {}) {
  return createMeeting(test.db, { documentSeriesPrefix: "QIT4N-I", documentDeadline: new Date(Date.now() + 5 * DAY), ...overrides });
}

async function registrant(meetingId: string, options: { status?: RegistrationStatus; locale?: string } = {}) {
  const token = generateSecretToken();
  const registration = await test.db.registration.create({
    data: {
      reference: generateReference(),
      meetingId,
      email: `person-${randomBytes(4).toString("hex")}@example.org`,
      givenName: "Ada",
      familyName: "Lovelace",
      organization: "University of Geneva",
      country: "CH",
      category: "ACADEMIA",
      locale: options.locale ?? "en",
      privacyAcceptedAt: new Date(),
      status: options.status ?? "CONFIRMED",
      manageLinks: { create: { tokenHash: hashToken(token), reason: "registered" } },
    },
  });
  return { ...registration, token };
}

type Upload = { bytes: Buffer; name: string } | null;
const key = () => randomBytes(16).toString("hex");

function uploadRequest(token: string, fields: Record<string, string>, file: Upload): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    submissionKey: key(),
    title: "Quantum key distribution use cases",
    source: "Switzerland",
    ...fields,
  })) {
    form.set(name, value);
  }
  form.set(
    "file",
    file
      ? new File([new Uint8Array(file.bytes)], file.name, { type: "application/pdf" })
      : new File([], "", { type: "application/octet-stream" }),
  );
  return new Request(`${APP_URL}/manage/${token}/documents/upload`, { method: "POST", body: form, headers: { origin: APP_URL } });
}

/** Post the form and read where the browser is sent: the errors or the outcome it names. */
async function submit(token: string, fields: Record<string, string> = {}, file: Upload = { bytes: pdfBytes(), name: "contribution.pdf" }) {
  return answerOf(await upload.POST(uploadRequest(token, fields, file), { params: Promise.resolve({ token }) }));
}

function answerOf(response: Response) {
  const location = response.headers.get("location");
  const url = location ? new URL(location, APP_URL) : null;
  return {
    status: response.status,
    errors: url?.searchParams.get("errors")?.split(",") ?? [],
    done: url?.searchParams.get("done") ?? null,
    documentId: url?.searchParams.get("document") ?? null,
    kept: Object.fromEntries(
      ["title", "source", "coSources", "abstract", "revisionOf"].flatMap((name) => {
        const value = url?.searchParams.get(name);
        return value ? [[name, value]] : [];
      }),
    ),
  };
}

/** Everything a submission leaves behind. */
async function stored(meetingId: string) {
  const [documents, files, chunks, counter, emails, audit] = await Promise.all([
    test.db.inputDocument.findMany({ where: { meetingId }, orderBy: [{ number: "asc" }, { revision: "asc" }] }),
    test.db.documentFile.count(),
    test.db.documentChunk.count(),
    test.db.documentCounter.findUnique({ where: { meetingId } }),
    test.db.outboxEmail.findMany({ where: { meetingId }, orderBy: { createdAt: "asc" } }),
    test.db.auditEntry.findMany({ where: { meetingId, action: { startsWith: "document" } } }),
  ]);
  return { documents, files, chunks, lastNumber: counter?.lastNumber ?? 0, emails, audit };
}

async function expectNothingStored(meetingId: string) {
  const state = await stored(meetingId);
  expect({
    documents: state.documents.length,
    files: state.files,
    chunks: state.chunks,
    lastNumber: state.lastNumber,
    emails: state.emails.length,
  }).toEqual({
    documents: 0,
    files: 0,
    chunks: 0,
    lastNumber: 0,
    emails: 0,
  });
}

/** After a refusal, the next good submission still gets number 1: nothing was consumed. */
async function expectNextIsNumberOne(meetingId: string, token: string) {
  const answer = await submit(token);
  expect(answer.done).toBe("submitted");
  const state = await stored(meetingId);
  expect(state.documents.map((document) => document.number)).toEqual([1]);
}

describe("submitting a document from the manage link", () => {
  it("stores a PDF as QIT4N-I-001 with its fields, its bytes in order, one audit entry and the acknowledgment with its number in the registrant's language", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id, { locale: "fr" });
    const bytes = pdfBytes("x".repeat(3 * 1024 * 1024));
    const answer = await submit(
      person.token,
      { coSources: "France, Huawei", abstract: "Line one\nLine two" },
      { bytes, name: "QKD use cases.pdf" },
    );
    expect(answer.done).toBe("submitted");
    const state = await stored(meeting.id);
    expect(state.documents).toHaveLength(1);
    const [document] = state.documents;
    expect(document).toMatchObject({
      id: answer.documentId,
      number: 1,
      revision: 0,
      seriesPrefix: "QIT4N-I",
      title: "Quantum key distribution use cases",
      source: "Switzerland",
      coSources: "France, Huawei",
      abstract: "Line one\nLine two",
      registrationId: person.id,
      late: false,
    });
    const file = await test.db.documentFile.findUniqueOrThrow({ where: { id: document?.fileId } });
    expect(file).toMatchObject({ fileName: "QKD use cases.pdf", kind: "pdf", size: bytes.length });
    const chunks = await test.db.documentChunk.findMany({ where: { fileId: file.id }, orderBy: { seq: "asc" } });
    expect(chunks.map((chunk) => chunk.seq)).toEqual([0, 1, 2, 3]);
    expect(Buffer.concat(chunks.map((chunk) => Buffer.from(chunk.data))).equals(bytes)).toBe(true);
    expect(state.audit.map((entry) => entry.action)).toEqual(["document.submitted"]);
    const acknowledgment = state.emails.find((email) => email.toAddress === person.email);
    expect(acknowledgment?.subject).toBe(`QIT4N-I-001 reçu – ${meeting.shortName}`);
    expect(acknowledgment?.textBody).toContain("Quantum key distribution use cases");
    expect(acknowledgment?.textBody).toContain(`${APP_URL}/manage/${person.token}/documents?lang=fr`);
  });

  it("emails each owner and editor of the meeting one notice per document, and no viewer", async () => {
    const meeting = await meetingTakingDocuments();
    for (const [email, role] of [
      ["owner@example.org", "OWNER"],
      ["editor@example.org", "EDITOR"],
      ["viewer@example.org", "VIEWER"],
    ] as const) {
      const user = await test.db.user.create({ data: { email } });
      await test.db.meetingOrganizer.create({ data: { meetingId: meeting.id, userId: user.id, role } });
    }
    const person = await registrant(meeting.id);
    await submit(person.token);
    const notices = (await stored(meeting.id)).emails.filter((email) => email.kind === "document-submitted");
    expect(notices.map((email) => email.toAddress).sort()).toEqual(["editor@example.org", "owner@example.org"]);
    expect(notices[0]?.subject).toBe(`New document QIT4N-I-001 – ${meeting.shortName}`);
  });

  it.each([
    ["a Word 97–2003 file (a real compound file, not encrypted)", () => docBytes(), "paper.doc", "doc"],
    ["a docx", () => docxBytes(), "paper.docx", "docx"],
    ["a docx named .pdf (stored under its real type's extension)", () => docxBytes(), "paper.pdf", "docx"],
    ["a plain ZIP", () => zipBytes({ "a.txt": "one", "b/c.txt": "two" }), "annexes.zip", "zip"],
  ])("recognises %s by its content", async (_label, bytes, name, kind) => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    const answer = await submit(person.token, {}, { bytes: await bytes(), name });
    expect(answer.errors).toEqual([]);
    const file = await test.db.documentFile.findFirstOrThrow();
    expect(file.kind).toBe(kind);
    expect(file.fileName).toBe(`paper.${kind}`.replace("paper.zip", "annexes.zip"));
  });

  it("keeps only a safe display name of a path-traversal file name", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    await submit(person.token, {}, { bytes: pdfBytes(), name: "../../etc/passwd.pdf" });
    await submit(person.token, {}, { bytes: pdfBytes(), name: "..\\..\\Windows\\evil\u202Efdp.exe.pdf" });
    const names = (await test.db.documentFile.findMany({ orderBy: { createdAt: "asc" } })).map((file) => file.fileName);
    expect(names).toEqual(["passwd.pdf", "evilfdp.exe.pdf"]);
  });
});

describe("bad input and faults: refused with their message, nothing stored, no number used", () => {
  it.each([
    ["a renamed .exe", async () => ({ bytes: exeBytes(), name: "report.pdf" }), "file.notAllowed"],
    ["an HTML file called .pdf", async () => ({ bytes: htmlBytes(), name: "report.pdf" }), "file.notAllowed"],
    ["a zip bomb", async () => ({ bytes: await zipBombBytes(), name: "annexes.zip" }), "file.zipBomb"],
    ["an encrypted PDF", async () => ({ bytes: pdfBytes("secret", "/Encrypt 5 0 R "), name: "secret.pdf" }), "file.encrypted"],
    ["a password-protected Office file", async () => ({ bytes: encryptedOfficeBytes(), name: "secret.docx" }), "file.encrypted"],
    [
      "a password-protected Word 97–2003 file (fEncrypted in its FIB)",
      async () => ({ bytes: docBytes({ encrypted: true }), name: "secret.doc" }),
      "file.encrypted",
    ],
    [
      "a compound file without a WordDocument stream (e.g. Excel 97)",
      async () => ({ bytes: xls97Bytes(), name: "book.doc" }),
      "file.notAllowed",
    ],
    ["a ZIP with encrypted entries", async () => ({ bytes: await encryptedZipBytes(), name: "secret.zip" }), "file.encrypted"],
    ["a 0-byte file", async () => ({ bytes: Buffer.alloc(0), name: "empty.pdf" }), "file.empty"],
    ["no file at all", async () => null, "file.missing"],
    ["a damaged ZIP", async () => ({ bytes: (await docxBytes()).subarray(0, 60), name: "broken.docx" }), "file.damaged"],
  ])("%s", async (_label, file, error) => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    const answer = await submit(person.token, {}, await file());
    expect(answer.errors).toEqual([error]);
    await expectNothingStored(meeting.id);
    await expectNextIsNumberOne(meeting.id, person.token);
  });

  it("a file over the meeting's limit", async () => {
    const meeting = await meetingTakingDocuments({ documentMaxBytes: 1024 * 1024 });
    const person = await registrant(meeting.id);
    const answer = await submit(person.token, {}, { bytes: pdfBytes("y".repeat(1024 * 1024)), name: "big.pdf" });
    expect(answer.errors).toEqual(["file.tooLarge"]);
    await expectNothingStored(meeting.id);
    await expectNextIsNumberOne(meeting.id, person.token);
  });

  it("a title with control characters, and no source: both errors at once, beside their fields", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    const answer = await submit(person.token, { title: "Use cases\u0007\u202E", source: "", coSources: "France" });
    expect(answer.errors).toEqual(["title.invalid", "source.required"]);
    // What was typed goes back to the form, to be corrected rather than typed again.
    expect(answer.kept).toEqual({ title: "Use cases\u0007\u202E", coSources: "France" });
    await expectNothingStored(meeting.id);
    await expectNextIsNumberOne(meeting.id, person.token);
  });

  it("a double submit (the same form sent twice, one after the other and at once) stores one document under one number", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    const submissionKey = key();
    const first = await submit(person.token, { submissionKey });
    const again = await submit(person.token, { submissionKey });
    const together = await Promise.all([0, 1, 2].map(() => submit(person.token, { submissionKey: "a".repeat(32) })));
    expect(first.done).toBe("submitted");
    expect(again).toMatchObject({ done: "duplicate", documentId: first.documentId });
    expect(together.filter((answer) => answer.done === "submitted")).toHaveLength(1);
    expect(new Set(together.map((answer) => answer.documentId)).size).toBe(1);
    const state = await stored(meeting.id);
    expect(state.documents.map((document) => document.number)).toEqual([1, 2]);
    expect({ files: state.files, lastNumber: state.lastNumber }).toEqual({ files: 2, lastNumber: 2 });
    expect(state.emails.filter((email) => email.kind === "document-received")).toHaveLength(2);
  });

  it("a submission after the registration was withdrawn", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id, { status: "WITHDRAWN" });
    const answer = await submit(person.token);
    expect(answer.errors).toEqual(["submission.notRegistered"]);
    await expectNothingStored(meeting.id);
  });

  it.each(["PENDING", "AWAITING_FOCAL_POINT", "APPROVED_BY_FOCAL_POINT"] as const)(
    "a registrant whose registration is %s (still to be decided) submits, and the document is numbered",
    async (status) => {
      const meeting = await meetingTakingDocuments();
      const person = await registrant(meeting.id, { status });
      const answer = await submit(person.token);
      expect(answer.done).toBe("submitted");
      const state = await stored(meeting.id);
      expect(state.documents.map((document) => document.number)).toEqual([1]);
    },
  );

  it.each(["WITHDRAWN", "REJECTED"] as const)(
    "a registrant whose registration is %s cannot submit, and nothing is stored",
    async (status) => {
      const meeting = await meetingTakingDocuments();
      const person = await registrant(meeting.id, { status });
      const answer = await submit(person.token);
      expect(answer.errors).toEqual(["submission.notRegistered"]);
      await expectNothingStored(meeting.id);
    },
  );

  it("a withdrawn registrant's upload is refused before its body is read: not one chunk of the file is pulled", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id, { status: "WITHDRAWN" });
    const source = uploadRequest(person.token, {}, { bytes: pdfBytes("w".repeat(1024 * 1024)), name: "c.pdf" });
    const reader = (source.body as ReadableStream<Uint8Array>).getReader();
    let pulled = 0;
    // highWaterMark 0: nothing is read ahead, so a pull means the route asked for the body.
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          pulled += 1;
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request(source.url, {
      method: "POST",
      body,
      headers: { origin: APP_URL, "content-type": source.headers.get("content-type") ?? "" },
      duplex: "half",
    } as RequestInit);
    const answer = answerOf(await upload.POST(request, { params: Promise.resolve({ token: person.token }) }));
    expect(answer.errors).toEqual(["submission.notRegistered"]);
    expect(pulled).toBe(0);
    await expectNothingStored(meeting.id);
  });

  it("one registration may submit 30 documents: at 29, two at once store one; the next is refused as too many, with nothing stored and no number used", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    for (let index = 0; index < 29; index++) expect((await submit(person.token)).done).toBe("submitted");
    const together = await Promise.all([submit(person.token), submit(person.token)]);
    expect(together.map((answer) => answer.done ?? answer.errors.join(",")).sort()).toEqual(["submission.tooMany", "submitted"]);
    expect(await submit(person.token)).toMatchObject({ errors: ["submission.tooMany"] });
    const state = await stored(meeting.id);
    expect({ documents: state.documents.length, files: state.files, lastNumber: state.lastNumber }).toEqual({
      documents: 30,
      files: 30,
      lastNumber: 30,
    });
    // Another participant of the meeting is not held by that limit.
    expect((await submit((await registrant(meeting.id)).token)).done).toBe("submitted");
  }, 120_000);

  it("a new version of a document the organizers withdrew", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    const first = await submit(person.token);
    await test.db.inputDocument.update({ where: { id: first.documentId ?? "" }, data: { withdrawnAt: new Date() } });
    const answer = await submit(person.token, { revisionOf: first.documentId ?? "" });
    expect(answer.errors).toEqual(["submission.withdrawnDocument"]);
    const state = await stored(meeting.id);
    expect({ documents: state.documents.length, files: state.files, lastNumber: state.lastNumber }).toEqual({
      documents: 1,
      files: 1,
      lastNumber: 1,
    });
  });

  it("a database failure half-way through writing the file", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    // The third piece of any file fails to be written, as a full disk or a lost connection would.
    await test.db.$executeRawUnsafe(`
      CREATE FUNCTION fail_third_piece() RETURNS trigger AS $$
      BEGIN IF NEW.seq = 2 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await test.db.$executeRawUnsafe(
      `CREATE TRIGGER fail_third_piece BEFORE INSERT ON "DocumentChunk" FOR EACH ROW EXECUTE FUNCTION fail_third_piece()`,
    );
    try {
      const answer = await submit(person.token, {}, { bytes: pdfBytes("z".repeat(5 * 1024 * 1024)), name: "large.pdf" });
      expect(answer.errors).toEqual(["submission.storageFailed"]);
      await expectNothingStored(meeting.id);
    } finally {
      await test.db.$executeRawUnsafe(`DROP TRIGGER fail_third_piece ON "DocumentChunk"`);
    }
    await expectNextIsNumberOne(meeting.id, person.token);
  });

  it("a stream killed half-way: nothing stored, no number used", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    const whole = new Uint8Array(
      await uploadRequest(person.token, {}, { bytes: pdfBytes("w".repeat(2 * 1024 * 1024)), name: "cut.pdf" }).arrayBuffer(),
    );
    const boundaryRequest = uploadRequest(person.token, {}, null);
    const contentType = (await boundaryRequest.headers.get("content-type")) ?? "";
    // The same body's first half, then the connection breaks.
    const half = whole.subarray(0, whole.length / 2);
    const source = uploadRequest(person.token, {}, { bytes: pdfBytes("w".repeat(2 * 1024 * 1024)), name: "cut.pdf" });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(half);
        setTimeout(() => controller.error(new Error("connection reset")), 10);
      },
    });
    const request = new Request(source.url, {
      method: "POST",
      body,
      headers: { origin: APP_URL, "content-type": source.headers.get("content-type") ?? contentType },
      duplex: "half",
    } as RequestInit);
    const answer = answerOf(await upload.POST(request, { params: Promise.resolve({ token: person.token }) }));
    expect(answer.errors).toEqual(["submission.malformed"]);
    await expectNothingStored(meeting.id);
    await expectNextIsNumberOne(meeting.id, person.token);
  });
});

describe("a cross-site post", () => {
  it("is refused before its body is read (the route checks the origin itself: proxy.ts does not see it), and stores nothing", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    const forged = uploadRequest(person.token, {}, { bytes: pdfBytes(), name: "c.pdf" });
    const headers = new Headers(forged.headers);
    headers.set("origin", "https://evil.example");
    const response = await upload.POST(new Request(forged, { headers }), { params: Promise.resolve({ token: person.token }) });
    expect(await response.text()).toContain("This form can only be sent from this site's own pages");
    await expectNothingStored(meeting.id);
  });
});

describe("the manage links' rate limit", () => {
  it("an address over the limit is refused before its body is read: nothing stored, no number used", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    // This window and the next, in case the request falls just after the boundary.
    const window = Math.floor(Date.now() / 600_000) * 600_000;
    await test.db.rateLimitBucket.createMany({
      data: [window, window + 600_000].map((start) => ({ key: "manage:unknown", windowStart: new Date(start), hits: 60 })),
    });
    const response = await upload.POST(uploadRequest(person.token, {}, { bytes: pdfBytes(), name: "c.pdf" }), {
      params: Promise.resolve({ token: person.token }),
    });
    expect(await response.text()).toContain("Too many requests");
    await expectNothingStored(meeting.id);
  });
});

describe("numbers", () => {
  it("fifty submissions at once get numbers 1 to 50, no gap, no duplicate", async () => {
    const meeting = await meetingTakingDocuments();
    const people = await Promise.all(Array.from({ length: 50 }, () => registrant(meeting.id)));
    const answers = await Promise.all(
      people.map((person) => submit(person.token, {}, { bytes: pdfBytes("v".repeat(200 * 1024)), name: "c.pdf" })),
    );
    expect(answers.every((answer) => answer.done === "submitted")).toBe(true);
    const state = await stored(meeting.id);
    expect(state.documents.map((document) => document.number)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(state.lastNumber).toBe(50);
  }, 120_000);

  it("a new version of one's own document becomes R1 then R2 under the same number, keeping the earlier ones; another's document cannot be revised", async () => {
    const meeting = await meetingTakingDocuments();
    const person = await registrant(meeting.id);
    const other = await registrant(meeting.id);
    const first = await submit(person.token);
    await submit(other.token);
    const r1 = await submit(person.token, { revisionOf: first.documentId ?? "" });
    const r2 = await submit(person.token, { revisionOf: first.documentId ?? "" });
    const stolen = await submit(other.token, { revisionOf: first.documentId ?? "" });
    expect([r1.done, r2.done]).toEqual(["submitted", "submitted"]);
    expect(stolen.errors).toEqual(["submission.notYourDocument"]);
    const state = await stored(meeting.id);
    expect(state.documents.map((document) => [document.number, document.revision])).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
    ]);
    const subjects = state.emails.filter((email) => email.toAddress === person.email).map((email) => email.subject.split(" ")[0]);
    expect(subjects).toEqual(["QIT4N-I-001", "QIT4N-I-001R1", "QIT4N-I-001R2"]);
  });
});

describe("the deadline, on the server's clock", () => {
  it("after it, a meeting that refuses late documents refuses, and stores nothing", async () => {
    const meeting = await meetingTakingDocuments({ documentDeadline: new Date(Date.now() - 1000), documentLatePolicy: "REFUSE" });
    const person = await registrant(meeting.id);
    const answer = await submit(person.token);
    expect(answer.errors).toEqual(["submission.deadlinePassed"]);
    await expectNothingStored(meeting.id);
  });

  it("after it, a meeting that accepts late documents numbers them and marks them late, in the acknowledgment too", async () => {
    const meeting = await meetingTakingDocuments({ documentDeadline: new Date(Date.now() - 1000), documentLatePolicy: "ACCEPT_LATE" });
    const person = await registrant(meeting.id);
    const answer = await submit(person.token);
    expect(answer.done).toBe("submittedLate");
    const state = await stored(meeting.id);
    expect(state.documents.map((document) => [document.number, document.late])).toEqual([[1, true]]);
    expect(state.emails.find((email) => email.kind === "document-received")?.textBody).toContain("marked late");
  });

  it("an organizer's exception lets that one registrant submit on time until its end, audited; the others are still refused", async () => {
    const { grantDeadlineException } = await import("@/lib/documents/service.ts");
    const meeting = await meetingTakingDocuments({ documentDeadline: new Date(Date.now() - 1000) });
    const allowed = await registrant(meeting.id);
    const refused = await registrant(meeting.id);
    const user = await test.db.user.create({ data: { email: "owner@example.org" } });
    const actor = { kind: "organizer" as const, userId: user.id, email: user.email };
    await grantDeadlineException(test.db, {
      meetingId: meeting.id,
      registrant: { id: allowed.id },
      until: new Date(Date.now() + DAY),
      actor,
      now: new Date(),
    });
    expect((await submit(allowed.token)).done).toBe("submitted");
    expect((await submit(refused.token)).errors).toEqual(["submission.deadlinePassed"]);
    const entries = await test.db.auditEntry.findMany({ where: { meetingId: meeting.id, action: "document.deadline-exception-granted" } });
    expect(entries.map((entry) => [entry.entityId, entry.actorLabel])).toEqual([[allowed.id, "owner@example.org"]]);
  });
});

describe("who may download", () => {
  async function withDocument() {
    const meeting = await meetingTakingDocuments();
    const author = await registrant(meeting.id);
    const answer = await submit(author.token, {}, { bytes: pdfBytes("content"), name: "Résumé QKD.pdf" });
    return { meeting, author, documentId: answer.documentId ?? "" };
  }
  const get = (token: string, documentId: string) =>
    download.GET(new Request(`${APP_URL}/manage/${token}/documents/${documentId}/file`), {
      params: Promise.resolve({ token, documentId }),
    });

  it("another confirmed participant gets the bytes as an attachment with a safe name, nosniff and a sandbox, and the download is audited", async () => {
    const { meeting, documentId } = await withDocument();
    const reader = await registrant(meeting.id);
    const response = await get(reader.token, documentId);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes("content"))).toBe(true);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="QIT4N-I-001-R-sum-QKD.pdf"; filename*=UTF-8''QIT4N-I-001%20R%C3%A9sum%C3%A9%20QKD.pdf`,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const entries = await test.db.auditEntry.findMany({ where: { action: "document.downloaded" } });
    expect(entries.map((entry) => [entry.entityId, entry.actorLabel, (entry.after as { registrationId: string }).registrationId])).toEqual([
      [documentId, "registrant", reader.id],
    ]);
  });

  it("an anonymous visitor (a made-up link), a participant of another meeting, a withdrawn registrant and a pending one (not the author) get nothing, and nothing is audited", async () => {
    const { meeting, documentId } = await withDocument();
    const elsewhere = await registrant((await meetingTakingDocuments()).id);
    const withdrawn = await registrant(meeting.id, { status: "WITHDRAWN" });
    const pending = await registrant(meeting.id, { status: "PENDING" });
    for (const token of [generateSecretToken(), elsewhere.token, withdrawn.token, pending.token]) {
      const response = await get(token, documentId);
      expect(await response.text()).toBe("Page not found");
    }
    expect(await test.db.auditEntry.count({ where: { action: "document.downloaded" } })).toBe(0);
  });

  it("a pending author reads their own document; nobody reads a withdrawn one through a manage link", async () => {
    const meeting = await meetingTakingDocuments();
    const author = await registrant(meeting.id, { status: "PENDING" });
    const { documentId } = await submit(author.token);
    expect((await get(author.token, documentId ?? "")).headers.get("content-disposition")).toContain("attachment");
    await test.db.inputDocument.update({ where: { id: documentId ?? "" }, data: { withdrawnAt: new Date() } });
    expect(await (await get(author.token, documentId ?? "")).text()).toBe("Page not found");
  });
});
