import "server-only";
// The daily housekeeping job: personal data is erased once a meeting's retention period is over
// (default 90 days after it ends; anonymous counts stay), and spent security records are removed.
import type { Database } from "@/lib/db/client.ts";

export type MaintenanceReport = {
  erasedRegistrations: number;
  deletedEmails: number;
  deletedSessions: number;
  deletedTokens: number;
  deletedRateLimits: number;
};

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
      db.$executeRaw`
        UPDATE "Registration" SET
          email = 'erased-' || id || '@erased.invalid', "givenName" = '', "familyName" = '', organization = NULL,
          "jobTitle" = NULL, "accessibilityOther" = NULL, "decisionReason" = NULL, "submissionKey" = NULL,
          "manageTokenHash" = encode(sha256(('erased:' || id)::bytea), 'hex'), "erasedAt" = ${now}
        WHERE "meetingId" = ${id}::uuid AND "erasedAt" IS NULL`,
    ]);
    deletedEmails += emails.count;
    erasedRegistrations += erased;
    if (erased > 0) {
      await db.auditEntry.create({
        data: {
          meetingId: id,
          actorLabel: "system",
          action: "registrations.erased",
          entityType: "meeting",
          entityId: id,
          after: { erased },
          createdAt: now,
        },
      });
    }
  }
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const [sessions, tokens, rateLimits] = await db.$transaction([
    db.session.deleteMany({ where: { expires: { lt: now } } }),
    db.verificationToken.deleteMany({ where: { expires: { lt: now } } }),
    db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: dayAgo } } }),
  ]);
  return {
    erasedRegistrations,
    deletedEmails,
    deletedSessions: sessions.count,
    deletedTokens: tokens.count,
    deletedRateLimits: rateLimits.count,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Run the job now and then once a day, in the worker process; errors are logged, never fatal. */
export function scheduleDailyMaintenance(db: Database, log: (line: string) => void): () => void {
  const run = () =>
    runDailyMaintenance(db, new Date())
      .then((report) => log(`[maintenance] ${JSON.stringify(report)}`))
      .catch((error: unknown) => log(`[maintenance] failed: ${(error as Error).message}`));
  void run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
