// Pure rules of email delivery: what a failure means and when to try again.

/** How long after queuing the worker keeps retrying a transient failure before giving up. */
export const RETRY_FOR_MS = 48 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 15_000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;

export type DeliveryFailure = { permanent: boolean; summary: string };

/**
 * SMTP 5xx answers are permanent (the address or message is refused); 4xx answers, refused
 * connections, timeouts and anything else are transient and retried.
 */
export function classifyDeliveryError(error: unknown): DeliveryFailure {
  const details = (typeof error === "object" && error !== null ? error : { message: String(error) }) as {
    responseCode?: number;
    code?: string;
    response?: string;
    message?: string;
  };
  const responseCode = typeof details.responseCode === "number" ? details.responseCode : undefined;
  const summary = [responseCode, details.code, details.response ?? details.message]
    .filter((part) => part !== undefined && part !== "")
    .join(" ")
    .replaceAll(/[\r\n]+/g, " ")
    .slice(0, 1000);
  return { permanent: responseCode !== undefined && responseCode >= 500 && responseCode < 600, summary: summary || "unknown error" };
}

/**
 * Exponential backoff with full jitter: 15 s, 30 s, 1 min … capped at 1 h, each drawn uniformly
 * from [half, full] so that many failed emails do not retry in lockstep.
 */
export function nextAttemptDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export function shouldGiveUp(queuedAt: Date, now: Date): boolean {
  return now.getTime() - queuedAt.getTime() > RETRY_FOR_MS;
}

/** What a link that carried a secret reads as in a stored email once it has been sent. */
export const REMOVED_LINK = "[link removed after sending]";

// An absolute link as it stands in plain text or in an HTML attribute: up to a space, a quote or
// an angle bracket.
const ABSOLUTE_LINK = /https?:\/\/[^\s"'<>]+/gi;
// Punctuation that ends a sentence after a link in plain text, not part of the link.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/**
 * Whether a link works as a credential: a manage or join link (its last path part is the token),
 * or any link with a `token` parameter (sign-in links, ours and Auth.js's). On any host: a stored
 * copy that loses a harmless link costs nothing, one that keeps a working link is a leak.
 */
function carriesSecret(link: string): boolean {
  const unescaped = link.replaceAll("&amp;", "&");
  try {
    const url = new URL(unescaped);
    return /\/(?:manage|join)\/[^/]+/.test(url.pathname) || url.searchParams.has("token");
  } catch {
    return /\/(?:manage|join)\/[^/?#]+|[?&]token=/.test(unescaped);
  }
}

/**
 * The stored text of an email after it is sent (or given up): every link that carries a secret
 * is replaced by REMOVED_LINK, so the outbox keeps a record of what was sent but no working link.
 */
export function redactSecretLinks(text: string): string {
  return text.replace(ABSOLUTE_LINK, (match) => {
    const trailing = TRAILING_PUNCTUATION.exec(match)?.[0] ?? "";
    const link = match.slice(0, match.length - trailing.length);
    return carriesSecret(link) ? REMOVED_LINK + trailing : match;
  });
}

/**
 * Stored failures (OutboxEmail.lastError, a DeliveryFailure summary, which starts with the SMTP
 * code when there was one) that said nothing about the email itself: no SMTP answer at all
 * (refused, timed out, TLS) or 421, the server closing for everyone. Only these wait for the
 * server to come back; a 450–452 for one mailbox keeps its backoff. A POSIX regular expression,
 * so PostgreSQL applies the same rule.
 */
export const SERVER_DOWN_FAILURE = "^(421 |[^0-9])";

export function isServerDownFailure(summary: string): boolean {
  return new RegExp(SERVER_DOWN_FAILURE).test(summary);
}

/** After a delivery succeeds following failures, the retrying backlog is due within this spread. */
export const RECOVERY_SPREAD_MS = 30_000;
/** When nothing is due, one retrying email is sent early, at most this often, to see whether the server is back. */
export const PROBE_INTERVAL_MS = 60_000;
/** MAIL_RATE_PER_MINUTE is counted in fixed windows of this length, shared by every worker. */
export const RATE_WINDOW_MS = 60_000;

export function rateWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS);
}
