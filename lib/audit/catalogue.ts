// Every kind of audit entry Quorum writes, with the kind of thing it is about. One list, so the
// audit page can translate each (messages: admin.audit.actions.<action>) and a typo in a
// service is a type error, not a new, untranslated code in the log.

export const AUDIT_ACTIONS = {
  "registration.created": "registration",
  "registration.reregistered": "registration",
  "registration.repeat-attempt": "registration",
  "registration.updated": "registration",
  "registration.sent-back-for-approval": "registration",
  "registration.withdrawn": "registration",
  "registration.confirmation-resent": "registration",
  "registration.approved": "registration",
  "registration.rejected": "registration",
  "registration.sent-to-focal-points": "registration",
  "registration.focal-point-approved": "registration",
  "registration.focal-point-rejected": "registration",
  "registration.focal-point-link-refused": "registration",
  "registration.focal-points-reminded": "registration",
  "registration.escalated-to-organizers": "registration",
  "registrations.erased": "meeting",
  "registrants.exported": "meeting",
  "meeting.created": "meeting",
  "meeting.updated": "meeting",
  "meeting.connection-updated": "meeting",
  "meeting.sessions-changed": "meeting",
  "organizer.added": "organizer",
  "organizer.role-changed": "organizer",
  "organizer.removed": "organizer",
  "organizer.access-removed": "organizer",
  "focal-point.added": "focal-point",
  "focal-point.updated": "focal-point",
  "focal-point.removed": "focal-point",
  "focal-points.imported": "focal-point-import",
  "focal-point.list-link-sent": "focal-point",
  "attendance.report-imported": "meeting",
  "attendance.row-resolved": "meeting",
  "attendance.links-revoked": "registration",
  "participants.exported": "meeting",
  "document.submitted": "document",
  "document.withdrawn": "document",
  "document.downloaded": "document",
  "document.deadline-exception-granted": "registration",
  "document.notices-chosen": "organizer",
  "documents.downloaded-all": "meeting",
  "documents.exported": "meeting",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

/** A signed-in organizer, as services receive them and the audit log records them. */
export type OrganizerActor = { kind: "organizer"; userId: string; email: string };

/** Who acted: an organizer (by account), or a role without an account. */
export type AuditActor =
  | OrganizerActor
  | { kind: "registrant" }
  | { kind: "anonymous" }
  | { kind: "system" }
  | { kind: "command-line" }
  /** A designated focal point acting through an emailed decision link (no account): their address. */
  | { kind: "focal-point"; email: string };

/** An entry as organizers read it (lib/audit/queries.ts), secrets masked. */
export type AuditLogEntry = {
  id: string;
  createdAt: Date;
  actorLabel: string;
  /** A catalogued action, or the raw code of one written by an older version. */
  action: string;
  known: boolean;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
