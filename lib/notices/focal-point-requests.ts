import "server-only";
// Routing a registration to the designated focal points of its Member State or organization
// (issue #12) and asking them, in the caller's transaction: the decision links are stored (as
// hashes) and their emails queued together with the registration they are about (outbox).
// Registration calls this when a registration is made or its category, Member State or
// organization change; the focal points' decisions themselves are in lib/focal-points/decisions.ts.
import type { FocalPoint, Meeting, Prisma, Registration, RegistrationStatus } from "@/generated/prisma/client.ts";
import { focalPointRequestEmail } from "@/emails/focal-point-emails.tsx";
import { oneLine } from "@/emails/one-line.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { EMAIL_PRIORITY, enqueueEmail } from "@/lib/mail/outbox.ts";
import { decisionLinkExpiry, focalPointFollowUp, routedStatus } from "@/lib/notices/approval-rules.ts";
import { emailLanguage, meetingFacts } from "@/lib/notices/registrant-emails.ts";
import { countryName } from "@/lib/participants/country-names.ts";
import { registrationScopeKey } from "@/lib/participants/scopes.ts";
import { generateSecretToken, hashToken } from "@/lib/security/tokens.ts";

type Tx = Prisma.TransactionClient;

/** Kind of the email asking a focal point to decide (OutboxEmail.kind). */
export const FOCAL_POINT_REQUEST_EMAIL_KIND = "focal-point-request";
/** Kind of the one reminder a focal point gets about a request still waiting (OutboxEmail.kind). */
export const FOCAL_POINT_REMINDER_EMAIL_KIND = "focal-point-reminder";

/**
 * The focal points who approve a registration in `scopeKey` for a meeting: those of that Member
 * State or organization (by its name or a known alias) who act for all meetings or for this one;
 * primaries first.
 */
export async function focalPointsInScope(db: Database | Tx, options: { scopeKey: string; meetingId: string }): Promise<FocalPoint[]> {
  const organization = options.scopeKey.startsWith("org:") ? options.scopeKey.slice(4) : null;
  return db.focalPoint.findMany({
    where: {
      AND: [
        { OR: [{ scopeKey: options.scopeKey }, ...(organization ? [{ aliasKeys: { has: organization } }] : [])] },
        { OR: [{ allMeetings: true }, { meetings: { some: { meetingId: options.meetingId } } }] },
      ],
    },
    orderBy: [{ role: "asc" }, { email: "asc" }],
  });
}

/** What a registration's category, Member State and organization are, as routing reads them. */
export type Applicant = Pick<Registration, "email" | "category" | "memberState" | "organization">;

/**
 * Where a registration goes: its status, the focal points to ask (when it waits for them), and the
 * focal-point decision columns when the registrant is one of their own scope's focal points (their
 * own registration counts as approved by a focal point at once).
 */
export type ApprovalRoute = {
  status: RegistrationStatus;
  /** When the focal points were asked (now, when it waits for them); the follow-ups count from it. */
  askedAt: Date | null;
  ask: FocalPoint[];
  decision: { focalPointDecidedAt: Date; focalPointDecidedBy: string; focalPointDecision: "approved" } | null;
};

export async function routeRegistration(
  tx: Tx,
  options: { meeting: Pick<Meeting, "id" | "approvalMode" | "confirmFocalPointApprovals">; applicant: Applicant; now: Date },
): Promise<ApprovalRoute> {
  const { meeting, applicant } = options;
  const scopeKey =
    meeting.approvalMode === "FOCAL_POINT"
      ? registrationScopeKey({ category: applicant.category, countryCode: applicant.memberState, organization: applicant.organization })
      : null;
  const focalPoints = scopeKey ? await focalPointsInScope(tx, { scopeKey, meetingId: meeting.id }) : [];
  const status = routedStatus({
    mode: meeting.approvalMode,
    confirmFocalPointApprovals: meeting.confirmFocalPointApprovals,
    focalPointEmails: focalPoints.map((point) => point.email),
    registrantEmail: applicant.email,
  });
  if (status === "AWAITING_FOCAL_POINT") return { status, askedAt: options.now, ask: focalPoints, decision: null };
  const self =
    meeting.approvalMode === "FOCAL_POINT" ? focalPoints.find((point) => point.email === applicant.email.toLowerCase()) : undefined;
  return {
    status,
    askedAt: null,
    ask: [],
    decision: self ? { focalPointDecidedAt: options.now, focalPointDecidedBy: self.email, focalPointDecision: "approved" } : null,
  };
}

