import "server-only";
// Fixed-window counters in PostgreSQL, so that every app instance shares the same limits.
import type { Database } from "@/lib/db/client.ts";

export type RateLimitRule = { name: string; limit: number; windowMs: number };

/** Limits per client address. Generous for people, tight for scripts. */
export const RATE_LIMITS = {
  register: { name: "register", limit: 20, windowMs: 10 * 60 * 1000 },
  manage: { name: "manage", limit: 60, windowMs: 10 * 60 * 1000 },
  /** Focal points' decision links (/fp/<token>): opening and deciding, a few requests per registration. */
  focalPointDecision: { name: "focal-point-decision", limit: 60, windowMs: 10 * 60 * 1000 },
  /** Personal join links: a delegate reopens theirs a few times a day, a guesser needs 2^256 tries. */
  join: { name: "join", limit: 60, windowMs: 10 * 60 * 1000 },
  signIn: { name: "sign-in", limit: 10, windowMs: 60 * 60 * 1000 },
  /** Per email address, not per client: at most this many sign-in links an hour, then silently none (no mail bombing). */
  signInAddress: { name: "sign-in-address", limit: 3, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>;

export type RateLimitVerdict = { allowed: boolean; hits: number; retryAfterSeconds: number };

/** Count one request against `rule` for `subject` and say whether it is within the limit. */
export async function hitRateLimit(db: Database, rule: RateLimitRule, subject: string, now: Date): Promise<RateLimitVerdict> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const key = `${rule.name}:${subject}`.slice(0, 200);
  const [row] = await db.$queryRaw<{ hits: number }[]>`
    INSERT INTO "RateLimitBucket" (key, "windowStart", hits) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, "windowStart") DO UPDATE SET hits = "RateLimitBucket".hits + 1
    RETURNING hits`;
  const hits = row?.hits ?? 1;
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + rule.windowMs - now.getTime()) / 1000);
  return { allowed: hits <= rule.limit, hits, retryAfterSeconds };
}

/** Forget finished windows (run by the daily maintenance job). */
export async function pruneRateLimits(db: Database, now: Date): Promise<number> {
  const result = await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } });
  return result.count;
}
