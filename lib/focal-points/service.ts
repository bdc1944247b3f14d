import "server-only";
// Keeping the list of focal points: add, change and remove one, and import a list (CSV) after a
// preview. One set of rules for the console (lib/focal-points/actions.ts) and for
// `npm run focal-points` (scripts/focal-points.ts); every change is audited with who made it.
import { Prisma } from "@/generated/prisma/client.ts";
import type { AuditActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { type ParsedList, parseFocalPointList } from "@/lib/focal-points/import.ts";
import { type FocalPointEntry, type ImportChange, organizationKey, planImport, scopeKey } from "@/lib/focal-points/rules.ts";
import type { FocalPointInput } from "@/lib/focal-points/schema.ts";

type Tx = Prisma.TransactionClient;
export type FocalPointActor = Extract<AuditActor, { kind: "organizer" } | { kind: "command-line" }>;

/** The columns a focal point's scope and aliases are stored in. */
function scopeColumns(entry: Pick<FocalPointEntry, "scope">, aliases: readonly string[]) {
  const { scope } = entry;
  return {
    memberState: "memberState" in scope ? scope.memberState : null,
    organization: "organization" in scope ? scope.organization : null,
    scopeKey: scopeKey(scope),
    aliases: [...aliases],
    aliasKeys: [...new Set(aliases.map(organizationKey).filter(Boolean))],
  };
}

/** What the audit log keeps of a focal point. */
function audited(point: {
  email: string;
  name: string;
  memberState: string | null;
  organization: string | null;
  role: string;
  locale: string;
  allMeetings: boolean;
  aliases: string[];
}) {
  return {
    email: point.email,
    name: point.name,
    memberState: point.memberState,
    organization: point.organization,
    aliases: point.aliases,
    role: point.role,
    locale: point.locale,
    allMeetings: point.allMeetings,
  };
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export type SaveResult = { ok: true; id: string } | { ok: false; reason: "duplicate" | "not-found" | "unknown-meeting" };

/** Add a focal point, or change the one with `id`. The same person twice for one scope is refused. */
export async function saveFocalPoint(
  db: Database,
  options: { id?: string; input: FocalPointInput; actor: FocalPointActor; now: Date },
): Promise<SaveResult> {
  const { input, actor, now } = options;
  try {
    return await db.$transaction(async (tx) => {
      if (input.meetingIds.length > 0) {
        const found = await tx.meeting.count({ where: { id: { in: input.meetingIds } } });
        if (found !== input.meetingIds.length) return { ok: false, reason: "unknown-meeting" } as const;
      }
      const data = {
        email: input.email,
        name: input.name,
        role: input.role,
        locale: input.locale,
        allMeetings: input.allMeetings,
        ...scopeColumns(input, input.aliases),
      };
      const meetings = { create: input.meetingIds.map((meetingId) => ({ meetingId })) };
      if (!options.id) {
        const created = await tx.focalPoint.create({ data: { ...data, meetings }, select: { id: true } });
        await recordAudit(tx, { meetingId: null, actor, action: "focal-point.added", entityId: created.id, after: audited(data), at: now });
        return { ok: true, id: created.id } as const;
      }
      const before = await tx.focalPoint.findUnique({ where: { id: options.id } });
      if (!before) return { ok: false, reason: "not-found" } as const;
      await tx.focalPointMeeting.deleteMany({ where: { focalPointId: before.id } });
      await tx.focalPoint.update({ where: { id: before.id }, data: { ...data, meetings } });
      await recordAudit(tx, {
        meetingId: null,
        actor,
        action: "focal-point.updated",
        entityId: before.id,
        before: audited(before),
        after: audited(data),
        at: now,
      });
      return { ok: true, id: before.id } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "duplicate" };
    throw error;
  }
}

/** Remove a focal point: they get no further requests (decisions they made stay as made). */
export async function removeFocalPoint(db: Database, options: { id: string; actor: FocalPointActor; now: Date }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const point = await tx.focalPoint.findUnique({ where: { id: options.id } });
    if (!point) return false;
    await tx.focalPoint.delete({ where: { id: point.id } });
    await recordAudit(tx, {
      meetingId: null,
      actor: options.actor,
      action: "focal-point.removed",
      entityId: point.id,
      before: audited(point),
      at: options.now,
    });
    return true;
  });
}

export type ImportPreview = { ok: true; changes: ImportChange[] } | Extract<ParsedList, { ok: false }>;

async function currentList(tx: Tx | Database) {
  return tx.focalPoint.findMany({ select: { id: true, email: true, name: true, scopeKey: true, role: true, locale: true } });
}

/** What importing `text` would change, without changing anything. */
export async function previewFocalPointImport(db: Database, text: string): Promise<ImportPreview> {
  const parsed = parseFocalPointList(text);
  if (!parsed.ok) return parsed;
  return { ok: true, changes: planImport(await currentList(db), parsed.rows) };
}

/**
 * Import `text`: read whole (any bad row and nothing changes), planned against the list as it is
 * inside the transaction, then every addition and update written with one audit entry each and
 * one for the import. Imported focal points act for all meetings; an update keeps their meetings
 * and aliases.
 */
export async function applyFocalPointImport(
  db: Database,
  options: { text: string; actor: FocalPointActor; now: Date; importId?: string },
): Promise<ImportPreview | { ok: false; reason: "already-applied" }> {
  const parsed = parseFocalPointList(options.text);
  if (!parsed.ok) return parsed;
  const { actor, now } = options;
  return db.$transaction(async (tx) => {
    if (options.importId) {
      const claimed = await tx.focalPointImport.updateMany({ where: { id: options.importId, appliedAt: null }, data: { appliedAt: now } });
      if (claimed.count !== 1) return { ok: false, reason: "already-applied" } as const;
    }
    // One import at a time: two at once would each plan against a list the other is changing.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('focal-point-import'))`;
    const changes = planImport(await currentList(tx), parsed.rows);
    for (const change of changes) {
      const { entry } = change;
      if (change.change === "add") {
        const data = {
          email: entry.email,
          name: entry.name,
          role: entry.role,
          locale: entry.locale,
          allMeetings: true,
          ...scopeColumns(entry, []),
        };
        const created = await tx.focalPoint.create({ data, select: { id: true } });
        await recordAudit(tx, { meetingId: null, actor, action: "focal-point.added", entityId: created.id, after: audited(data), at: now });
      } else if (change.change === "update") {
        await tx.focalPoint.update({ where: { id: change.id }, data: { name: entry.name, role: entry.role, locale: entry.locale } });
        await recordAudit(tx, {
          meetingId: null,
          actor,
          action: "focal-point.updated",
          entityId: change.id,
          before: change.before,
          after: { name: entry.name, role: entry.role, locale: entry.locale },
          at: now,
        });
      }
    }
    const count = (kind: ImportChange["change"]) => changes.filter((change) => change.change === kind).length;
    await recordAudit(tx, {
      meetingId: null,
      actor,
      action: "focal-points.imported",
      entityId: options.importId ?? "command-line",
      after: { added: count("add"), updated: count("update"), unchanged: count("unchanged") },
      at: now,
    });
    return { ok: true, changes } as const;
  });
}

/** Keep an uploaded list until its preview is confirmed; only its uploader may apply it. */
export async function storeFocalPointImport(
  db: Database,
  options: { userId: string; fileName: string; text: string; now: Date },
): Promise<string> {
  const stored = await db.focalPointImport.create({
    data: { userId: options.userId, fileName: options.fileName.slice(0, 255), content: options.text, createdAt: options.now },
    select: { id: true },
  });
  return stored.id;
}
