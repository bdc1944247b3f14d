import "server-only";
// How organizers hear of new input documents (issue #14, point 4): one email per document (sent
// with the acknowledgment, lib/documents/service.ts) or, by their choice per meeting, a daily
// digest. The digest of a UTC day lists the documents submitted during it (withdrawn ones left
// out) and is queued by the first run of the daily job after that day ended; a DocumentDigest row
// keyed by organizer, meeting and day, written in the same transaction as the email, makes it sent
// once however many workers run the job or however often it runs. No documents: no email.
import type { DocumentNotices } from "@/generated/prisma/enums.ts";
import { documentDigestEmail } from "@/emails/document-emails.tsx";
import type { OrganizerActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { formatDocumentNumber } from "@/lib/documents/rules.ts";
import { DEFAULT_LOCALE, isLocale, type Locale, textDirection } from "@/lib/i18n/config.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { EMAIL_PRIORITY, enqueueEmail } from "@/lib/mail/outbox.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Record an organizer's choice for one meeting, audited; false when they have no role on it. */
export async function chooseDocumentNotices(
  db: Database,
  input: { meetingId: string; actor: OrganizerActor; choice: DocumentNotices; now: Date },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const role = await tx.meetingOrganizer.findUnique({
      where: { meetingId_userId: { meetingId: input.meetingId, userId: input.actor.userId } },
    });
    if (!role) return false;
    if (role.documentNotices === input.choice) return true;
    await tx.meetingOrganizer.update({
      where: { meetingId_userId: { meetingId: input.meetingId, userId: input.actor.userId } },
      data: { documentNotices: input.choice },
    });
    await recordAudit(tx, {
      meetingId: input.meetingId,
      actor: input.actor,
      action: "document.notices-chosen",
      entityId: input.actor.userId,
      before: { documentNotices: role.documentNotices },
      after: { documentNotices: input.choice },
      at: input.now,
    });
    return true;
  });
}

/** Queue the digests of the UTC day before `now`; returns how many were queued by this call. */
export async function sendDocumentDigests(db: Database, input: { now: Date; appUrl: string }): Promise<number> {
  const dayEnd = new Date(Math.floor(input.now.getTime() / DAY_MS) * DAY_MS);
  const dayStart = new Date(dayEnd.getTime() - DAY_MS);
  const organizers = await db.meetingOrganizer.findMany({
    where: {
      documentNotices: "DAILY_DIGEST",
      role: { in: ["OWNER", "EDITOR"] },
      documentDigests: { none: { day: dayStart } },
      meeting: { documents: { some: { submittedAt: { gte: dayStart, lt: dayEnd }, withdrawnAt: null } } },
    },
    select: {
      userId: true,
      user: { select: { email: true } },
      meeting: { select: { id: true, shortName: true, defaultLocale: true, timeZone: true } },
    },
  });
  let queued = 0;
  for (const { userId, user, meeting } of organizers) {
    const documents = await db.inputDocument.findMany({
      where: { meetingId: meeting.id, submittedAt: { gte: dayStart, lt: dayEnd }, withdrawnAt: null },
      orderBy: [{ number: "asc" }, { revision: "asc" }],
      select: { seriesPrefix: true, number: true, revision: true, title: true, source: true, late: true },
    });
    if (documents.length === 0) continue;
    // Organizers have no language of their own in Quorum: the meeting's default language.
    const locale: Locale = isLocale(meeting.defaultLocale) ? meeting.defaultLocale : DEFAULT_LOCALE;
    const email = await documentDigestEmail({
      t: getTranslator(locale, "emails"),
      locale,
      dir: textDirection(locale),
      meetingShortName: meeting.shortName,
      day: formatDate(dayStart, "UTC", locale),
      documents: documents.map((document) => ({
        number: formatDocumentNumber(document.seriesPrefix, document.number, document.revision),
        title: document.title,
        source: document.source,
        late: document.late,
      })),
      url: `${input.appUrl}/admin/meetings/${meeting.id}/documents`,
    });
    const sent = await db.$transaction(async (tx) => {
      const claimed = await tx.documentDigest.createMany({
        data: [{ meetingId: meeting.id, userId, day: dayStart, count: documents.length, sentAt: input.now }],
        skipDuplicates: true,
      });
      if (claimed.count === 0) return false;
      await enqueueEmail(
        tx,
        { ...email, kind: "document-digest", priority: EMAIL_PRIORITY.registrant, toAddress: user.email, meetingId: meeting.id },
        input.appUrl,
      );
      return true;
    });
    if (sent) queued += 1;
  }
  return queued;
}
