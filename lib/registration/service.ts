import "server-only";
// Registration use cases. Each takes its clock (`now`) and the canonical origin (`appUrl`) as
// arguments and never reads the request: the actions at the edge do that.
import type { Meeting, Prisma, Registration, RegistrationStatus } from "@/generated/prisma/client.ts";
import type { AuditAction } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import type { Locale } from "@/lib/i18n/config.ts";
import { enqueueEmail } from "@/lib/mail/outbox.ts";
import { getRegistrationWindowState } from "@/lib/meetings/rules.ts";
import { OPEN_STATUSES } from "@/lib/notices/approval-rules.ts";
import {
  type ApprovalRoute,
  askFocalPoints,
  decisionColumns,
  retireDecisionLinks,
  routeRegistration,
} from "@/lib/notices/focal-point-requests.ts";
import { tellRegistrant, welcomeEmailKind } from "@/lib/notices/registrant.ts";
import { buildMeetingFullEmail, MEETING_FULL_EMAIL_KIND } from "@/lib/notices/registrant-emails.ts";
import type { RegistrationInput } from "@/lib/registration/schema.ts";
import { generateReference, hashToken } from "@/lib/security/tokens.ts";

import type { RegisterRejection } from "@/lib/registration/service-types.ts";

export type { RegisterRejection };

/**
 * "created" and "already-registered" look the same to the visitor (no way to probe who
 * registered); "resubmitted" is the same form sent twice (double click, reload): nothing new.
 * "full" has already emailed the address (rate-limited); the action answers it like the others.
 */
export type RegisterResult =
  | { ok: true; outcome: "created" | "reregistered" | "already-registered" | "resubmitted"; registrationId: string; reference: string }
  | { ok: false; reason: RegisterRejection };

// An "already registered" email at most this often per registration, and a "the meeting is
// full" email at most this often per address and meeting, so a stranger typing someone's
// address cannot flood their inbox.
const ALREADY_REGISTERED_EMAIL_INTERVAL_MS = 10 * 60 * 1000;

// Each "already registered" email brings a new link, so a stranger can make one appear every
// interval. Only the newest few of those keep working; the owner's other links (registration,
// decisions, resends) are never touched, and a pruned link went to the same inbox as the newer ones.
const MAX_REPEAT_LINKS = 5;

type Tx = Prisma.TransactionClient;

async function pruneRepeatLinks(tx: Tx, registrationId: string): Promise<void> {
  const stale = await tx.manageLink.findMany({
    where: { registrationId, reason: "already-registered" },
    orderBy: [{ createdAt: "desc" }, { tokenHash: "asc" }],
    skip: MAX_REPEAT_LINKS,
    select: { tokenHash: true },
  });
  if (stale.length > 0) await tx.manageLink.deleteMany({ where: { tokenHash: { in: stale.map((link) => link.tokenHash) } } });
}

const ACTIVE_STATUSES: RegistrationStatus[] = [...OPEN_STATUSES];

/** Who approves it: nobody (confirmed), the organizers, or first the focal points of its scope. */
function initialRoute(tx: Tx, meeting: Meeting, input: RegistrationInput, now: Date): Promise<ApprovalRoute> {
  const data = registrationData(input);
  return routeRegistration(tx, { meeting, applicant: { ...data, email: input.email }, now });
}

