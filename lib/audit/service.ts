import "server-only";
// The one way to write an audit entry: a catalogued action, who did it, and what changed, with
// secrets masked (lib/audit/mask.ts). Call it with the transaction that makes the change, so the
// entry exists if and only if the change does.
import type { Prisma } from "@/generated/prisma/client.ts";
import { AUDIT_ACTIONS, type AuditAction, type AuditActor } from "@/lib/audit/catalogue.ts";
import { maskSecrets } from "@/lib/audit/mask.ts";

type AuditWriter = Pick<Prisma.TransactionClient, "auditEntry">;
type Values = Record<string, unknown> | null | undefined;

export type AuditRecord = {
  meetingId: string | null;
  actor: AuditActor;
  action: AuditAction;
  entityId: string;
  before?: Values;
  after?: Values;
  at: Date;
};

function actorColumns(actor: AuditActor): { actorUserId: string | null; actorLabel: string } {
  if (actor.kind === "organizer") return { actorUserId: actor.userId, actorLabel: actor.email };
  if (actor.kind === "focal-point") return { actorUserId: null, actorLabel: actor.email };
  return { actorUserId: null, actorLabel: actor.kind };
}

function json(values: Values): Prisma.InputJsonValue | undefined {
  if (!values || Object.keys(values).length === 0) return undefined;
  // Dates become ISO strings and undefined fields disappear, as JSON has them.
  return maskSecrets(JSON.parse(JSON.stringify(values))) as Prisma.InputJsonValue;
}

export async function recordAudit(tx: AuditWriter, record: AuditRecord): Promise<void> {
  await tx.auditEntry.create({
    data: {
      meetingId: record.meetingId,
      ...actorColumns(record.actor),
      action: record.action,
      entityType: AUDIT_ACTIONS[record.action],
      entityId: record.entityId,
      before: json(record.before),
      after: json(record.after),
      createdAt: record.at,
    },
  });
}

/** The fields of `after` whose values differ from `before`, as a before/after pair. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Values; after: Values } {
  const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, after[key]])),
  };
}
