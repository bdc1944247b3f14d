import "server-only";
// Registration use cases. Each takes its clock (`now`) and the canonical origin (`appUrl`) as
// arguments and never reads the request: the actions at the edge do that.
import type { Meeting, Prisma, Registration, RegistrationStatus } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";
import type { Locale } from "@/lib/i18n/config.ts";
import { enqueueEmail } from "@/lib/mail/outbox.ts";
import { getRegistrationWindowState } from "@/lib/meetings/rules.ts";
import { buildRegistrantEmail, type RegistrantEmailKind } from "@/lib/registration/emails.ts";
import type { RegistrationInput } from "@/lib/registration/schema.ts";
import { generateReference, generateSecretToken, hashToken } from "@/lib/security/tokens.ts";

import type { RegisterRejection } from "@/lib/registration/service-types.ts";

export type { RegisterRejection };

/**
 * "created" and "already-registered" look the same to the visitor (no way to probe who
 * registered); "resubmitted" is the same form sent twice (double click, reload): nothing new.
 */
export type RegisterResult =
  | { ok: true; outcome: "created" | "reregistered" | "already-registered" | "resubmitted"; registrationId: string; reference: string }
  | { ok: false; reason: RegisterRejection };

// An "already registered" email at most this often per registration, so a stranger typing
// someone's address cannot flood their inbox.
const ALREADY_REGISTERED_EMAIL_INTERVAL_MS = 10 * 60 * 1000;

type Tx = Prisma.TransactionClient;

const ACTIVE_STATUSES: RegistrationStatus[] = ["PENDING", "CONFIRMED"];

function initialStatus(meeting: Meeting): RegistrationStatus {
  return meeting.approvalMode === "AUTOMATIC" ? "CONFIRMED" : "PENDING";
}

function welcomeEmailKind(status: RegistrationStatus): RegistrantEmailKind {
  return status === "CONFIRMED" ? "registration-confirmed" : "registration-received";
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

    const existing = await tx.registration.findUnique({ where: { meetingId_email: { meetingId: meeting.id, email: input.email } } });
    if (existing) return answerRepeatedRegistration(tx, { meeting, existing, input, submissionKey: options.submissionKey, now, appUrl });
    if (!(await hasFreePlace(tx, meeting))) return { ok: false, reason: "full" } as const;

    const manageToken = generateSecretToken();
    const status = initialStatus(meeting);
    // ON CONFLICT DO NOTHING: of two concurrent submissions for one address, one inserts and the
    // other finds the winner's row below. The unique index decides, not a check-then-insert.
    const [created] = await tx.registration.createManyAndReturn({
      data: [
        {
          ...registrationData(input),
          meetingId: meeting.id,
          email: input.email,
          reference: generateReference(),
          status,
          locale: options.locale,
          privacyAcceptedAt: now,
          manageTokenHash: hashToken(manageToken),
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
      return answerRepeatedRegistration(tx, { meeting, existing: winner, input, submissionKey: options.submissionKey, now, appUrl });
    }
    await welcomeRegistrant(tx, { meeting, registration: created, manageToken, now, appUrl, action: "registration.created", before: null });
    return { ok: true, outcome: "created", registrationId: created.id, reference: created.reference } as const;
  });
}

/** Queue the confirmation (or "received") email and record what happened, in the caller's transaction. */
async function welcomeRegistrant(
  tx: Tx,
  options: {
    meeting: Meeting;
    registration: Registration;
    manageToken: string;
    now: Date;
    appUrl: string;
    action: string;
    before: Prisma.InputJsonValue | null;
  },
): Promise<void> {
  const { meeting, registration, manageToken, now, appUrl } = options;
  await enqueueEmail(
    tx,
    buildRegistrantEmail({ kind: welcomeEmailKind(registration.status), meeting, registration, manageToken, appUrl, now }),
    appUrl,
  );
  await tx.auditEntry.create({
    data: {
      meetingId: meeting.id,
      actorLabel: "registrant",
      action: options.action,
      entityType: "registration",
      entityId: registration.id,
      before: options.before ?? undefined,
      after: { status: registration.status, category: registration.category },
      createdAt: now,
    },
  });
}

async function answerRepeatedRegistration(
  tx: Tx,
  options: { meeting: Meeting; existing: Registration; input: RegistrationInput; submissionKey: string | null; now: Date; appUrl: string },
): Promise<RegisterResult> {
  const { meeting, now, appUrl } = options;
  if (options.submissionKey && options.existing.submissionKey === options.submissionKey) {
    return { ok: true, outcome: "resubmitted", registrationId: options.existing.id, reference: options.existing.reference };
  }
  // Concurrent repeats of one address queue behind each other here, so the checks below (one
  // "already registered" email per interval, one revival) see each other's writes.
  await tx.$queryRaw`SELECT id FROM "Registration" WHERE id = ${options.existing.id}::uuid FOR UPDATE`;
  const existing = await tx.registration.findUniqueOrThrow({ where: { id: options.existing.id } });
  const manageToken = generateSecretToken();
  if (existing.status === "WITHDRAWN") {
    // Withdrew, then registered again: the same row comes back to life with the new details.
    if (!(await hasFreePlace(tx, meeting))) return { ok: false, reason: "full" };
    const status = initialStatus(meeting);
    const revived = await tx.registration.update({
      where: { id: existing.id },
      data: {
        ...registrationData(options.input),
        status,
        withdrawnAt: null,
        decidedAt: null,
        decisionReason: null,
        privacyAcceptedAt: now,
        manageTokenHash: hashToken(manageToken),
        submissionKey: options.submissionKey,
      },
    });
    await welcomeRegistrant(tx, {
      meeting,
      registration: revived,
      manageToken,
      now,
      appUrl,
      action: "registration.reregistered",
      before: { status: "WITHDRAWN" },
    });
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
    // The link in the newest email is the one that works: the stored hash is replaced.
    await tx.registration.update({ where: { id: existing.id }, data: { manageTokenHash: hashToken(manageToken) } });
    await enqueueEmail(
      tx,
      { ...buildRegistrantEmail({ kind: "already-registered", meeting, registration: existing, manageToken, appUrl, now }) },
      appUrl,
    );
  }
  return { ok: true, outcome: "already-registered", registrationId: existing.id, reference: existing.reference };
}

export type ManagedRegistration = Registration & { meeting: Meeting };

/** The registration a manage link points at, or null. */
export async function findRegistrationByManageToken(db: Database, token: string): Promise<ManagedRegistration | null> {
  return db.registration.findUnique({ where: { manageTokenHash: hashToken(token) }, include: { meeting: true } });
}

/**
 * The registration a manage token points at, locked for the rest of the transaction so that two
 * tabs (or a registrant and an organizer) cannot change it at once.
 */
async function lockRegistrationByToken(tx: Tx, token: string): Promise<ManagedRegistration | null> {
  const [row] = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Registration" WHERE "manageTokenHash" = ${hashToken(token)} FOR UPDATE`;
  return row ? tx.registration.findUnique({ where: { id: row.id }, include: { meeting: true } }) : null;
}

export type ManageRejection = "not-found" | "closed" | "withdrawn" | "erased" | "not-eligible";

/** Change one's details, while registration is open. The email address is the identity and stays. */
export async function updateRegistrationDetails(
  db: Database,
  options: { token: string; input: RegistrationInput; now: Date },
): Promise<{ ok: true } | { ok: false; reason: ManageRejection }> {
  return db.$transaction(async (tx) => {
    const registration = await lockRegistrationByToken(tx, options.token);
    if (!registration) return { ok: false, reason: "not-found" } as const;
    if (registration.erasedAt) return { ok: false, reason: "erased" } as const;
    if (registration.status === "WITHDRAWN" || registration.status === "REJECTED") return { ok: false, reason: "withdrawn" } as const;
    if (getRegistrationWindowState(registration.meeting, options.now) !== "open") return { ok: false, reason: "closed" } as const;
    if (!registration.meeting.eligibleCategories.includes(options.input.category)) return { ok: false, reason: "not-eligible" } as const;
    const data = registrationData(options.input);
    const before = Object.fromEntries(Object.keys(data).map((key) => [key, registration[key as keyof typeof data]]));
    await tx.registration.update({ where: { id: registration.id }, data });
    await tx.auditEntry.create({
      data: {
        meetingId: registration.meetingId,
        actorLabel: "registrant",
        action: "registration.updated",
        entityType: "registration",
        entityId: registration.id,
        before: before as Prisma.InputJsonValue,
        after: data as Prisma.InputJsonValue,
        createdAt: options.now,
      },
    });
    return { ok: true } as const;
  });
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
    await enqueueEmail(
      tx,
      buildRegistrantEmail({
        kind: "registration-withdrawn",
        meeting: registration.meeting,
        registration: updated,
        manageToken: options.token,
        appUrl: options.appUrl,
        now: options.now,
      }),
      options.appUrl,
    );
    await tx.auditEntry.create({
      data: {
        meetingId: registration.meetingId,
        actorLabel: "registrant",
        action: "registration.withdrawn",
        entityType: "registration",
        entityId: registration.id,
        before: { status: registration.status },
        after: { status: "WITHDRAWN" },
        createdAt: options.now,
      },
    });
    return { ok: true } as const;
  });
}

