import "server-only";
// Organizer writes on meetings. Callers pass the acting organizer and, for changes, a meeting id
// they got from findMeetingForOrganizer() with the right permission.
import type { Meeting, Prisma } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";
import { enqueueEmails } from "@/lib/mail/outbox.ts";
import type { ConnectionInstructionsInput, MeetingInput } from "@/lib/meetings/schema.ts";
import { buildRegistrantEmail } from "@/lib/registration/emails.ts";
import type { Actor } from "@/lib/registrants/service.ts";

type Changes = { before: Record<string, unknown>; after: Record<string, unknown> };

function diff(before: Meeting, after: Partial<Meeting>): Changes {
  const changes: Changes = { before: {}, after: {} };
  for (const [key, value] of Object.entries(after)) {
    const old = before[key as keyof Meeting];
    if (JSON.stringify(old) !== JSON.stringify(value)) {
      changes.before[key] = old;
      changes.after[key] = value;
    }
  }
  return changes;
}

export async function createMeeting(
  db: Database,
  options: { input: MeetingInput; actor: Actor; now: Date },
): Promise<{ ok: true; meeting: Meeting } | { ok: false; reason: "slug-taken" }> {
  try {
    const meeting = await db.$transaction(async (tx) => {
      const created = await tx.meeting.create({
        data: { ...options.input, organizers: { create: { userId: options.actor.userId, role: "OWNER" } } },
      });
      await tx.auditEntry.create({
        data: {
          meetingId: created.id,
          actorUserId: options.actor.userId,
          actorLabel: options.actor.email,
          action: "meeting.created",
          entityType: "meeting",
          entityId: created.id,
          after: { slug: created.slug, title: created.title },
          createdAt: options.now,
        },
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
  options: { meetingId: string; input: MeetingInput; actor: Actor; now: Date },
): Promise<{ ok: true } | { ok: false; reason: "slug-taken" }> {
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.meeting.findUniqueOrThrow({ where: { id: options.meetingId } });
      const changes = diff(before, options.input);
      await tx.meeting.update({ where: { id: options.meetingId }, data: options.input });
      await tx.auditEntry.create({
        data: {
          meetingId: options.meetingId,
          actorUserId: options.actor.userId,
          actorLabel: options.actor.email,
          action: "meeting.updated",
          entityType: "meeting",
          entityId: options.meetingId,
          before: changes.before as Prisma.InputJsonValue,
          after: changes.after as Prisma.InputJsonValue,
          createdAt: options.now,
        },
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
 * email (queued in the same transaction, as bulk mail behind sign-in and registrant mail).
 */
export async function updateConnectionInstructions(
  db: Database,
  options: { meetingId: string; input: ConnectionInstructionsInput; notify: boolean; actor: Actor; now: Date; appUrl: string },
): Promise<{ notified: number }> {
  return db.$transaction(
    async (tx) => {
      const before = await tx.meeting.findUniqueOrThrow({ where: { id: options.meetingId } });
      const meeting = await tx.meeting.update({ where: { id: options.meetingId }, data: options.input });
      const changes = diff(before, options.input);
      let notified = 0;
      if (options.notify) {
        const confirmed = await tx.registration.findMany({ where: { meetingId: options.meetingId, status: "CONFIRMED", erasedAt: null } });
        for (let start = 0; start < confirmed.length; start += 500) {
          const batch = confirmed.slice(start, start + 500);
          // No manage link in this email, so registrants' existing links stay valid.
          const emails = batch.map((registration) =>
            buildRegistrantEmail({
              kind: "connection-updated",
              meeting,
              registration,
              manageToken: "",
              appUrl: options.appUrl,
              now: options.now,
            }),
          );
          notified += await enqueueEmails(tx, emails, options.appUrl);
        }
      }
      await tx.auditEntry.create({
        data: {
          meetingId: options.meetingId,
          actorUserId: options.actor.userId,
          actorLabel: options.actor.email,
          action: "meeting.connection-updated",
          entityType: "meeting",
          entityId: options.meetingId,
          // Passcodes are recorded as changed, not in clear, in the audit log.
          before: Object.fromEntries(
            Object.keys(changes.before).map((key) => [key, key === "connectionPasscode" ? "•••" : changes.before[key]]),
          ) as Prisma.InputJsonValue,
          after: {
            ...Object.fromEntries(
              Object.keys(changes.after).map((key) => [key, key === "connectionPasscode" ? "•••" : changes.after[key]]),
            ),
            notified,
          } as Prisma.InputJsonValue,
          createdAt: options.now,
        },
      });
      return { notified };
    },
    { timeout: 120_000 },
  );
}