/** The focal-point decision columns of a registration routed anew: the earlier decision no longer applies. */
export function decisionColumns(route: ApprovalRoute) {
  return {
    ...(route.decision ?? { focalPointDecidedAt: null, focalPointDecidedBy: null, focalPointDecision: null }),
    focalPointAskedAt: route.askedAt,
    focalPointRemindedAt: null,
    focalPointEscalatedAt: null,
  };
}

/** The Member State (its UN name) or the organization (as the registrant wrote it) a registration is routed on. */
export function scopeName(registration: Pick<Registration, "category" | "memberState" | "organization">, locale: Locale): string {
  if (registration.category === "MEMBER_STATE" && registration.memberState) return countryName(registration.memberState, locale);
  return registration.organization ?? "";
}

/** The decision page of a link, in the focal point's language. */
export function decisionUrl(appUrl: string, token: string, locale: Locale): string {
  return `${appUrl}/fp/${token}?lang=${locale}`;
}

/**
 * Ask each focal point of `route.ask` to decide on the registration: one link each (bound to that
 * focal point and that registration, stored as a hash, expiring after 14 days or at the meeting's
 * end) in an email in their language. Recorded in the registration's audit trail.
 */
export async function askFocalPoints(
  tx: Tx,
  options: { meeting: Meeting; registration: Registration; route: Pick<ApprovalRoute, "ask">; now: Date; appUrl: string; reminder?: true },
): Promise<void> {
  const { meeting, registration, route, now, appUrl } = options;
  if (route.ask.length === 0) return;
  const expiresAt = decisionLinkExpiry(now, meeting.endsAt);
  for (const focalPoint of route.ask) {
    const token = await issueDecisionLink(tx, { focalPointId: focalPoint.id, registrationId: registration.id, now, expiresAt });
    const locale = isLocale(focalPoint.locale) ? focalPoint.locale : DEFAULT_LOCALE;
    const categories = getTranslator(locale, "meeting");
    const rendered = await focalPointRequestEmail({
      ...emailLanguage(locale),
      meeting: meetingFacts(meeting, locale, appUrl),
      focalPointName: oneLine(focalPoint.name, 200),
      scope: scopeName(registration, locale),
      registrant: {
        name: oneLine(`${registration.givenName} ${registration.familyName}`, 201),
        email: registration.email,
        reference: registration.reference,
        category: categories(`categories.${registration.category}`),
        organization: registration.organization,
        memberState: registration.memberState ? countryName(registration.memberState, locale) : null,
        country: countryName(registration.country, locale),
        jobTitle: registration.jobTitle,
      },
      decideUrl: decisionUrl(appUrl, token, locale),
      expires: formatInstant(expiresAt, meeting.timeZone, locale),
      reminder: options.reminder,
    });
    await enqueueEmail(
      tx,
      {
        ...rendered,
        kind: options.reminder ? FOCAL_POINT_REMINDER_EMAIL_KIND : FOCAL_POINT_REQUEST_EMAIL_KIND,
        priority: EMAIL_PRIORITY.registrant,
        toAddress: focalPoint.email,
        toName: oneLine(focalPoint.name, 200),
        meetingId: meeting.id,
        registrationId: registration.id,
        expiresAt,
      },
      appUrl,
    );
  }
  await recordAudit(tx, {
    meetingId: meeting.id,
    actor: { kind: "system" },
    action: options.reminder ? "registration.focal-points-reminded" : "registration.sent-to-focal-points",
    entityId: registration.id,
    after: { status: registration.status, focalPoints: route.ask.map((point) => point.email) },
    at: now,
  });
}

/** A new decision link for one focal point and one registration; returns the raw token (only its hash is stored). */
export async function issueDecisionLink(
  tx: Tx,
  options: { focalPointId: string; registrationId: string; now: Date; expiresAt: Date },
): Promise<string> {
  const token = generateSecretToken();
  await tx.focalPointDecisionLink.create({
    data: {
      tokenHash: hashToken(token),
      focalPointId: options.focalPointId,
      registrationId: options.registrationId,
      createdAt: options.now,
      expiresAt: options.expiresAt,
    },
  });
  return token;
}

