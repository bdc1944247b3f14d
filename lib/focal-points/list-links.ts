import "server-only";
// A focal point's list of every registration waiting in their scopes, for all meetings (issue #12
// point 4): asked for by typing their address (like an organizer's sign-in), it arrives as a
// short-lived link stored only as a hash. The page answers the same whether or not the address is
// a focal point's. From the list, each request opens its own decision page through a new
// single-use decision link, so deciding is always the one path of lib/focal-points/decisions.ts.
import type { FocalPoint, Prisma, Registration } from "@/generated/prisma/client.ts";
import { focalPointListEmail } from "@/emails/focal-point-emails.tsx";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { EMAIL_PRIORITY, enqueueEmail } from "@/lib/mail/outbox.ts";
import { decisionLinkExpiry } from "@/lib/notices/approval-rules.ts";
import { issueDecisionLink } from "@/lib/notices/focal-point-requests.ts";
import { emailLanguage } from "@/lib/notices/registrant-emails.ts";
import { CATEGORIES_WITH_ORGANIZATION } from "@/lib/participants/categories.ts";
import { registrationScopeKey } from "@/lib/participants/scopes.ts";
import { generateSecretToken, hashToken, isWellFormedToken } from "@/lib/security/tokens.ts";

/** A list link works this long. */
export const LIST_LINK_MINUTES = 60;
/** At most this many list links an hour per address, then silently none (no mail bombing). */
const LIST_LINKS_PER_HOUR = 3;
/** Most requests one list shows. */
const MAX_LISTED = 500;
/** Waiting registrations read at a time while filling the list. */
const CANDIDATE_BATCH = 2000;

export const FOCAL_POINT_LIST_EMAIL_KIND = "focal-point-list-link";

/**
 * Email a list link to `email` if it is a focal point's; otherwise do nothing, and answer the
 * same: the page must not tell who is a focal point.
 */
export async function requestListLink(db: Database, options: { email: string; now: Date; appUrl: string }): Promise<void> {
  const { email, now } = options;
  await db.$transaction(async (tx) => {
    const points = await tx.focalPoint.findMany({ where: { email }, orderBy: { createdAt: "asc" } });
    const [first] = points;
    if (!first) return;
    // Concurrent requests for one address queue here, so the hourly count holds.
    await tx.$queryRaw`SELECT id FROM "FocalPoint" WHERE id = ${first.id}::uuid FOR UPDATE`;
    const recent = await tx.focalPointListLink.count({ where: { email, createdAt: { gt: new Date(now.getTime() - 60 * 60 * 1000) } } });
    if (recent >= LIST_LINKS_PER_HOUR) return;
    const token = generateSecretToken();
    const expiresAt = new Date(now.getTime() + LIST_LINK_MINUTES * 60 * 1000);
    await tx.focalPointListLink.create({ data: { tokenHash: hashToken(token), email, createdAt: now, expiresAt } });
    const locale = isLocale(first.locale) ? first.locale : DEFAULT_LOCALE;
    const rendered = await focalPointListEmail({
      ...emailLanguage(locale),
      listUrl: `${options.appUrl}/fp/list/${token}?lang=${locale}`,
      expires: formatInstant(expiresAt, "UTC", locale),
    });
    await enqueueEmail(
      tx,
      { ...rendered, kind: FOCAL_POINT_LIST_EMAIL_KIND, priority: EMAIL_PRIORITY.signIn, toAddress: email, toName: first.name, expiresAt },
      options.appUrl,
    );
    await recordAudit(tx, {
      meetingId: null,
      actor: { kind: "anonymous" },
      action: "focal-point.list-link-sent",
      entityId: first.id,
      after: { emailSent: FOCAL_POINT_LIST_EMAIL_KIND },
      at: now,
    });
  });
}

type PointWithMeetings = FocalPoint & { meetings: { meetingId: string }[] };