// A resend at most this often, so the button cannot be used to flood a mailbox.
const RESEND_INTERVAL_MS = 2 * 60 * 1000;

/** Send the registrant's current confirmation (or "received") email again, with the same link. */
export async function resendConfirmation(
  db: Database,
  options: { registrationId: string; manageToken?: string; now: Date; appUrl: string; actorLabel: string; actorUserId?: string },
): Promise<{ ok: true; queued: boolean } | { ok: false; reason: ManageRejection }> {
  return db.$transaction(async (tx) => {
    const registration = await tx.registration.findUnique({ where: { id: options.registrationId }, include: { meeting: true } });
    if (!registration) return { ok: false, reason: "not-found" } as const;
    if (registration.erasedAt) return { ok: false, reason: "erased" } as const;
    if (registration.status === "WITHDRAWN" || registration.status === "REJECTED") return { ok: false, reason: "withdrawn" } as const;
    const recent = await tx.outboxEmail.findFirst({
      where: {
        registrationId: registration.id,
        kind: { in: ["registration-confirmed", "registration-received", "registration-approved"] },
        createdAt: { gt: new Date(options.now.getTime() - RESEND_INTERVAL_MS) },
      },
      select: { id: true },
    });
    if (recent) return { ok: true, queued: false } as const;
    // The registrant's own link keeps working; an organizer's resend issues a fresh one.
    const manageToken = options.manageToken ?? generateSecretToken();
    if (!options.manageToken)
      await tx.registration.update({ where: { id: registration.id }, data: { manageTokenHash: hashToken(manageToken) } });
    await enqueueEmail(
      tx,
      buildRegistrantEmail({
        kind: welcomeEmailKind(registration.status),
        meeting: registration.meeting,
        registration,
        manageToken,
        appUrl: options.appUrl,
        now: options.now,
      }),
      options.appUrl,
    );
    await tx.auditEntry.create({
      data: {
        meetingId: registration.meetingId,
        actorLabel: options.actorLabel,
        actorUserId: options.actorUserId,
        action: "registration.confirmation-resent",
        entityType: "registration",
        entityId: registration.id,
        createdAt: options.now,
      },
    });
    return { ok: true, queued: true } as const;
  });
}
