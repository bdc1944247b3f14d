import "server-only";
// The audit log as organizers read it: newest first, secrets masked again on the way out (rows
// written before a field was known to be secret included).
import { type AuditLogEntry, isAuditAction } from "@/lib/audit/catalogue.ts";
import { maskSecrets } from "@/lib/audit/mask.ts";
import type { Database } from "@/lib/db/client.ts";

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? maskSecrets(value as Record<string, unknown>) : null;

/** A meeting's entries, or only those about one thing of it (`entityId`, e.g. a registration). */
export async function listAuditEntries(
  db: Database,
  meetingId: string,
  options: { entityId?: string; limit?: number } = {},
): Promise<AuditLogEntry[]> {
  const rows = await db.auditEntry.findMany({
    where: { meetingId, ...(options.entityId ? { entityId: options.entityId } : {}) },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 500,
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    actorLabel: row.actorLabel,
    action: row.action,
    known: isAuditAction(row.action),
    entityType: row.entityType,
    entityId: row.entityId,
    before: asRecord(row.before),
    after: asRecord(row.after),
  }));
}
