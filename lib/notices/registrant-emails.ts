import "server-only";
// Builds the emails owed to a registrant from stored rows: the bridge between the data and the
// pure templates in emails/, which get everything as props (translator, formatted dates, URLs).
// Links come from APP_URL only, never from the request.
import type { Meeting, Registration } from "@/generated/prisma/client.ts";
import { buildCalendar, type CalendarEntry, type CalendarMethod, calendarSequence } from "@/emails/ics.ts";
import { oneLine } from "@/emails/one-line.ts";
import {
  alreadyRegisteredEmail,
  type ConnectionInstructions,
  connectionUpdatedEmail,
  type MeetingFacts,
  meetingFullEmail,
  meetingReminderEmail,
  registrationApprovedEmail,
  registrationAwaitingFocalPointEmail,
  registrationConfirmedEmail,
  registrationFocalPointApprovedEmail,
  registrationReceivedEmail,
  registrationRejectedEmail,
  registrationSentBackEmail,
  registrationWithdrawnEmail,
  scheduleUpdatedEmail,
} from "@/emails/registrant-emails.tsx";
import type { EmailLanguage, TextMark, Translate } from "@/emails/types.ts";
import { type Locale, isLocale, DEFAULT_LOCALE, textDirection } from "@/lib/i18n/config.ts";
import { formatInstant, formatMeetingDates, formatSession } from "@/lib/i18n/format.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { EMAIL_PRIORITY, type OwedEmail } from "@/lib/mail/outbox.ts";
import { type LocalizedText, languageMark, meetingText, meetingTextsFor } from "@/lib/i18n/meeting-texts.ts";

export type RegistrantEmailKind =
  | "registration-confirmed"
  | "registration-received"
  | "registration-awaiting-focal-point"
  | "registration-focal-point-approved"
  | "registration-approved"
  | "registration-rejected"
  | "registration-withdrawn"
  | "already-registered"
  | "registration-sent-back"
  | "connection-updated"
  | "schedule-updated"
  | "meeting-reminder";

/** Kind of the email to an address that tried to register for a meeting with no place left. */
export const MEETING_FULL_EMAIL_KIND = "meeting-full";