/** Links of a registration not used yet stop working (it was re-routed, or decided otherwise). */
export async function retireDecisionLinks(tx: Tx, options: { registrationId: string; now: Date }): Promise<void> {
  await tx.focalPointDecisionLink.updateMany({
    where: { registrationId: options.registrationId, usedAt: null, expiresAt: { gt: options.now } },
    data: { expiresAt: options.now },
  });
}

/** Most waiting registrations one worker round follows up (the rest wait for the next round). */
const FOLLOW_UP_BATCH = 100;

/**
 * The worker's follow-ups of requests still waiting for a focal point (issue #12 point 6): one
 * reminder to the focal points of the scope after `focalPointReminderHours`, then the request goes
 * to the organizers (PENDING) after `focalPointEscalationHours` or `focalPointEscalationBeforeCloseHours`
 * before registration closes, whichever comes first. Each step is a conditional update of the row
 * in the same transaction as its emails and audit entry, so it happens once whatever the number
 * of workers, restarts or retries. Returns the steps taken.
 */
export async function followUpFocalPointRequests(db: Database, options: { now: Date; appUrl: string }): Promise<number> {
  const { now } = options;
  // Only the rows with a step due (the worker asks every round): the same conditions as
  // focalPointFollowUp, in SQL, with each meeting's own hours.
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "Registration" r JOIN "Meeting" m ON m.id = r."meetingId"
    WHERE r.status = 'AWAITING_FOCAL_POINT' AND r."focalPointAskedAt" IS NOT NULL
      AND r."focalPointEscalatedAt" IS NULL AND r."erasedAt" IS NULL
      AND (
        (r."focalPointRemindedAt" IS NULL AND r."focalPointAskedAt" <= ${now}::timestamptz - make_interval(hours => m."focalPointReminderHours"))
        OR r."focalPointAskedAt" <= ${now}::timestamptz - make_interval(hours => m."focalPointEscalationHours")
        OR m."registrationClosesAt" - make_interval(hours => m."focalPointEscalationBeforeCloseHours") <= ${now}::timestamptz
      )
    ORDER BY r."focalPointAskedAt" LIMIT ${FOLLOW_UP_BATCH}`;
  if (due.length === 0) return 0;
  const waiting = await db.registration.findMany({
    where: { id: { in: due.map((row) => row.id) } },
    include: { meeting: true },
    orderBy: { focalPointAskedAt: "asc" },
  });
  let steps = 0;
  for (const registration of waiting) {
    const step = focalPointFollowUp(registration, registration.meeting, now);
    if (!step) continue;
    const done = await db.$transaction(async (tx) => {
      // Of several workers, the one whose update changes the row does the step; the others find it done.
      const claimed = await tx.registration.updateMany({
        where: {
          id: registration.id,
          status: "AWAITING_FOCAL_POINT",
          focalPointAskedAt: registration.focalPointAskedAt,
          focalPointEscalatedAt: null,
          ...(step === "remind" ? { focalPointRemindedAt: null } : {}),
        },
        data: step === "remind" ? { focalPointRemindedAt: now } : { status: "PENDING", focalPointEscalatedAt: now },
      });
      if (claimed.count === 0) return false;
      if (step === "escalate") {
        await retireDecisionLinks(tx, { registrationId: registration.id, now });
        await recordAudit(tx, {
          meetingId: registration.meetingId,
          actor: { kind: "system" },
          action: "registration.escalated-to-organizers",
          entityId: registration.id,
          before: { status: "AWAITING_FOCAL_POINT" },
          after: { status: "PENDING" },
          at: now,
        });
        return true;
      }
      const scopeKey = registrationScopeKey({
        category: registration.category,
        countryCode: registration.memberState,
        organization: registration.organization,
      });
      const ask = scopeKey ? await focalPointsInScope(tx, { scopeKey, meetingId: registration.meetingId }) : [];
      await askFocalPoints(tx, {
        meeting: registration.meeting,
        registration,
        route: { ask },
        now,
        appUrl: options.appUrl,
        reminder: true,
      });
      return true;
    });
    if (done) steps++;
  }
  return steps;
}
