// RFC 5545 calendar entry for a meeting, attached to confirmation emails. Times are written in UTC
// so every calendar shows them in its own zone correctly.

export type CalendarEvent = {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  url?: string | null;
  organizerEmail?: string | null;
  organizerName?: string | null;
  now: Date;
};

const utcStamp = (instant: Date) =>
  instant
    .toISOString()
    .replaceAll(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** Escape TEXT values (RFC 5545 §3.3.11); line breaks become \n. */
export function escapeIcsText(text: string): string {
  return text
    .replaceAll("\\", "\\\\")
    .replaceAll(";", "\\;")
    .replaceAll(",", "\\,")
    .replaceAll(/\r\n|\r|\n/g, "\\n");
}

/** Fold content lines at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character. */
function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const chunks: string[] = [];
  let current = "";
  let currentBytes = 0;
  for (const character of line) {
    const bytes = encoder.encode(character).length;
    const limit = chunks.length === 0 ? 75 : 74; // continuation lines start with a space
    if (currentBytes + bytes > limit) {
      chunks.push(current);
      current = "";
      currentBytes = 0;
    }
    current += character;
    currentBytes += bytes;
  }
  chunks.push(current);
  return chunks.join("\r\n ");
}

export function buildIcs(event: CalendarEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Quorum//Meeting registration//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${escapeIcsText(event.uid)}`,
    `DTSTAMP:${utcStamp(event.now)}`,
    `DTSTART:${utcStamp(event.startsAt)}`,
    `DTEND:${utcStamp(event.endsAt)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
  ];
  // URI values cannot be escaped, only refused: a URL or address with anything outside its own
  // syntax (spaces, line breaks) is left out rather than allowed to add lines to the calendar.
  if (event.url && /^https?:\/\/[\x21-\x7e]+$/.test(event.url)) lines.push(`URL:${event.url}`);
  if (event.organizerEmail && /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(event.organizerEmail) && !/[;:,"\\]/.test(event.organizerEmail)) {
    const name = (event.organizerName ?? "").replaceAll(/[\p{Cc}";:,\\]/gu, " ").trim();
    lines.push(`ORGANIZER${name ? `;CN="${name}"` : ""}:mailto:${event.organizerEmail}`);
  }
  lines.push("END:VEVENT", "END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
