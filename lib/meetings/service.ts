import "server-only";
// Organizer writes on meetings. Callers pass the acting organizer and, for changes, a meeting id
// they got from findMeetingForOrganizer() with the right permission.
import type { Meeting, MeetingSession, Prisma } from "@/generated/prisma/client.ts";
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
function auditedFacts(
  meeting: Meeting,
  input: Omit<MeetingInput, "sessions">,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
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
      const { sessions, ...facts } = options.input;
      const created = await tx.meeting.create({
        data: {
          ...facts,
          organizers: { create: { userId: options.actor.userId, role: "OWNER" } },
          sessions: { create: sessions.map(({ startsAt, endsAt }) => ({ startsAt, endsAt })) },
        },
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

/** A session as the audit log shows it: "2021-11-15T12:00:00.000Z/2021-11-15T15:00:00.000Z". */
const sessionLabel = (session: { startsAt: Date; endsAt: Date }) => `${session.startsAt.toISOString()}/${session.endsAt.toISOString()}`;

/**
 * Save the sessions as the form states them: a row with the id of one of the meeting's sessions
 * changes that session (its id, and so its calendar UID, stays), a row without makes a new one,
 * and a session no row names is removed (kept as a RemovedMeetingSession, so that the schedule
 * update cancels it in calendars). Returns whether any session's times changed.
 */
async function saveSessions(
  tx: Prisma.TransactionClient,
  options: { meetingId: string; before: readonly MeetingSession[]; sessions: MeetingInput["sessions"]; now: Date },
): Promise<boolean> {
  const { meetingId, before } = options;
  const existing = new Map(before.map((session) => [session.id, session]));
  const kept = new Set<string>();
  let changed = false;
  for (const session of options.sessions) {
    const current = session.id ? existing.get(session.id) : undefined;
    if (current) {
      kept.add(current.id);
      if (current.startsAt.getTime() === session.startsAt.getTime() && current.endsAt.getTime() === session.endsAt.getTime()) continue;
      await tx.meetingSession.update({ where: { id: current.id }, data: { startsAt: session.startsAt, endsAt: session.endsAt } });
    } else
      await tx.meetingSession.create({ data: { meetingId, startsAt: session.startsAt, endsAt: session.endsAt, createdAt: options.now } });
    changed = true;
  }
  const removed = before.filter((session) => !kept.has(session.id));
  if (removed.length > 0) {
    await tx.removedMeetingSession.createMany({
      data: removed.map(({ id, startsAt, endsAt }) => ({ id, meetingId, startsAt, endsAt, removedAt: options.now })),
      skipDuplicates: true,
    });
    await tx.meetingSession.deleteMany({ where: { id: { in: removed.map((session) => session.id) } } });
    changed = true;
  }
  return changed;
}

/**
 * Change a meeting. When its start, end or sessions change, every confirmed registrant is told
 * (a "schedule-updated" notice, queued in the same transaction; a later change supersedes it
 * while unfinished), with their calendar entries updated and removed sessions cancelled.
 */
export async function updateMeeting(
  db: Database,
  options: { meetingId: string; input: MeetingInput; actor: OrganizerActor; now: Date; appUrl: string },
): Promise<{ ok: true; notified: number | null } | { ok: false; reason: "slug-taken" }> {
  try {
    const notified = await db.$transaction(async (tx) => {
      const { sessions, ...facts } = options.input;
      const before = await tx.meeting.findUniqueOrThrow({ where: { id: options.meetingId }, include: { sessions: true } });
      const { sessions: sessionsBefore, ...meetingBefore } = before;
      await tx.meeting.update({ where: { id: options.meetingId }, data: facts });
      // An input built without the form (no `sessions`) leaves the sessions as they are.
      const sessionsChanged =
        sessions !== undefined &&
        (await saveSessions(tx, { meetingId: options.meetingId, before: sessionsBefore, sessions, now: options.now }));
      const datesChanged = before.startsAt.getTime() !== facts.startsAt.getTime() || before.endsAt.getTime() !== facts.endsAt.getTime();
      const notice =
        sessionsChanged || datesChanged
          ? await queueNotice(tx, { meetingId: options.meetingId, kind: "schedule-updated", appUrl: options.appUrl, now: options.now })
          : null;
      const audited = auditedFacts(meetingBefore, facts);
      const changes = changedFields(audited.before, audited.after);
      await recordAudit(tx, {
        meetingId: options.meetingId,
        actor: options.actor,
        action: "meeting.updated",
        entityId: options.meetingId,
        // Secrets (passcode, join link) are masked by recordAudit: recorded as changed, never in clear.
        before: changes.before,
        after: notice && !sessionsChanged ? { ...changes.after, notified: notice.total } : changes.after,
        at: options.now,
      });
      if (sessionsChanged)
        await recordAudit(tx, {
          meetingId: options.meetingId,
          actor: options.actor,
          action: "meeting.sessions-changed",
          entityId: options.meetingId,
          before: { sessions: [...sessionsBefore].sort(byStart).map(sessionLabel) },
          after: { sessions: [...(sessions ?? [])].sort(byStart).map(sessionLabel), notified: notice?.total ?? 0 },
          at: options.now,
        });
      return notice?.total ?? null;
    });
    return { ok: true, notified };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: "slug-taken" };
    throw error;
  }
}

const byStart = (a: { startsAt: Date }, b: { startsAt: Date }) => a.startsAt.getTime() - b.startsAt.getTime();

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
