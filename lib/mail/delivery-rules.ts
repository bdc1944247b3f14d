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
