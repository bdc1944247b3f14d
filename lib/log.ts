// Structured, one-line log events. Values are JSON-encoded, so text typed by visitors cannot forge
// a log line; never pass tokens, passwords or email bodies.
import { createHash } from "node:crypto";
import { isUuid } from "@/lib/forms/ids.ts";

export function logEvent(event: string, fields: Record<string, string | number | boolean | null | undefined> = {}): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
}

/**
 * Security events (ASVS 5 16.3): authentication, refused access, refused requests, throttling.
 * Each says who (an organizer's user id, an organizer's address, or the client address), what and
 * where — what an investigation needs, and no secret: never a token, a cookie or a link; an
 * address that is not known to be an organizer's only as pseudonymizeAddress() gives it.
 */
export type SecurityEvents = {
  /** A sign-in link was queued for an organizer. */
  "auth.sign-in-link.sent": { email: string };
  /** A link was asked for an address that is not an organizer's: nothing was sent. */
  "auth.sign-in-link.ignored": { address: string };
  /** Too many links asked for one address this hour: nothing was sent. */
  "auth.sign-in-link.throttled": { address: string };
  "auth.sign-in": { userId: string; email: string };
  "auth.sign-in.refused": { reason: "invalid-or-expired-link" | "not-an-organizer"; userId?: string };
  "auth.sign-out": { userId: string };
  /** A signed-in organizer asked for a meeting they have no role on, or a role too low. */
  "access.denied": { userId: string; meetingId: string; permission: string; role?: string };
  "request.cross-origin-refused": { method: string; path: string; client: string; origin?: string; fetchSite?: string };
  "request.rate-limited": { rule: string; method: string; path: string; client: string };
  /** An uploaded input document was refused for its content (not an allowed type, encrypted, zip bomb …). */
  "document.file-refused": { problem: string; size: number };
};

const MAX_VALUE_LENGTH = 200;

export function logSecurityEvent<Event extends keyof SecurityEvents>(event: Event, fields: SecurityEvents[Event]): void {
  const entry: Record<string, string> = { time: new Date().toISOString(), category: "security", event };
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) entry[name] = String(value).slice(0, MAX_VALUE_LENGTH);
  }
  console.log(JSON.stringify(entry));
}

/**
 * An email address as security logs keep it when it may not be an organizer's: the domain (is
 * one organization targeted?) and 48 bits of its SHA-256 (is it the same address again?), so an
 * investigator who has a suspect address can match it, and the log does not list people's
 * addresses.
 */
export function pseudonymizeAddress(email: string): string {
  const address = email.trim().toLowerCase();
  const hash = createHash("sha256").update(address).digest("hex").slice(0, 12);
  const at = address.lastIndexOf("@");
  return at === -1 ? hash : `${hash}@${address.slice(at + 1)}`;
}

const TOKEN_PATH = /^\/(manage|join)\/[^/]+/;

/**
 * A request path fit for a log: no query string (sign-in links carry their token there), the
 * token of /manage/… and /join/… links replaced, and any other long random-looking segment too.
 * Meeting ids (UUIDs) stay: they are not secrets and say what was asked for.
 */
export function loggablePath(path: string): string {
  const pathname = path.split(/[?#]/, 1)[0] ?? "";
  return pathname
    .replace(TOKEN_PATH, "/$1/[token]")
    .split("/")
    .map((segment) => (segment.length >= 32 && /^[A-Za-z0-9_-]+$/.test(segment) && !isUuid(segment) ? "[token]" : segment))
    .join("/");
}
