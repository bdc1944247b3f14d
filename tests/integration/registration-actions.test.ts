// The public registration and manage-link actions as a visitor's browser reaches them: the form
// data in, the page (redirect and cookie) or form state out. Next's request APIs (cookies,
// redirect, the request's locale) are replaced by stand-ins; the database is real.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { buildRegistrationInput, createMeeting } from "../helpers/factories.ts";

type SetCookie = { name: string; value: string; options: Record<string, unknown> };
const setCookies: SetCookie[] = [];
class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: () => undefined,
    set: (name: string, value: string, options: Record<string, unknown>) => setCookies.push({ name, value, options }),
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
}));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));

const APP_URL = "https://register.example.org";
let test: TestDatabase;
let registration: typeof import("@/lib/registration/actions.ts");
let manage: typeof import("@/lib/registration/manage-actions.ts");
let service: typeof import("@/lib/registration/service.ts");

beforeAll(async () => {
  test = await createTestDatabase(10);
  process.env.DATABASE_URL = test.url;
  process.env.APP_URL = APP_URL;
  process.env.AUTH_SECRET = "x".repeat(40);
  registration = await import("@/lib/registration/actions.ts");
  manage = await import("@/lib/registration/manage-actions.ts");
  service = await import("@/lib/registration/service.ts");
});
afterAll(async () => {
  const { disconnectDatabase } = await import("@/lib/db/client.ts");
  await disconnectDatabase();
  await test.close();
});
beforeEach(async () => {
  await test.reset();
  setCookies.length = 0;
});

/** The form as the browser posts it (checkboxes as "yes", absent when unticked). */
function registrationForm(input: ReturnType<typeof buildRegistrationInput>, submissionKey = crypto.randomUUID()): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === false) continue;
    data.append(key, value === true ? "yes" : String(value));
  }
  data.append("submissionKey", submissionKey);
  return data;
}

/** What the visitor sees after sending the form: where they are sent and what the page is given. */
async function answer(call: () => Promise<unknown>) {
  const before = setCookies.length;
  try {
    return { state: await call(), cookies: setCookies.slice(before) };
  } catch (error) {
    if (error instanceof Redirect) return { redirect: error.url, cookies: setCookies.slice(before) };
    throw error;
  }
}

const IDLE = { status: "idle", fieldErrors: {}, values: {} } as const;

describe("a full meeting (docs/decisions/0007)", () => {
  it("answers a new address exactly as it answers an address already registered, and emails the new one that it is full", async () => {
    const meeting = await createMeeting(test.db, { capacity: 1 });
    const owner = buildRegistrationInput({ email: "owner@example.org" });
    await service.registerForMeeting(test.db, {
      slug: meeting.slug,
      input: owner,
      submissionKey: null,
      locale: "en",
      now: new Date(),
      appUrl: APP_URL,
    });
    const stored = await test.db.registration.findFirstOrThrow();

    const repeat = await answer(() => registration.registerAction(meeting.slug, IDLE, registrationForm(owner)));
    const newcomer = await answer(() =>
      registration.registerAction(meeting.slug, IDLE, registrationForm(buildRegistrationInput({ email: "newcomer@example.org" }))),
    );

    // The same page, given the same kind of cookie: only the echoed address and reference differ.
    expect(newcomer.redirect).toBe(`/meetings/${meeting.slug}/register/sent`);
    expect(repeat.redirect).toBe(newcomer.redirect);
    const shape = (result: typeof repeat) =>
      result.cookies.map((cookie) => ({ name: cookie.name, options: cookie.options, keys: Object.keys(JSON.parse(cookie.value)) }));
    expect(shape(newcomer)).toEqual(shape(repeat));
    const repeatCookie = JSON.parse(repeat.cookies[0]?.value ?? "{}");
    const newcomerCookie = JSON.parse(newcomer.cookies[0]?.value ?? "{}");
    expect(repeatCookie).toEqual({ email: "owner@example.org", reference: stored.reference });
    expect(newcomerCookie.email).toBe("newcomer@example.org");
    // A fresh random reference, like the honeypot's: well-formed, and nobody's.
    expect(newcomerCookie.reference).toMatch(/^Q-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await test.db.registration.count({ where: { reference: newcomerCookie.reference } })).toBe(0);

    // Sent again (another form, a double click): still the same answer, no second email.
    const again = await answer(() =>
      registration.registerAction(meeting.slug, IDLE, registrationForm(buildRegistrationInput({ email: "newcomer@example.org" }))),
    );
    expect(again.redirect).toBe(newcomer.redirect);

    expect(await test.db.registration.count()).toBe(1);
    const full = await test.db.outboxEmail.findMany({ where: { toAddress: "newcomer@example.org" } });
    expect(full).toHaveLength(1);
    expect(full[0]).toMatchObject({ kind: "meeting-full", meetingId: meeting.id, registrationId: null });
    expect(full[0]?.textBody).toContain("you are not registered");
    expect(full[0]?.textBody).not.toContain("/manage/");
  });
});

describe("changing one's details on a meeting that needs approval", () => {
  async function confirmedOnApprovalMeeting() {
    const meeting = await createMeeting(test.db, { approvalMode: "MANUAL" });
    const input = buildRegistrationInput({ email: "grace@example.org", category: "ACADEMIA", organization: "University of Geneva" });
    await service.registerForMeeting(test.db, {
      slug: meeting.slug,
      input,
      submissionKey: null,
      locale: "en",
      now: new Date(),
      appUrl: APP_URL,
    });
    await test.db.registration.updateMany({ data: { status: "CONFIRMED", decidedAt: new Date() } });
    const email = await test.db.outboxEmail.findFirstOrThrow();
    const token = /\/manage\/([A-Za-z0-9_-]{43})/.exec(email.textBody)?.[1] ?? "";
    await test.db.outboxEmail.deleteMany();
    return { meeting, input, token };
  }

  const editForm = (input: ReturnType<typeof buildRegistrationInput>) => {
    const data = registrationForm(input);
    data.delete("submissionKey");
    return data;
  };

  it("a changed category is saved, and the page says the registration went back for approval", async () => {
    const { input, token } = await confirmedOnApprovalMeeting();
    const result = await answer(() =>
      manage.updateDetailsAction(token, IDLE, editForm({ ...input, category: "SECTOR_MEMBER", organization: "ACME Telecom" })),
    );
    expect(result.redirect).toBe(`/manage/${token}?done=sent-back`);
    expect(await test.db.registration.findFirstOrThrow()).toMatchObject({ category: "SECTOR_MEMBER", status: "PENDING" });
  });

  it("a changed job title is saved with the usual message", async () => {
    const { input, token } = await confirmedOnApprovalMeeting();
    const result = await answer(() => manage.updateDetailsAction(token, IDLE, editForm({ ...input, jobTitle: "Professor" })));
    expect(result.state).toMatchObject({ status: "saved" });
    expect(await test.db.registration.findFirstOrThrow()).toMatchObject({ jobTitle: "Professor", status: "CONFIRMED" });
  });
});
