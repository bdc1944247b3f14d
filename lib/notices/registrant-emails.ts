import "server-only";
// Builds the emails owed to a registrant from stored rows: the bridge between the data and the
// pure templates in emails/. Links come from APP_URL only, never from the request.
import type { Meeting, Registration } from "@/generated/prisma/client.ts";
import { buildIcs } from "@/emails/ics.ts";
import { oneLine } from "@/emails/layout.ts";
import {
  alreadyRegisteredEmail,
  type ConnectionInstructions,
  connectionUpdatedEmail,
  type MeetingFacts,
  registrationApprovedEmail,
  registrationConfirmedEmail,
  registrationReceivedEmail,
  registrationRejectedEmail,
  registrationWithdrawnEmail,
} from "@/emails/registrant-emails.ts";
import { type Locale, isLocale, DEFAULT_LOCALE } from "@/lib/i18n/config.ts";
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
  | "connection-updated";

export function manageUrl(appUrl: string, token: string): string {
  return `${appUrl}/manage/${token}`;
}

export function meetingFacts(meeting: Meeting, locale: Locale, appUrl: string): MeetingFacts {
  const t = getTranslator(locale, "meeting");
  return {
    title: meeting.title,
    shortName: meeting.shortName,
    dates: formatMeetingDates(meeting.startsAt, meeting.endsAt, meeting.timeZone, locale),
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

function calendarFor(meeting: Meeting, appUrl: string, now: Date): string {
  return buildIcs({
    uid: `${meeting.id}@${new URL(appUrl).hostname}`,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    summary: meeting.title,
    description: `${meeting.shortName} – ${appUrl}/meetings/${meeting.slug}`,
    url: meeting.homePageUrl ?? `${appUrl}/meetings/${meeting.slug}`,
    organizerEmail: meeting.contactEmail,
    organizerName: meeting.contactName,
    now,
  });
}

/**
 * The email of `kind` for this registration. `manageToken` is the fresh raw token whose hash the
 * caller stores in the same transaction.
 */
export function buildRegistrantEmail(options: {
  kind: RegistrantEmailKind;
  meeting: Meeting;
  registration: Pick<Registration, "id" | "email" | "givenName" | "familyName" | "reference" | "locale">;
  manageToken: string;
  appUrl: string;
  now: Date;
  reason?: string;
}): OwedEmail {
  const { kind, meeting, registration, appUrl } = options;
  const locale = isLocale(registration.locale) ? registration.locale : DEFAULT_LOCALE;
  // Names were validated as one line when typed; flatten again in case a row predates that rule.
  const registrant = {
    ...registration,
    givenName: oneLine(registration.givenName, 100),
    familyName: oneLine(registration.familyName, 100),
  };
  const props = {
    t: getTranslator(locale, "emails"),
    locale,
    meeting: meetingFacts(meeting, locale, appUrl),
    registrant,
    manageUrl: manageUrl(appUrl, options.manageToken),
  };
  const connection = connectionInstructions(meeting);
  const rendered = (() => {
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
    }
  })();
  const withCalendar = kind === "registration-confirmed" || kind === "registration-approved" || kind === "connection-updated";
  return {
    ...rendered,
    kind,
    priority: kind === "connection-updated" ? EMAIL_PRIORITY.bulk : EMAIL_PRIORITY.registrant,
    toAddress: registration.email,
    toName: `${registrant.givenName} ${registrant.familyName}`,
    ics: withCalendar ? calendarFor(meeting, appUrl, options.now) : undefined,
    meetingId: meeting.id,
    registrationId: registration.id,
  };
}
