import "server-only";
// Builds the emails owed to a registrant from stored rows: the bridge between the data and the
// pure templates in emails/, which get everything as props (translator, formatted dates, URLs).
// Links come from APP_URL only, never from the request.
import type { Meeting, Registration } from "@/generated/prisma/client.ts";
import { buildIcs, type CalendarMethod, calendarSequence } from "@/emails/ics.ts";
import { oneLine } from "@/emails/one-line.ts";
import {
  alreadyRegisteredEmail,
  type ConnectionInstructions,
  connectionUpdatedEmail,
  type MeetingFacts,
  meetingFullEmail,
  registrationApprovedEmail,
  registrationConfirmedEmail,
  registrationReceivedEmail,
  registrationRejectedEmail,
  registrationSentBackEmail,
  registrationWithdrawnEmail,
} from "@/emails/registrant-emails.tsx";
import type { EmailLanguage, Translate } from "@/emails/types.ts";
import { type Locale, isLocale, DEFAULT_LOCALE, textDirection } from "@/lib/i18n/config.ts";
import { formatMeetingDates } from "@/lib/i18n/format.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { EMAIL_PRIORITY, type OwedEmail } from "@/lib/mail/outbox.ts";

export type RegistrantEmailKind =
  | "registration-confirmed"
  | "registration-received"
  | "registration-approved"
  | "registration-rejected"
  | "registration-withdrawn"
  | "already-registered"
  | "registration-sent-back"
  | "connection-updated";

/** Kind of the email to an address that tried to register for a meeting with no place left. */
export const MEETING_FULL_EMAIL_KIND = "meeting-full";

// The kinds whose email shows a manage link. Only these issue a new link (a ManageLink row):
// a link nobody is sent would be a credential with no purpose.
const KINDS_WITH_MANAGE_LINK: ReadonlySet<RegistrantEmailKind> = new Set([
  "registration-confirmed",
  "registration-received",
  "registration-approved",
  "already-registered",
  "registration-sent-back",
]);

export function carriesManageLink(kind: RegistrantEmailKind): boolean {
  return KINDS_WITH_MANAGE_LINK.has(kind);
}

// The calendar entry each kind carries: the meeting put in (or updated in) the registrant's
// calendar while the registration stands, taken out again when it is withdrawn or rejected.
const CALENDAR_METHOD: Partial<Record<RegistrantEmailKind, CalendarMethod>> = {
  "registration-confirmed": "REQUEST",
  "registration-approved": "REQUEST",
  "connection-updated": "REQUEST",
  "registration-withdrawn": "CANCEL",
  "registration-rejected": "CANCEL",
};

export function manageUrl(appUrl: string, token: string): string {
  return `${appUrl}/manage/${token}`;
}

// Translators are made once per locale: a notice batch builds 500 emails in the same language.
const emailTranslators = new Map<Locale, Translate>();
const meetingTranslators = new Map<Locale, ReturnType<typeof getTranslator<"meeting">>>();
function emailTranslator(locale: Locale): Translate {
  const made = emailTranslators.get(locale) ?? getTranslator(locale, "emails");
  emailTranslators.set(locale, made);
  return made;
}
function meetingTranslator(locale: Locale) {
  const made = meetingTranslators.get(locale) ?? getTranslator(locale, "meeting");
  meetingTranslators.set(locale, made);
  return made;
}

function emailLanguage(locale: Locale): EmailLanguage {
  return { t: emailTranslator(locale), locale, dir: textDirection(locale) };
}

// A meeting's dates as words, by what they are made of: formatting builds Intl formatters each
// time (the largest cost of an email), and every email about one meeting says the same.
const formattedDates = new Map<string, string>();
function meetingDates(meeting: Meeting, locale: Locale): string {
  const key = `${meeting.startsAt.getTime()}/${meeting.endsAt.getTime()}/${meeting.timeZone}/${locale}`;
  let dates = formattedDates.get(key);
  if (dates === undefined) {
    dates = formatMeetingDates(meeting.startsAt, meeting.endsAt, meeting.timeZone, locale);
    if (formattedDates.size >= 1000) formattedDates.clear();
    formattedDates.set(key, dates);
  }
  return dates;
}

export function meetingFacts(meeting: Meeting, locale: Locale, appUrl: string): MeetingFacts {
  const t = meetingTranslator(locale);
  return {
    title: meeting.title,
    shortName: meeting.shortName,
    dates: meetingDates(meeting, locale),
    format: t(`formats.${meeting.format}`),
    languages: meeting.languages,
    fee: meeting.fee,
    contactName: meeting.contactName,
    contactEmail: meeting.contactEmail,
    homePageUrl: meeting.homePageUrl,
    meetingUrl: `${appUrl}/meetings/${meeting.slug}`,
  };
}

