import "server-only";
// Organizer writes on meetings. Callers pass the acting organizer and, for changes, a meeting id
// they got from findMeetingForOrganizer() with the right permission.
import type { Meeting } from "@/generated/prisma/client.ts";
import type { OrganizerActor } from "@/lib/audit/catalogue.ts";
import { changedFields, recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import type { ConnectionInstructionsInput, MeetingInput } from "@/lib/meetings/schema.ts";
import { flatMeetingTexts, readMeetingTexts } from "@/lib/i18n/meeting-texts.ts";
import { queueNotice } from "@/lib/notices/service.ts";

/**
 * What the audit compares for a meeting: its columns, and its texts in other languages as one
 * entry per language and field ("texts.ru.title"), a removed text as null.
 */
function auditedFacts(meeting: Meeting, input: MeetingInput): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const { texts, ...facts } = input;
  const textsBefore = flatMeetingTexts(readMeetingTexts(meeting.texts));
  const textsAfter: Record<string, string | null> = Object.fromEntries(Object.keys(textsBefore).map((key) => [key, null]));
  Object.assign(textsAfter, flatMeetingTexts(texts));
  return { before: { ...meeting, ...textsBefore }, after: { ...facts, ...textsAfter } };
}

export async function createMeeting(
  db: Database,
  options: { input: MeetingInput; actor: OrganizerActor; now: Date },
): Promise<{ ok: true; meeting: Meeting } | { ok: false; reason: "slug-taken" }> {
  try {
    const meeting = await db.$transaction(async (tx) => {
      const created = await tx.meeting.create({
        data: { ...options.input, organizers: { create: { userId: options.actor.userId, role: "OWNER" } } },
      });
      await recordAudit(tx, {
        meetingId: created.id,
        actor: options.actor,
        action: "meeting.created",
        entityId: created.id,
        after: { slug: created.slug, title: created.title },
        at: options.now,
      });
      return created;
    });
    return { ok: true, meeting };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: "slug-taken" };
    throw error;
  }
}

export async function updateMeeting(
  db: Database,
  options: { meetingId: string; input: MeetingInput; actor: OrganizerActor; now: Date },
): Promise<{ ok: true } | { ok: false; reason: "slug-taken" }> {
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.meeting.findUniqueOrThrow({ where: { id: options.meetingId } });
      await tx.meeting.update({ where: { id: options.meetingId }, data: options.input });
      const audited = auditedFacts(before, options.input);
      await recordAudit(tx, {
        meetingId: options.meetingId,
        actor: options.actor,
        action: "meeting.updated",
        entityId: options.meetingId,
        // Secrets (passcode, join link) are masked by recordAudit: recorded as changed, never in clear.
        ...changedFields(audited.before, audited.after),
        at: options.now,
      });
    });
    return { ok: true };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: "slug-taken" };
    throw error;
  }
}

/**
 * Change the connection instructions; with `notify`, every confirmed registrant gets them by
 * email. The emails are not built here: one notice job is queued in the same transaction, and
 * the worker expands it (lib/notices), so the request costs the same at any meeting size.
 */
export async function updateConnectionInstructions(
  db: Database,
  options: { meetingId: string; input: ConnectionInstructionsInput; notify: boolean; actor: OrganizerActor; now: Date; appUrl: string },
): Promise<{ notified: number }> {
  return db.$transaction(async (tx) => {
    const before = await tx.meeting.findUniqueOrThrow({ where: { id: options.meetingId } });
    await tx.meeting.update({ where: { id: options.meetingId }, data: options.input });
    let notified = 0;
    if (options.notify) {
      const notice = await queueNotice(tx, {
        meetingId: options.meetingId,
        kind: "connection-updated",
        appUrl: options.appUrl,
        now: options.now,
      });
      notified = notice.total;
    }
    const changes = changedFields(before, options.input);
    await recordAudit(tx, {
      meetingId: options.meetingId,
      actor: options.actor,
      action: "meeting.connection-updated",
      entityId: options.meetingId,
      before: changes.before,
      after: { ...changes.after, notified },
      at: options.now,
    });
    return { notified };
  });
}