/** Lock the meeting row when it has a capacity, so concurrent registrations are counted one by one. */
async function lockMeetingForCapacity(tx: Tx, meeting: Meeting): Promise<void> {
  if (meeting.capacity !== null) await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${meeting.id}::uuid FOR UPDATE`;
}

async function hasFreePlace(tx: Tx, meeting: Meeting): Promise<boolean> {
  if (meeting.capacity === null) return true;
  const taken = await tx.registration.count({ where: { meetingId: meeting.id, status: { in: ACTIVE_STATUSES } } });
  return taken < meeting.capacity;
}

function registrationData(input: RegistrationInput) {
  return {
    givenName: input.givenName,
    familyName: input.familyName,
    organization: input.organization ?? null,
    memberState: input.memberState ?? null,
    country: input.country,
    jobTitle: input.jobTitle ?? null,
    category: input.category,
    needsCaptioning: input.needsCaptioning,
    needsSignLanguage: input.needsSignLanguage,
    accessibilityOther: input.accessibilityOther ?? null,
    listConsent: input.listConsent,
  };
}

export async function registerForMeeting(
  db: Database,
  options: { slug: string; input: RegistrationInput; submissionKey: string | null; locale: Locale; now: Date; appUrl: string },
): Promise<RegisterResult> {
  const { input, now, appUrl } = options;
  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findUnique({ where: { slug: options.slug } });
    if (!meeting) return { ok: false, reason: "not-found" } as const;
    await lockMeetingForCapacity(tx, meeting);
    // Judged inside the transaction with the server's clock: a late submission writes nothing.
    const windowState = getRegistrationWindowState(meeting, now);
    if (windowState !== "open") return { ok: false, reason: windowState } as const;
    if (!meeting.eligibleCategories.includes(input.category)) return { ok: false, reason: "not-eligible" } as const;

    const repeat = { meeting, input, submissionKey: options.submissionKey, locale: options.locale, now, appUrl };
    // A meeting with a capacity looks for the address first: a registered address is told so,
    // not that the meeting is full. Without a capacity the insert below finds a repeat itself
    // (ON CONFLICT), which saves a statement on every new registration (issue 15).
    if (meeting.capacity !== null) {
      const existing = await tx.registration.findUnique({ where: { meetingId_email: { meetingId: meeting.id, email: input.email } } });
      if (existing) return answerRepeatedRegistration(tx, { ...repeat, existing });
      if (!(await hasFreePlace(tx, meeting)))
        return answerFullMeeting(tx, { meeting, email: input.email, locale: options.locale, now, appUrl });
    }

    const route = await initialRoute(tx, meeting, input, now);
    // ON CONFLICT DO NOTHING: of two concurrent submissions for one address, one inserts and the
    // other finds the winner's row below; so does a repeat of an address already registered.
    // The unique index decides, not a check-then-insert.
    const [created] = await tx.registration.createManyAndReturn({
      data: [
        {
          ...registrationData(input),
          meetingId: meeting.id,
          email: input.email,
          reference: generateReference(),
          status: route.status,
          ...decisionColumns(route),
          locale: options.locale,
          privacyAcceptedAt: now,
          submissionKey: options.submissionKey,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (!created) {
      const winner = await tx.registration.findUnique({ where: { meetingId_email: { meetingId: meeting.id, email: input.email } } });
      // Nothing with this address: the rare reference collision. Let the caller try again.
      if (!winner) throw new Error("Registration insert skipped without an existing row (reference collision)");
      return answerRepeatedRegistration(tx, { ...repeat, existing: winner });
    }
    await welcomeRegistrant(tx, {
      meeting,
      registration: created,
      link: "registered",
      now,
      appUrl,
      action: "registration.created",
      before: null,
    });
    await askFocalPoints(tx, { meeting, registration: created, route, now, appUrl });
    return { ok: true, outcome: "created", registrationId: created.id, reference: created.reference } as const;
  });
}

/** Queue the confirmation (or "received") email and record what happened, in the caller's transaction. */
async function welcomeRegistrant(
  tx: Tx,
  options: {
    meeting: Meeting;
    registration: Registration;
    link: "registered" | "reregistered";
    now: Date;
    appUrl: string;
    action: AuditAction;
    before: Record<string, unknown> | null;
  },
): Promise<void> {
  const { meeting, registration, now, appUrl } = options;
  await tellRegistrant(tx, {
    kind: welcomeEmailKind(registration.status),
    meeting,
    registration,
    link: { issue: options.link },
    appUrl,
    now,
  });
  await recordAudit(tx, {
    meetingId: meeting.id,
    actor: { kind: "registrant" },
    action: options.action,
    entityId: registration.id,
    before: options.before,
    after: { status: registration.status, category: registration.category },
    at: now,
  });
}

/**
 * No place left for this address. The visitor's page is the same "check your email" as for a
 * new or a repeated registration (the action answers "full" that way), so it never tells whether
 * the address is registered (docs/decisions/0007); the address's owner learns from this email
 * that nobody was registered. The meeting row is locked (it has a capacity), so concurrent
 * attempts see each other's email and the interval holds.
 */
async function answerFullMeeting(
  tx: Tx,
  options: { meeting: Meeting; email: string; locale: Locale; now: Date; appUrl: string },
): Promise<RegisterResult> {
  const { meeting, now, appUrl } = options;
  const recent = await tx.outboxEmail.findFirst({
    where: {
      toAddress: options.email,
      meetingId: meeting.id,
      kind: MEETING_FULL_EMAIL_KIND,
      createdAt: { gt: new Date(now.getTime() - ALREADY_REGISTERED_EMAIL_INTERVAL_MS) },
    },
    select: { id: true },
  });
  if (!recent) {
    await enqueueEmail(tx, await buildMeetingFullEmail({ meeting, toAddress: options.email, locale: options.locale, appUrl }), appUrl);
  }
  return { ok: false, reason: "full" };
}

async function answerRepeatedRegistration(
  tx: Tx,
  options: {
    meeting: Meeting;
    existing: Registration;
    input: RegistrationInput;
    submissionKey: string | null;
    locale: Locale;
    now: Date;
    appUrl: string;
  },
): Promise<RegisterResult> {
  const { meeting, now, appUrl } = options;
  if (options.submissionKey && options.existing.submissionKey === options.submissionKey) {
    return { ok: true, outcome: "resubmitted", registrationId: options.existing.id, reference: options.existing.reference };
  }
  // Concurrent repeats of one address queue behind each other here, so the checks below (one
  // "already registered" email per interval, one revival) see each other's writes.
  await tx.$queryRaw`SELECT id FROM "Registration" WHERE id = ${options.existing.id}::uuid FOR UPDATE`;
  const existing = await tx.registration.findUniqueOrThrow({ where: { id: options.existing.id } });
  if (existing.status === "WITHDRAWN") {
    // Withdrew, then registered again: the same row comes back to life with the new details.
    if (!(await hasFreePlace(tx, meeting))) {
      return answerFullMeeting(tx, { meeting, email: existing.email, locale: options.locale, now, appUrl });
    }
    // Links sent about its earlier life decide nothing about this one.
    await retireDecisionLinks(tx, { registrationId: existing.id, now });
    const route = await initialRoute(tx, meeting, options.input, now);
    const revived = await tx.registration.update({
      where: { id: existing.id },
      data: {
        ...registrationData(options.input),
        status: route.status,
        ...decisionColumns(route),
        withdrawnAt: null,
        decidedAt: null,
        decisionReason: null,
        privacyAcceptedAt: now,
        submissionKey: options.submissionKey,
        // The new form's language, as for a new registration (the owner filled it in again).
        locale: options.locale,
      },
    });
    await welcomeRegistrant(tx, {
      meeting,
      registration: revived,
      link: "reregistered",
      now,
      appUrl,
      action: "registration.reregistered",
      before: { status: "WITHDRAWN" },
    });
    await askFocalPoints(tx, { meeting, registration: revived, route, now, appUrl });
    return { ok: true, outcome: "reregistered", registrationId: existing.id, reference: existing.reference };
  }
  const recent = await tx.outboxEmail.findFirst({
    where: {
      registrationId: existing.id,
      kind: "already-registered",
      createdAt: { gt: new Date(now.getTime() - ALREADY_REGISTERED_EMAIL_INTERVAL_MS) },
    },
    select: { id: true },
  });
  if (!recent) {
    // A new link beside the owner's, sent only to the address's owner: whoever typed the address
    // cannot take the owner's link away. Recorded, without anything the row does not hold already.
    await tellRegistrant(tx, {
      kind: "already-registered",
      meeting,
      registration: existing,
      link: { issue: "already-registered" },
      appUrl,
      now,
    });
    await pruneRepeatLinks(tx, existing.id);
    await recordAudit(tx, {
      meetingId: meeting.id,
      actor: { kind: "anonymous" },
      action: "registration.repeat-attempt",
      entityId: existing.id,
      after: { emailSent: "already-registered", manageLinkAdded: true },
      at: now,
    });
  }
  return { ok: true, outcome: "already-registered", registrationId: existing.id, reference: existing.reference };
}

export type ManagedRegistration = Registration & { meeting: Meeting };

/** The registration a manage link points at, or null. */
export async function findRegistrationByManageToken(db: Database, token: string): Promise<ManagedRegistration | null> {
  const link = await db.manageLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { registration: { include: { meeting: true } } },
  });
  return link?.registration ?? null;
}

/**
 * The registration a manage token points at, locked for the rest of the transaction so that two
 * tabs (or a registrant and an organizer) cannot change it at once.
 */
async function lockRegistrationByToken(tx: Tx, token: string): Promise<ManagedRegistration | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "Registration" r JOIN "ManageLink" l ON l."registrationId" = r.id
    WHERE l."tokenHash" = ${hashToken(token)} FOR UPDATE OF r`;
  return row ? tx.registration.findUnique({ where: { id: row.id }, include: { meeting: true } }) : null;
}