export function connectionInstructions(meeting: Meeting): ConnectionInstructions {
  return {
    joinUrl: meeting.connectionJoinUrl,
    meetingId: meeting.connectionMeetingId,
    passcode: meeting.connectionPasscode,
    dialIn: meeting.connectionDialIn,
    notes: meeting.connectionNotes,
  };
}

/** One calendar entry per registration (its UID), so each email about it updates the same entry. */
function calendarFor(options: {
  method: CalendarMethod;
  meeting: Meeting;
  registration: { id: string; email: string };
  name: string;
  appUrl: string;
  now: Date;
}): string {
  const { meeting, appUrl } = options;
  return buildIcs({
    method: options.method,
    uid: `${options.registration.id}@${new URL(appUrl).hostname}`,
    sequence: calendarSequence(options.now),
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    summary: meeting.title,
    description: `${meeting.shortName} – ${appUrl}/meetings/${meeting.slug}`,
    url: meeting.homePageUrl ?? `${appUrl}/meetings/${meeting.slug}`,
    organizerEmail: meeting.contactEmail,
    organizerName: meeting.contactName,
    attendeeEmail: options.registration.email,
    attendeeName: options.name,
    now: options.now,
  });
}

/**
 * The email of `kind` for this registration. `manageToken` is the raw token of the link it
 * carries (a new one the caller stores in the same transaction, or the one the registrant used);
 * null for the kinds that carry no link.
 */
export async function buildRegistrantEmail(options: {
  kind: RegistrantEmailKind;
  meeting: Meeting;
  registration: Pick<Registration, "id" | "email" | "givenName" | "familyName" | "reference" | "locale">;
  manageToken: string | null;
  appUrl: string;
  now: Date;
  reason?: string;
}): Promise<OwedEmail> {
  const { kind, meeting, registration, appUrl } = options;
  if (options.manageToken === null && carriesManageLink(kind)) throw new Error(`A "${kind}" email needs a manage link`);
  const locale = isLocale(registration.locale) ? registration.locale : DEFAULT_LOCALE;
  // Names were validated as one line when typed; flatten again in case a row predates that rule.
  const registrant = {
    ...registration,
    givenName: oneLine(registration.givenName, 100),
    familyName: oneLine(registration.familyName, 100),
  };
  const props = {
    ...emailLanguage(locale),
    meeting: meetingFacts(meeting, locale, appUrl),
    registrant,
    manageUrl: options.manageToken === null ? "" : manageUrl(appUrl, options.manageToken),
  };
  const connection = connectionInstructions(meeting);
  const rendered = await (() => {
    switch (kind) {
      case "registration-confirmed":
        return registrationConfirmedEmail({ ...props, connection });
      case "registration-approved":
        return registrationApprovedEmail({ ...props, connection });
      case "connection-updated":
        return connectionUpdatedEmail({ ...props, connection });
      case "registration-received":
        return registrationReceivedEmail(props);
      case "registration-rejected":
        return registrationRejectedEmail({ ...props, reason: options.reason ?? "" });
      case "registration-withdrawn":
        return registrationWithdrawnEmail(props);
      case "already-registered":
        return alreadyRegisteredEmail(props);
      case "registration-sent-back":
        return registrationSentBackEmail(props);
    }
  })();
  const name = `${registrant.givenName} ${registrant.familyName}`;
  const method = CALENDAR_METHOD[kind];
  return {
    ...rendered,
    kind,
    priority: kind === "connection-updated" ? EMAIL_PRIORITY.bulk : EMAIL_PRIORITY.registrant,
    toAddress: registration.email,
    toName: name,
    ics: method ? calendarFor({ method, meeting, registration, name, appUrl, now: options.now }) : undefined,
    meetingId: meeting.id,
    registrationId: registration.id,
  };
}

/**
 * "The meeting is full, you are not registered", to an address that has no registration to
 * build from: in the language of the form it was typed into, about the meeting only.
 */
export async function buildMeetingFullEmail(options: {
  meeting: Meeting;
  toAddress: string;
  locale: Locale;
  appUrl: string;
}): Promise<OwedEmail> {
  const { meeting, locale, appUrl } = options;
  const rendered = await meetingFullEmail({ ...emailLanguage(locale), meeting: meetingFacts(meeting, locale, appUrl) });
  return {
    ...rendered,
    kind: MEETING_FULL_EMAIL_KIND,
    priority: EMAIL_PRIORITY.registrant,
    toAddress: options.toAddress,
    // The meeting's id also puts the email under the meeting's retention period.
    meetingId: meeting.id,
  };
}
