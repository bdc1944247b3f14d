// The calendar entry attached to a registrant's emails (RFC 5545, written by ical-generator):
// METHOD:REQUEST puts the meeting in the registrant's calendar or updates it, METHOD:CANCEL takes
// it out again (iTIP, RFC 5546). One VEVENT per session of the meeting, each with a UID stable per
// registration and session, so every email about a registration updates the same entries, and
// SEQUENCE grows with each one, so a calendar never lets an older email undo a newer one. Times are written in UTC, so every calendar shows them in its own zone.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";

export type CalendarMethod = "REQUEST" | "CANCEL";

export type CalendarEvent = {
  method: CalendarMethod;
  uid: string;
  /** calendarSequence(now) of the email: a later email always has a higher one. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  url?: string | null;
  organizerEmail?: string | null;
  organizerName?: string | null;
  /** The registrant. iTIP requests and cancellations name whom they are for. */
  attendeeEmail?: string | null;
  attendeeName?: string | null;
  now: Date;
};

const SEQUENCE_EPOCH = Date.UTC(2000, 0, 1);

/**
 * SEQUENCE for an email built at `now`: seconds since 2000. Nothing has to be stored to make it
 * grow from one email about a registration to the next (confirmed, new instructions, withdrawn,
 * registered again), and it stays below 2^31, which some calendars keep it in, until 2068.
 */
export function calendarSequence(now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - SEQUENCE_EPOCH) / 1000));
}

// The library escapes TEXT values (SUMMARY, DESCRIPTION) and folds lines. The rest is not TEXT:
// a URI or address cannot be escaped, only refused, so one with anything outside its own syntax
// (spaces, line breaks, quotes) is left out rather than allowed to add lines to the calendar.
const MAIL_ADDRESS = /^[\x21-\x7e]+@[\x21-\x7e]+$/;
const FORBIDDEN_IN_ADDRESS = /[;:,"\\<>]/;

function safeAddress(address: string | null | undefined): string | null {
  if (!address || !MAIL_ADDRESS.test(address) || FORBIDDEN_IN_ADDRESS.test(address)) return null;
  return address;
}

/** A CN parameter is quoted and cannot be escaped: no quotes, separators or control characters. */
function safeName(name: string | null | undefined, fallback: string): string {
  const cleaned = (name ?? "")
    .replaceAll(/[\p{Cc}\u2028\u2029";:,\\]+/gu, " ")
    .replaceAll(/\s+/g, " ")
    .trim();
  return cleaned || fallback;
}

function safeUrl(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\/[\x21-\x7e]+$/i.test(url) || url.includes("\\")) return null;
  // The library escapes ',' and ';' as if the URL were text, which would change it: percent-encode them.
  return url.replaceAll(",", "%2C").replaceAll(";", "%3B");
}

export function buildIcs(event: CalendarEvent): string {
  const { uid, startsAt, endsAt, ...invite } = event;
  return buildCalendar({ ...invite, events: [{ uid, startsAt, endsAt }] });
}

/** One entry of a calendar: a session of the meeting (or the whole meeting) under its own UID. */
export type CalendarEntry = {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  /**
   * In a request: a session the organizers removed, sent as cancelled (STATUS:CANCELLED, the
   * attendee declined) so that calendars take it out while the same email updates the others.
   */
  cancelled?: boolean;
};

export type CalendarInvite = Omit<CalendarEvent, "uid" | "startsAt" | "endsAt"> & { events: readonly CalendarEntry[] };

/**
 * A calendar with one VEVENT per entry, all with the invite's method, SEQUENCE and texts. With
 * METHOD:CANCEL every entry is cancelled (a withdrawal or rejection takes out every session).
 */
export function buildCalendar(invite: CalendarInvite): string {
  for (const { uid } of invite.events)
    if (!/^[\x21-\x7e]+$/.test(uid) || /[;:,\\]/.test(uid)) throw new Error(`Unsafe calendar UID ${JSON.stringify(uid)}`);
  const calendar = ical({
    prodId: "//Quorum//Meeting registration//EN",
    method: invite.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const organizerEmail = safeAddress(invite.organizerEmail);
  const attendeeEmail = safeAddress(invite.attendeeEmail);
  const url = safeUrl(invite.url);
  for (const entry of invite.events) {
    const cancelled = invite.method === "CANCEL" || entry.cancelled === true;
    calendar.createEvent({
      id: entry.uid,
      sequence: invite.sequence,
      stamp: invite.now,
      start: entry.startsAt,
      end: entry.endsAt,
      summary: invite.summary,
      description: invite.description,
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: organizerEmail ? { email: organizerEmail, name: safeName(invite.organizerName, organizerEmail) } : null,
      // Registered is attending: no reply is asked for, so calendars do not answer the organizers.
      attendees: attendeeEmail
        ? [
            {
              email: attendeeEmail,
              name: safeName(invite.attendeeName, attendeeEmail),
              role: ICalAttendeeRole.REQ,
              status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
              rsvp: false,
            },
          ]
        : [],
    });
  }
  // Every content line ends with CRLF (RFC 5545 §3.1), the last one too.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