export type ManageRejection = "not-found" | "closed" | "withdrawn" | "erased" | "not-eligible";

// What the organizers judge when they approve a registration: changing one of these after the
// approval, on a meeting that needs approval, needs their approval again.
const APPROVED_FIELDS = ["category", "memberState", "organization"] as const;

/**
 * Change one's details, while registration is open. The email address is the identity and stays.
 * `sentBack`: the change went back to the organizers for approval (and the registrant was told).
 */
export async function updateRegistrationDetails(
  db: Database,
  options: { token: string; input: RegistrationInput; now: Date; appUrl: string },
): Promise<{ ok: true; sentBack?: true } | { ok: false; reason: ManageRejection }> {
  return db.$transaction(async (tx) => {
    const registration = await lockRegistrationByToken(tx, options.token);
    if (!registration) return { ok: false, reason: "not-found" } as const;
    if (registration.erasedAt) return { ok: false, reason: "erased" } as const;
    if (registration.status === "WITHDRAWN" || registration.status === "REJECTED") return { ok: false, reason: "withdrawn" } as const;
    if (getRegistrationWindowState(registration.meeting, options.now) !== "open") return { ok: false, reason: "closed" } as const;
    if (!registration.meeting.eligibleCategories.includes(options.input.category)) return { ok: false, reason: "not-eligible" } as const;
    const data = registrationData(options.input);
    const before = Object.fromEntries(Object.keys(data).map((key) => [key, registration[key as keyof typeof data]]));
    const route = await rerouteOnChange(tx, { registration, data, now: options.now });
    const updated = await tx.registration.update({
      where: { id: registration.id },
      data: route ? { ...data, status: route.status, ...decisionColumns(route), decidedAt: null } : data,
    });
    await recordAudit(tx, {
      meetingId: registration.meetingId,
      actor: { kind: "registrant" },
      action: "registration.updated",
      entityId: registration.id,
      before,
      after: data,
      at: options.now,
    });
    // Routed to the same place as before (e.g. still no focal point in scope): nothing to tell.
    if (!route || (route.status === registration.status && route.status !== "AWAITING_FOCAL_POINT")) return { ok: true } as const;
    // The email carries the link the registrant is using: no new link is needed.
    await tellRegistrant(tx, {
      kind:
        route.status === "AWAITING_FOCAL_POINT" || route.status === "CONFIRMED" ? welcomeEmailKind(route.status) : "registration-sent-back",
      meeting: registration.meeting,
      registration: updated,
      link: { reuse: options.token },
      appUrl: options.appUrl,
      now: options.now,
    });
    await recordAudit(tx, {
      meetingId: registration.meetingId,
      actor: { kind: "registrant" },
      action: "registration.sent-back-for-approval",
      entityId: registration.id,
      before: { status: registration.status },
      after: { status: route.status },
      at: options.now,
    });
    await askFocalPoints(tx, { meeting: registration.meeting, registration: updated, route, now: options.now, appUrl: options.appUrl });
    return { ok: true, sentBack: true } as const;
  });
}

