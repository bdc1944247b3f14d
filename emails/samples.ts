// Sample data for every template: what /dev/emails previews (tests/unit/email-templates.test.ts
// renders each one too). The facts are those of a real meeting, FG-QIT4N-4; the people, links
// and passcodes are made up.
import {
  alreadyRegisteredEmail,
  type ConnectionInstructions,
  connectionUpdatedEmail,
  type MeetingFacts,
  meetingFullEmail,
  meetingReminderEmail,
  type RegistrantEmailProps,
  type RegistrantFacts,
  registrationApprovedEmail,
  registrationConfirmedEmail,
  registrationAwaitingFocalPointEmail,
  registrationFocalPointApprovedEmail,
  registrationReceivedEmail,
  registrationRejectedEmail,
  registrationSentBackEmail,
  registrationWithdrawnEmail,
  scheduleUpdatedEmail,
} from "@/emails/registrant-emails.tsx";
import { focalPointListEmail, focalPointRequestEmail } from "@/emails/focal-point-emails.tsx";
import { signInLinkEmail } from "@/emails/sign-in-email.tsx";
import type { EmailLanguage, RenderedEmail } from "@/emails/types.ts";

export const SAMPLE_MEETING: MeetingFacts = {
  title: "Fourth meeting of the ITU-T Focus Group on Quantum Information Technology for Networks",
  shortName: "FG-QIT4N-4",
  dates: "15–22 November 2021",
  format: "E-meeting (fully remote)",
  languages: "English",
  fee: "Free of charge",
  contactName: "TSB Secretariat",
  contactEmail: "tsbfgqit4n@itu.int",
  homePageUrl: "https://www.itu.int/en/ITU-T/focusgroups/qit4n/Pages/default.aspx",
  meetingUrl: "https://register.example.org/meetings/fg-qit4n-4",
};

/** The same meeting with daily sessions, as a meeting with sessions of its own shows them. */
export const SAMPLE_MEETING_WITH_SESSIONS: MeetingFacts = {
  ...SAMPLE_MEETING,
  sessions: [
    "Monday, 15 November 2021, 13:00–16:00 CET",
    "Tuesday, 16 November 2021, 13:00–16:00 CET",
    "Wednesday, 17 November 2021, 13:00–16:00 CET",
    "Thursday, 18 November 2021, 13:00–16:00 CET",
    "Friday, 19 November 2021, 13:00–16:00 CET",
    "Monday, 22 November 2021, 13:00–16:00 CET",
  ],
};

export const SAMPLE_CONNECTION: ConnectionInstructions = {
  joinUrl: "https://zoom.example/j/98765432100",
  meetingId: "987 6543 2100",
  passcode: "QiT-4n-pass",
  dialIn: "+41 22 000 00 00\n+1 212 000 0000",
  notes: "Please rename yourself: Name (Organization)",
};

/** Connection instructions with a personal join link: no platform link, meeting ID or passcode. */
export const SAMPLE_PERSONAL_CONNECTION: ConnectionInstructions = {
  personalJoinUrl: "https://register.example.org/join/tok_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
  joinUrl: null,
  meetingId: null,
  passcode: null,
  dialIn: SAMPLE_CONNECTION.dialIn,
  notes: SAMPLE_CONNECTION.notes,
};

export const SAMPLE_REGISTRANT: RegistrantFacts = {
  givenName: "Ada",
  familyName: "Lovelace",
  reference: "Q-7KX2-M9PD",
  email: "ada.lovelace@example.org",
};

export const SAMPLE_MANAGE_URL = "https://register.example.org/manage/tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

export const SAMPLE_SIGN_IN_URL = "https://register.example.org/sign-in/confirm?token=0123456789abcdef&email=secretariat%40example.org";

export type EmailPreview = {
  /** The template's kind, as the outbox stores it (OutboxEmail.kind). */
  id: string;
  render(language: EmailLanguage): Promise<RenderedEmail>;
};

const registrant = (language: EmailLanguage): RegistrantEmailProps => ({
  ...language,
  meeting: SAMPLE_MEETING,
  registrant: SAMPLE_REGISTRANT,
  manageUrl: SAMPLE_MANAGE_URL,
});

export const EMAIL_PREVIEWS: readonly EmailPreview[] = [
  {
    id: "registration-confirmed",
    render: (language) => registrationConfirmedEmail({ ...registrant(language), connection: SAMPLE_CONNECTION }),
  },
  { id: "registration-received", render: (language) => registrationReceivedEmail(registrant(language)) },
  {
    id: "focal-point-list-link",
    render: (language) =>
      focalPointListEmail({
        ...language,
        listUrl: "https://register.example.org/fp/list/tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        expires: "30 November 2026, 16:00",
      }),
  },
  { id: "registration-awaiting-focal-point", render: (language) => registrationAwaitingFocalPointEmail(registrant(language)) },
  { id: "registration-focal-point-approved", render: (language) => registrationFocalPointApprovedEmail(registrant(language)) },
  {
    id: "focal-point-request",
    render: (language) =>
      focalPointRequestEmail({
        ...language,
        meeting: SAMPLE_MEETING,
        focalPointName: "Jane Wanjiru",
        scope: "Kenya",
        registrant: {
          name: "Ada Lovelace",
          email: SAMPLE_REGISTRANT.email,
          reference: SAMPLE_REGISTRANT.reference,
          category: "Administration of an ITU Member State",
          organization: "Ministry of Information, Communications and the Digital Economy",
          memberState: "Kenya",
          country: "Kenya",
          jobTitle: "Senior engineer",
        },
        decideUrl: "https://register.example.org/fp/tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        expires: "14 December 2026, 15:00 UTC",
      }),
  },
  {
    // The personal join link version, with sessions.
    id: "registration-approved",
    render: (language) =>
      registrationApprovedEmail({ ...registrant(language), meeting: SAMPLE_MEETING_WITH_SESSIONS, connection: SAMPLE_PERSONAL_CONNECTION }),
  },
  {
    id: "registration-rejected",
    render: (language) =>
      registrationRejectedEmail({
        ...registrant(language),
        reason: "This meeting is open to members of the Focus Group only.\nPlease write to us if you think this is a mistake.",
      }),
  },
  { id: "registration-withdrawn", render: (language) => registrationWithdrawnEmail(registrant(language)) },
  { id: "already-registered", render: (language) => alreadyRegisteredEmail(registrant(language)) },
  { id: "registration-sent-back", render: (language) => registrationSentBackEmail(registrant(language)) },
  { id: "connection-updated", render: (language) => connectionUpdatedEmail({ ...registrant(language), connection: SAMPLE_CONNECTION }) },
  {
    id: "schedule-updated",
    render: (language) =>
      scheduleUpdatedEmail({ ...registrant(language), meeting: SAMPLE_MEETING_WITH_SESSIONS, connection: SAMPLE_PERSONAL_CONNECTION }),
  },
  {
    id: "meeting-reminder",
    render: (language) =>
      meetingReminderEmail({
        ...registrant(language),
        connection: {
          ...SAMPLE_CONNECTION,
          personalJoinUrl: "https://register.example.org/join/tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
          joinUrl: null,
          meetingId: null,
          passcode: null,
        },
        startsAt: "15 November 2021, 14:00 CET",
      }),
  },
  { id: "meeting-full", render: (language) => meetingFullEmail({ ...language, meeting: SAMPLE_MEETING }) },
  { id: "sign-in-link", render: (language) => signInLinkEmail({ ...language, url: SAMPLE_SIGN_IN_URL, minutesValid: 10 }) },
];