// The kinds whose email shows a manage link. Only these issue a new link (a ManageLink row):
// a link nobody is sent would be a credential with no purpose.
const KINDS_WITH_MANAGE_LINK: ReadonlySet<RegistrantEmailKind> = new Set([
  "registration-confirmed",
  "registration-received",
  "registration-awaiting-focal-point",
  "registration-focal-point-approved",
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
  "schedule-updated": "REQUEST",
  "meeting-reminder": "REQUEST",
  "registration-withdrawn": "CANCEL",
  "registration-rejected": "CANCEL",
};

/** The manage link, opening the page in the language of the email that carries it. */
export function manageUrl(appUrl: string, token: string, locale: Locale): string {
  return `${appUrl}/manage/${token}?lang=${locale}`;
}

// The kinds whose email shows the connection instructions (to a confirmed registrant).
const KINDS_WITH_CONNECTION: ReadonlySet<RegistrantEmailKind> = new Set([
  "registration-confirmed",
  "registration-approved",
  "connection-updated",
  "schedule-updated",
  "meeting-reminder",
]);

/**
 * Whether the `kind` email about this meeting carries a personal join link: the emails with the
 * connection instructions, when the meeting uses personal links. Only these issue one (a JoinLink row).
 */
/** A session's times, as a MeetingSession row (or a RemovedMeetingSession) has them. */
export type SessionTimes = { id: string; startsAt: Date; endsAt: Date };

/**
 * A meeting with its sessions, as emails show them and calendars list them. `sessions` left out
 * means the meeting has none (one session from its start to its end); `removedSessions`, the
 * sessions its organizers removed, are cancelled in the calendar of a schedule update.
 */
export type MeetingWithSessions = Meeting & { sessions?: readonly SessionTimes[]; removedSessions?: readonly SessionTimes[] };

/** The sessions in time order; a meeting with none is one session (id null) from its start to its end. */
function sessionsOf(meeting: MeetingWithSessions): { id: string | null; startsAt: Date; endsAt: Date }[] {
  if (!meeting.sessions || meeting.sessions.length === 0) return [{ id: null, startsAt: meeting.startsAt, endsAt: meeting.endsAt }];
  return [...meeting.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export function carriesJoinLink(kind: RegistrantEmailKind, meeting: Pick<Meeting, "personalJoinLinks">): boolean {
  return meeting.personalJoinLinks && KINDS_WITH_CONNECTION.has(kind);
}

export function joinUrl(appUrl: string, token: string): string {
  return `${appUrl}/join/${token}`;
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

export function emailLanguage(locale: Locale): EmailLanguage {
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

/** The mark an email puts on an organizer's text that is not in the email's language. */
function textMark(text: LocalizedText, locale: Locale): TextMark | undefined {
  const mark = languageMark(text, locale);
  return mark.lang && mark.dir ? { lang: mark.lang, dir: mark.dir } : undefined;
}

export function meetingFacts(meeting: MeetingWithSessions, locale: Locale, appUrl: string): MeetingFacts {
  const t = meetingTranslator(locale);
  // The organizers' texts in the reader's language, or in the meeting's own, marked as such.
  const texts = meetingTextsFor(meeting, locale);
  return {
    title: texts.title.text,
    shortName: meeting.shortName,
    dates: meetingDates(meeting, locale),
    format: t(`formats.${meeting.format}`),
    languages: texts.languages.text,
    fee: texts.fee.text,
    marks: {
      title: textMark(texts.title, locale),
      languages: textMark(texts.languages, locale),
      fee: textMark(texts.fee, locale),
    },
    contactName: texts.contactName.text,
    contactEmail: meeting.contactEmail,
    homePageUrl: meeting.homePageUrl,
    meetingUrl: `${appUrl}/meetings/${meeting.slug}`,
    sessions: meeting.sessions?.length
      ? sessionsOf(meeting).map((session) => formatSession(session.startsAt, session.endsAt, meeting.timeZone, locale))
      : undefined,
  };
}

/**
 * The connection section of an email. With a personal join link (`personalJoinUrl`), the platform's
 * own link, meeting ID and passcode are left out: whoever holds them can join without the
 * personal link, which is what lets a withdrawn or rejected registrant be kept out. The meeting ID
 * goes too, since on platforms without a passcode it is enough to join. Dial-in numbers stay.
 */
export function connectionInstructions(meeting: Meeting, locale: Locale, personalJoinUrl: string | null = null): ConnectionInstructions {
  const notes = meetingText(meeting, "connectionNotes", locale);
  const personal = personalJoinUrl !== null;
  return {
    personalJoinUrl,
    joinUrl: personal ? null : meeting.connectionJoinUrl,
    meetingId: personal ? null : meeting.connectionMeetingId,
    passcode: personal ? null : meeting.connectionPasscode,
    dialIn: meeting.connectionDialIn,
    notes: notes?.text ?? null,
    notesMark: notes ? textMark(notes, locale) : undefined,
  };
}

/**
 * The calendar UID of one session of a registration: stable, so each email about the
 * registration updates the same entries. A meeting without sessions keeps the UID it always had.
 */
export function calendarUid(registrationId: string, sessionId: string | null, appUrl: string): string {
  const host = new URL(appUrl).hostname;
  return sessionId === null ? `${registrationId}@${host}` : `${registrationId}.${sessionId}@${host}`;
}

/**
 * One calendar entry per session of the registration (its UID). A schedule update also cancels
 * the sessions the organizers removed and, once the meeting has sessions, the single entry it had
 * before it had any: calendars keep whatever an update does not take out.
 */
function calendarFor(options: {
  method: CalendarMethod;
  kind: RegistrantEmailKind;
  meeting: MeetingWithSessions;
  /** The meeting's facts as the email shows them, in the registrant's language. */
  facts: MeetingFacts;
  registration: { id: string; email: string; reference: string };
  locale: Locale;
  name: string;
  appUrl: string;
  now: Date;
}): string {
  const { meeting, facts, appUrl } = options;
  const registrationId = options.registration.id;
  const events: CalendarEntry[] = sessionsOf(meeting).map((session) => ({
    uid: calendarUid(registrationId, session.id, appUrl),
    startsAt: session.startsAt,
    endsAt: session.endsAt,
  }));
  if (options.kind === "schedule-updated" && options.method === "REQUEST") {
    const removed = meeting.removedSessions ?? [];
    for (const session of removed)
      events.push({
        uid: calendarUid(registrationId, session.id, appUrl),
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        cancelled: true,
      });
    if (meeting.sessions?.length)
      events.push({ uid: calendarUid(registrationId, null, appUrl), startsAt: meeting.startsAt, endsAt: meeting.endsAt, cancelled: true });
  }
  return buildCalendar({
    method: options.method,
    sequence: calendarSequence(options.now),
    events,
    summary: facts.title,
    description: emailTranslator(options.locale)("calendarDescription", {
      meeting: meeting.shortName,
      reference: options.registration.reference,
      url: facts.meetingUrl,
    }),
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
 * null for the kinds that carry no link. `joinToken` likewise, for the kinds that carry a personal
 * join link (carriesJoinLink): always a new one, stored by the caller in the same transaction.
 */
export async function buildRegistrantEmail(options: {
  kind: RegistrantEmailKind;
  meeting: MeetingWithSessions;
  registration: Pick<Registration, "id" | "email" | "givenName" | "familyName" | "reference" | "locale">;
  manageToken: string | null;
  joinToken?: string | null;
  appUrl: string;
  now: Date;
  reason?: string;
  /** For a reminder: the start of the first session it reminds of. */
  startsAt?: Date;
}): Promise<OwedEmail> {
  const { kind, meeting, registration, appUrl } = options;
  if (options.manageToken === null && carriesManageLink(kind)) throw new Error(`A "${kind}" email needs a manage link`);
  const joinToken = options.joinToken ?? null;
  if (joinToken === null && carriesJoinLink(kind, meeting)) throw new Error(`A "${kind}" email needs a personal join link`);
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
    manageUrl: options.manageToken === null ? "" : manageUrl(appUrl, options.manageToken, locale),
  };
  const connection = connectionInstructions(meeting, locale, joinToken === null ? null : joinUrl(appUrl, joinToken));
  const rendered = await (() => {
    switch (kind) {
      case "registration-confirmed":
        return registrationConfirmedEmail({ ...props, connection });
      case "registration-approved":
        return registrationApprovedEmail({ ...props, connection });
      case "connection-updated":
        return connectionUpdatedEmail({ ...props, connection });
      case "schedule-updated":
        return scheduleUpdatedEmail({ ...props, connection });
      case "meeting-reminder":
        return meetingReminderEmail({
          ...props,
          connection,
          startsAt: formatInstant(options.startsAt ?? meeting.startsAt, meeting.timeZone, locale),
        });
      case "registration-received":
        return registrationReceivedEmail(props);
      case "registration-awaiting-focal-point":
        return registrationAwaitingFocalPointEmail(props);
      case "registration-focal-point-approved":
        return registrationFocalPointApprovedEmail(props);
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
    priority:
      kind === "connection-updated" || kind === "schedule-updated" || kind === "meeting-reminder"
        ? EMAIL_PRIORITY.bulk
        : EMAIL_PRIORITY.registrant,
    toAddress: registration.email,
    toName: name,
    ics: method
      ? calendarFor({ method, kind, meeting, facts: props.meeting, registration, locale, name, appUrl, now: options.now })
      : undefined,
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