/**
 * A change of what the approvers judged (category, Member State, organization) sends the
 * registration back to them: in MANUAL mode a confirmed one waits for the organizers again; in
 * FOCAL_POINT mode any open one is routed anew (maybe to other focal points), and the links sent
 * for its earlier details stop working. Null: nothing to re-route.
 */
async function rerouteOnChange(
  tx: Tx,
  options: { registration: ManagedRegistration; data: ReturnType<typeof registrationData>; now: Date },
): Promise<ApprovalRoute | null> {
  const { registration, data } = options;
  const { meeting } = registration;
  if (!APPROVED_FIELDS.some((field) => registration[field] !== data[field])) return null;
  if (meeting.approvalMode === "MANUAL")
    return registration.status === "CONFIRMED" ? { status: "PENDING", askedAt: null, ask: [], decision: null } : null;
  if (meeting.approvalMode !== "FOCAL_POINT" || !OPEN_STATUSES.includes(registration.status)) return null;
  await retireDecisionLinks(tx, { registrationId: registration.id, now: options.now });
  return routeRegistration(tx, { meeting, applicant: { ...data, email: registration.email }, now: options.now });
}

/** Withdraw one's own registration (before the meeting ends). */
export async function withdrawRegistration(
  db: Database,
  options: { token: string; now: Date; appUrl: string },
): Promise<{ ok: true } | { ok: false; reason: ManageRejection }> {
  return db.$transaction(async (tx) => {
    const registration = await lockRegistrationByToken(tx, options.token);
    if (!registration) return { ok: false, reason: "not-found" } as const;
    if (registration.erasedAt) return { ok: false, reason: "erased" } as const;
    if (registration.status === "WITHDRAWN") return { ok: true } as const;
    if (options.now > registration.meeting.endsAt) return { ok: false, reason: "closed" } as const;
    const updated = await tx.registration.update({
      where: { id: registration.id },
      data: { status: "WITHDRAWN", withdrawnAt: options.now },
    });
    await tellRegistrant(tx, {
      kind: "registration-withdrawn",
      meeting: registration.meeting,
      registration: updated,
      link: { reuse: options.token },
      appUrl: options.appUrl,
      now: options.now,
    });
    await recordAudit(tx, {
      meetingId: registration.meetingId,
      actor: { kind: "registrant" },
      action: "registration.withdrawn",
      entityId: registration.id,
      before: { status: registration.status },
      after: { status: "WITHDRAWN" },
      at: options.now,
    });
    return { ok: true } as const;
  });
}

/**
 * The language of the registrant's emails from now on: the manage page's choice (registration
 * sets it to the language of the form). Allowed whatever the status, until the data is erased.
 */
export async function changeEmailLanguage(
  db: Database,
  options: { token: string; locale: Locale; now: Date },
): Promise<{ ok: true } | { ok: false; reason: ManageRejection }> {
  return db.$transaction(async (tx) => {
    const registration = await lockRegistrationByToken(tx, options.token);
    if (!registration) return { ok: false, reason: "not-found" } as const;
    if (registration.erasedAt) return { ok: false, reason: "erased" } as const;
    if (registration.locale === options.locale) return { ok: true } as const;
    await tx.registration.update({ where: { id: registration.id }, data: { locale: options.locale } });
    await recordAudit(tx, {
      meetingId: registration.meetingId,
      actor: { kind: "registrant" },
      action: "registration.updated",
      entityId: registration.id,
      before: { locale: registration.locale },
      after: { locale: options.locale },
      at: options.now,
    });
    return { ok: true } as const;
  });
}
