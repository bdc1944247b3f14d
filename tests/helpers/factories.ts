// Test data: plain builders with overrides, and persisted creators.
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";
import type { RegistrationInput } from "@/lib/registration/schema.ts";

const unique = () => randomBytes(4).toString("hex");

export function buildMeeting(overrides: Partial<Prisma.MeetingCreateInput> = {}, clock = new Date()): Prisma.MeetingCreateInput {
  const day = 24 * 60 * 60 * 1000;
  // Meetings are scheduled to the minute.
  const now = new Date(Math.floor(clock.getTime() / 60_000) * 60_000);
  return {
    slug: `meeting-${unique()}`,
    title: "Test meeting of the Focus Group",
    shortName: "TEST-1",
    format: "REMOTE",
    startsAt: new Date(now.getTime() + 20 * day),
    endsAt: new Date(now.getTime() + 22 * day),
    timeZone: "Europe/Zurich",
    languages: "English only",
    fee: "Free of charge",
    contactName: "Secretariat",
    contactEmail: "secretariat@example.org",
    homePageUrl: "https://example.org/group",
    eligibleCategories: ["MEMBER_STATE", "SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA", "INDIVIDUAL"],
    registrationOpensAt: new Date(now.getTime() - day),
    registrationClosesAt: new Date(now.getTime() + 10 * day),
    approvalMode: "AUTOMATIC",
    connectionJoinUrl: "https://meet.example.org/j/123",
    connectionMeetingId: "123 456 789",
    connectionPasscode: "s3cret-pass",
    connectionDialIn: "+41 22 000 00 00",
    connectionNotes: "Join 10 minutes early.",
    // Off here (on by default in the schema), so that tests about the connection instructions see
    // them in the emails; tests of personal join links turn it on.
    personalJoinLinks: false,
    ...overrides,
  };
}

export async function createMeeting(db: Database, overrides: Partial<Prisma.MeetingCreateInput> = {}, now = new Date()) {
  return db.meeting.create({ data: buildMeeting(overrides, now) });
}

export function buildRegistrationInput(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    email: `person-${unique()}@example.org`,
    givenName: "Ada",
    familyName: "Lovelace",
    category: "ACADEMIA",
    organization: "University of Geneva",
    country: "CH",
    memberState: undefined,
    jobTitle: undefined,
    needsCaptioning: false,
    needsSignLanguage: false,
    accessibilityOther: undefined,
    privacyAccepted: true,
    listConsent: false,
    ...overrides,
  };
}

/** A valid meeting form as posted (strings), for the meeting schema's unit tests. */
export const MEETING_FORM_POST: Readonly<Record<string, unknown>> = Object.freeze({
  defaultLocale: "en",
  slug: "fg-test-1",
  title: "Tenth meeting",
  shortName: "FG-TEST-1",
  format: "REMOTE",
  timeZone: "Europe/Zurich",
  startsAt: "2027-03-01T09:00",
  endsAt: "2027-03-05T17:00",
  registrationOpensAt: "2027-01-01T00:00",
  registrationClosesAt: "2027-02-20T23:59",
  languages: "English only",
  fee: "Free of charge",
  contactName: "Secretariat",
  contactEmail: "secretariat@example.org",
  eligibleCategories: ["MEMBER_STATE"],
  approvalMode: "AUTOMATIC",
  retentionDays: "90",
});