/** The focal point (of those with one address) who acts for this registration's scope and meeting, if any. */
function actingFocalPoint(
  points: readonly PointWithMeetings[],
  registration: Pick<Registration, "category" | "memberState" | "organization" | "meetingId">,
): PointWithMeetings | undefined {
  const key = registrationScopeKey({
    category: registration.category,
    countryCode: registration.memberState,
    organization: registration.organization,
  });
  if (!key) return undefined;
  return points.find(
    (point) =>
      (point.scopeKey === key || (key.startsWith("org:") && point.aliasKeys.includes(key.slice(4)))) &&
      (point.allMeetings || point.meetings.some((entry) => entry.meetingId === registration.meetingId)),
  );
}

async function pointsOfLink(db: Database, token: string, now: Date): Promise<{ points: PointWithMeetings[]; expiresAt: Date } | null> {
  if (!isWellFormedToken(token)) return null;
  const link = await db.focalPointListLink.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!link || link.expiresAt.getTime() <= now.getTime()) return null;
  const points = await db.focalPoint.findMany({ where: { email: link.email }, include: { meetings: { select: { meetingId: true } } } });
  return { points, expiresAt: link.expiresAt };
}

export type WaitingRequest = Pick<
  Registration,
  "id" | "reference" | "givenName" | "familyName" | "email" | "category" | "memberState" | "organization" | "createdAt"
> & { meeting: { shortName: string; title: string; timeZone: string } };

/** Every registration waiting for a focal point in the link owner's scopes, oldest first; null: the link does not work. */
export async function openListLink(db: Database, options: { token: string; now: Date }): Promise<WaitingRequest[] | null> {
  const { points } = (await pointsOfLink(db, options.token, options.now)) ?? {};
  if (!points) return null;
  const memberStates = points.flatMap((point) => (point.memberState ? [point.memberState] : []));
  const hasOrganizations = points.some((point) => point.organization !== null);
  const candidatesWhere: Prisma.RegistrationWhereInput = {
    status: "AWAITING_FOCAL_POINT",
    erasedAt: null,
    OR: [
      { category: "MEMBER_STATE", memberState: { in: memberStates } },
      ...(hasOrganizations ? [{ category: { in: [...CATEGORIES_WITH_ORGANIZATION] }, organization: { not: null } }] : []),
    ],
  };
  // An organization is matched on its normalized name and aliases (lib/participants/scopes.ts), in
  // this process: the candidates are read oldest first in batches until the list is full or none
  // are left, so a request is never missed because many older ones of other organizations wait.
  const listed: WaitingRequest[] = [];
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const batch: Array<Registration & Pick<WaitingRequest, "meeting">> = await db.registration.findMany({
      where: after
        ? {
            AND: [candidatesWhere, { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }],
          }
        : candidatesWhere,
      include: { meeting: { select: { shortName: true, title: true, timeZone: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: CANDIDATE_BATCH,
    });
    listed.push(...batch.filter((registration) => actingFocalPoint(points, registration)));
    const last = batch.at(-1);
    if (listed.length >= MAX_LISTED || batch.length < CANDIDATE_BATCH || !last) break;
    after = { createdAt: last.createdAt, id: last.id };
  }
  return listed.slice(0, MAX_LISTED);
}

/**
 * Open one listed request: a new decision link for the focal point acting for it (checked again),
 * whose page shows and decides it. Null: the list link no longer works, or the registration is not
 * (or no longer) waiting in their scope.
 */
export async function openRequestFromList(
  db: Database,
  options: { token: string; registrationId: string; now: Date },
): Promise<string | null> {
  const list = await pointsOfLink(db, options.token, options.now);
  if (!list) return null;
  const { points } = list;
  const registration = await db.registration.findFirst({
    where: { id: options.registrationId, status: "AWAITING_FOCAL_POINT", erasedAt: null },
    include: { meeting: { select: { endsAt: true } } },
  });
  const point = registration ? actingFocalPoint(points, registration) : undefined;
  if (!registration || !point) return null;
  return db.$transaction((tx) =>
    issueDecisionLink(tx, {
      focalPointId: point.id,
      registrationId: registration.id,
      now: options.now,
      // No longer than the list link it was opened from: that link's hour bounds what it grants.
      expiresAt: new Date(Math.min(decisionLinkExpiry(options.now, registration.meeting.endsAt).getTime(), list.expiresAt.getTime())),
    }),
  );
}
