import "server-only";
// Telling one registrant something: the email of a kind, with the private manage link it carries,
// queued in the caller's transaction (so it exists if and only if the change it tells about
// does). Registration and the organizers' decisions both come here; neither imports the other.
import type { Prisma, Registration, RegistrationStatus } from "@/generated/prisma/client.ts";
import type { AuditActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { enqueueEmail } from "@/lib/mail/outbox.ts";
import {
  buildRegistrantEmail,
  carriesJoinLink,
  carriesManageLink,
  type MeetingWithSessions,
  type RegistrantEmailKind,
} from "@/lib/notices/registrant-emails.ts";
import { generateSecretToken, hashToken } from "@/lib/security/tokens.ts";

type Tx = Prisma.TransactionClient;

/** Why a manage link was issued (ManageLink.reason). */
export type ManageLinkReason = "registered" | "reregistered" | "already-registered" | "decided" | "resent";

/**
 * A new private link to a registration, stored as a hash beside the links it already has:
 * issuing one never revokes another, so nobody can take the owner's link away by causing an
 * email. Returns the raw token for the email queued in the same transaction.
 */
export async function issueManageLink(tx: Tx, options: { registrationId: string; reason: ManageLinkReason; now: Date }): Promise<string> {
  const token = generateSecretToken();
  await tx.manageLink.create({
    data: { tokenHash: hashToken(token), registrationId: options.registrationId, reason: options.reason, createdAt: options.now },
  });
  return token;
}

/**
 * A new personal join link for a registration, stored as a hash. The token cannot be read back,
 * so every email that carries a join link gets a new one; the earlier ones keep working (an
 * older email still lets its reader in), and all of them stop at once when the registration is
 * withdrawn or rejected, because the join page checks the registration's status, not the link's.
 */
export async function issueJoinLink(tx: Tx, options: { registrationId: string; now: Date }): Promise<string> {
  const token = generateSecretToken();
  await tx.joinLink.create({ data: { tokenHash: hashToken(token), registrationId: options.registrationId, createdAt: options.now } });
  return token;
}

/**
 * The first email of a registration in this status: confirmed at once, sent to the focal points,
 * or received for the organizers' approval.
 */
export function welcomeEmailKind(status: RegistrationStatus): RegistrantEmailKind {
  if (status === "CONFIRMED") return "registration-confirmed";
  return status === "AWAITING_FOCAL_POINT" ? "registration-awaiting-focal-point" : "registration-received";
}

/**
 * Queue the `kind` email to the registrant. A kind that shows a manage link carries `link.reuse`
 * (the link the registrant is using) or a new link issued for `link.issue`; the others carry none.
 */
export async function tellRegistrant(
  tx: Tx,
  options: {
    kind: RegistrantEmailKind;
    meeting: MeetingWithSessions;
    registration: Pick<Registration, "id" | "email" | "givenName" | "familyName" | "reference" | "locale">;
    link: { reuse: string } | { issue: ManageLinkReason };
    appUrl: string;
    now: Date;
    reason?: string;
  },
): Promise<void> {
  const { kind, registration, link, now } = options;
  // The email lists the sessions and its calendar has one entry per session.
  const meeting =
    "sessions" in options.meeting
      ? options.meeting
      : { ...options.meeting, sessions: await tx.meetingSession.findMany({ where: { meetingId: options.meeting.id } }) };
  const manageToken = !carriesManageLink(kind)
    ? null
    : "reuse" in link
      ? link.reuse
      : await issueManageLink(tx, { registrationId: registration.id, reason: link.issue, now });
  const joinToken = carriesJoinLink(kind, options.meeting) ? await issueJoinLink(tx, { registrationId: registration.id, now }) : null;
  await enqueueEmail(
    tx,
    await buildRegistrantEmail({
      kind,
      meeting,
      registration,
      manageToken,
      joinToken,
      appUrl: options.appUrl,
      now,
      reason: options.reason,
    }),
    options.appUrl,
  );
}

// A resend at most this often, so the button cannot be used to flood a mailbox.
const RESEND_INTERVAL_MS = 2 * 60 * 1000;

export type ResendRejection = "not-found" | "erased" | "withdrawn";

/**
 * Send the registrant's current confirmation (or "received") email again: from their manage page
 * with the link they used, or by an organizer with a new link (the organizer never sees it).
 */
export async function resendConfirmation(
  db: Database,
  options: { registrationId: string; manageToken?: string; now: Date; appUrl: string; actor: AuditActor },
): Promise<{ ok: true; queued: boolean } | { ok: false; reason: ResendRejection }> {
  return db.$transaction(async (tx) => {
    const registration = await tx.registration.findUnique({ where: { id: options.registrationId }, include: { meeting: true } });
    if (!registration) return { ok: false, reason: "not-found" } as const;
    if (registration.erasedAt) return { ok: false, reason: "erased" } as const;
    if (registration.status === "WITHDRAWN" || registration.status === "REJECTED") return { ok: false, reason: "withdrawn" } as const;
    const recent = await tx.outboxEmail.findFirst({
      where: {
        registrationId: registration.id,
        kind: { in: ["registration-confirmed", "registration-received", "registration-awaiting-focal-point", "registration-approved"] },
        createdAt: { gt: new Date(options.now.getTime() - RESEND_INTERVAL_MS) },
      },
      select: { id: true },
    });
    if (recent) return { ok: true, queued: false } as const;
    await tellRegistrant(tx, {
      kind: welcomeEmailKind(registration.status),
      meeting: registration.meeting,
      registration,
      link: options.manageToken ? { reuse: options.manageToken } : { issue: "resent" },
      appUrl: options.appUrl,
      now: options.now,
    });
    await recordAudit(tx, {
      meetingId: registration.meetingId,
      actor: options.actor,
      action: "registration.confirmation-resent",
      entityId: registration.id,
      at: options.now,
    });
    return { ok: true, queued: true } as const;
  });
}
