import "server-only";
// The daily housekeeping job: personal data is erased once a meeting's retention period is over
// (default 90 days after it ends; anonymous counts stay), and spent security records are removed.
import type { Database } from "@/lib/db/client.ts";
import { recordAudit } from "@/lib/audit/service.ts";

export type MaintenanceReport = {
  erasedRegistrations: number;
  deletedEmails: number;
  deletedSignInEmails: number;
  deletedDevMailboxMessages: number;
  deletedSessions: number;
  deletedTokens: number;
  deletedRateLimits: number;
  deletedFocalPointImports: number;
};

/**
 * A sign-in email is worth nothing once its link has expired: SIGN_IN_LINK_MINUTES of
 * lib/auth/config.ts, not imported (that would load Auth.js into the worker) but held equal by
 * tests/integration/maintenance.test.ts.
 */
export const SIGN_IN_EMAIL_LIFETIME_MS = 10 * 60 * 1000;
/** Kind of the outbox email that carries a sign-in link (lib/auth/config.ts). */
const SIGN_IN_EMAIL_KIND = "sign-in-link";
/** The dev mailbox shows every link the app sent: a developer's week of testing, then gone. */
export const DEV_MAILBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export async function runDailyMaintenance(db: Database, now: Date): Promise<MaintenanceReport> {
  // Meetings whose retention period ended: endsAt + retentionDays < now.
  const expired = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Meeting" WHERE "endsAt" + make_interval(days => "retentionDays") < ${now}`;
  let erasedRegistrations = 0;
  let deletedEmails = 0;
  for (const { id } of expired) {
    const [, emails, erased] = await db.$transaction([
      // Audit entries of registrant changes hold the changed values: keep what happened, drop the values.
      db.$executeRaw`UPDATE "AuditEntry" SET before = NULL, after = NULL WHERE "meetingId" = ${id}::uuid AND "entityType" = 'registration'`,
      // Sent emails hold names, addresses and manage links: they go with the data.
      db.outboxEmail.deleteMany({ where: { meetingId: id } }),
      // Erased registrations open no page: their manage links are deleted in the same statement.
      db.$executeRaw`
        WITH links AS (
          DELETE FROM "ManageLink" l USING "Registration" r
          WHERE l."registrationId" = r.id AND r."meetingId" = ${id}::uuid AND r."erasedAt" IS NULL
        )
        UPDATE "Registration" SET
          email = 'erased-' || id || '@erased.invalid', "givenName" = '', "familyName" = '', organization = NULL,
          "jobTitle" = NULL, "accessibilityOther" = NULL, "decisionReason" = NULL, "submissionKey" = NULL, "erasedAt" = ${now}
        WHERE "meetingId" = ${id}::uuid AND "erasedAt" IS NULL`,
    ]);
    deletedEmails += emails.count;
    erasedRegistrations += erased;
    if (erased > 0) {
      await recordAudit(db, {
        meetingId: id,
        actor: { kind: "system" },
        action: "registrations.erased",
        entityId: id,
        after: { erased },
        at: now,
      });
    }
  }
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const signInExpired = new Date(now.getTime() - SIGN_IN_EMAIL_LIFETIME_MS);
  const [sessions, tokens, rateLimits, signInEmails, devMailbox, focalPointImports] = await db.$transaction([
    db.session.deleteMany({ where: { expires: { lt: now } } }),
    db.verificationToken.deleteMany({ where: { expires: { lt: now } } }),
    db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: dayAgo } } }),
    // Sign-in emails belong to no meeting, so no retention period deletes them: they go once
    // expired, sent or not (an expired link is no use to deliver).
    db.outboxEmail.deleteMany({ where: { kind: SIGN_IN_EMAIL_KIND, createdAt: { lt: signInExpired } } }),
    db.devMailboxMessage.deleteMany({
      where: {
        OR: [
          { createdAt: { lt: new Date(now.getTime() - DEV_MAILBOX_RETENTION_MS) } },
          { kind: SIGN_IN_EMAIL_KIND, createdAt: { lt: signInExpired } },
        ],
      },
    }),
    // An uploaded focal-point list waits a day for its preview to be confirmed (lib/focal-points/queries.ts).
    db.focalPointImport.deleteMany({ where: { createdAt: { lt: dayAgo } } }),
  ]);
  return {
    erasedRegistrations,
    deletedEmails,
    deletedSignInEmails: signInEmails.count,
    deletedDevMailboxMessages: devMailbox.count,
    deletedSessions: sessions.count,
    deletedTokens: tokens.count,
    deletedRateLimits: rateLimits.count,
    deletedFocalPointImports: focalPointImports.count,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Run the job now and then once a day, in the worker process; errors are logged, never fatal.
 * `alsoDaily` is a daily task of a feature above this floor (the scripts pass the input-document
 * digests, lib/documents/digest.ts), run after the housekeeping with the same `now`.
 */
export function scheduleDailyMaintenance(
  db: Database,
  log: (line: string) => void,
  alsoDaily?: (now: Date) => Promise<Record<string, number>>,
): () => void {
  const run = () => {
    const now = new Date();
    return runDailyMaintenance(db, now)
      .then(async (report) => log(`[maintenance] ${JSON.stringify(alsoDaily ? { ...report, ...(await alsoDaily(now)) } : report)}`))
      .catch((error: unknown) => log(`[maintenance] failed: ${(error as Error).message}`));
  };
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
