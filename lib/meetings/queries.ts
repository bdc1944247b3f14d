import "server-only";
import type { Meeting, OrganizerRole } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";

/** The public facts of a meeting: never the connection instructions. */
export type PublicMeeting = Omit<
  Meeting,
  "connectionJoinUrl" | "connectionMeetingId" | "connectionPasscode" | "connectionDialIn" | "connectionNotes" | "reminderOffsetsMinutes"
>;

const publicMeetingSelect = {
  id: true,
  slug: true,
  title: true,
  shortName: true,
  circularReference: true,
  circularDate: true,
  summary: true,
  format: true,
  startsAt: true,
  endsAt: true,
  timeZone: true,
  languages: true,
  fee: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  homePageUrl: true,
  eligibleCategories: true,
  eligibilityNote: true,
  registrationOpensAt: true,
  registrationClosesAt: true,
  documentDeadline: true,
  documentSubmission: true,
  documentSeriesPrefix: true,
  documentMaxBytes: true,
  documentLatePolicy: true,
  documentTemplateUrl: true,
  approvalMode: true,
  confirmFocalPointApprovals: true,
  focalPointReminderHours: true,
  focalPointEscalationHours: true,
  focalPointEscalationBeforeCloseHours: true,
  capacity: true,
  retentionDays: true,
  isPractice: true,
  personalJoinLinks: true,
  joinOpensMinutesBefore: true,
  defaultLocale: true,
  texts: true,
  createdAt: true,
  updatedAt: true,
} as const;

export async function getPublicMeeting(db: Database, slug: string): Promise<PublicMeeting | null> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  return db.meeting.findUnique({ where: { slug }, select: publicMeetingSelect });
}

/** A meeting's sessions in time order (none: the meeting is one session from its start to its end). */
export async function listMeetingSessions(db: Database, meetingId: string): Promise<{ id: string; startsAt: Date; endsAt: Date }[]> {
  return db.meetingSession.findMany({
    where: { meetingId },
    orderBy: [{ startsAt: "asc" }, { endsAt: "asc" }],
    select: { id: true, startsAt: true, endsAt: true },
  });
}

/** Meetings per page of each home-page list. */
export const PUBLIC_PAGE_SIZE = 20;

export type PublicMeetingPage = { meetings: PublicMeeting[]; page: number; pageCount: number; total: number };

/**
 * Meetings for the home page, a page of each list: open ones closing soonest first, then the
 * others (not yet open or closed) latest first. Every meeting is on some page: nothing is cut off.
 * A page past the end gives the last page.
 */
export async function listPublicMeetings(
  db: Database,
  now: Date,
  pages: { open?: number; other?: number } = {},
  pageSize = PUBLIC_PAGE_SIZE,
): Promise<{ open: PublicMeetingPage; other: PublicMeetingPage }> {
  const isOpen = { registrationOpensAt: { lte: now }, registrationClosesAt: { gte: now } };
  const isNotOpen = { OR: [{ registrationOpensAt: { gt: now } }, { registrationClosesAt: { lt: now } }] };
  async function page(
    where: typeof isOpen | typeof isNotOpen,
    orderBy: Array<Record<string, "asc" | "desc">>,
    requested = 1,
  ): Promise<PublicMeetingPage> {
    const total = await db.meeting.count({ where });
    const pageCount = Math.max(1, Math.ceil(total / pageSize));
    const current = Math.min(Math.max(1, Math.trunc(requested) || 1), pageCount);
    const meetings = await db.meeting.findMany({
      where,
      select: publicMeetingSelect,
      orderBy,
      skip: (current - 1) * pageSize,
      take: pageSize,
    });
    return { meetings, page: current, pageCount, total };
  }
  const [open, other] = await Promise.all([
    page(isOpen, [{ registrationClosesAt: "asc" }, { id: "asc" }], pages.open),
    page(isNotOpen, [{ startsAt: "desc" }, { id: "asc" }], pages.other),
  ]);
  return { open, other };
}

export type MeetingOverview = {
  meeting: Meeting;
  role: OrganizerRole;
  counts: Record<"PENDING" | "CONFIRMED" | "REJECTED" | "WITHDRAWN", number>;
};

/** The meetings an organizer has a role on, with their registration counts (the console's home). */
export async function listMeetingsForOrganizer(db: Database, userId: string): Promise<MeetingOverview[]> {
  const memberships = await db.meetingOrganizer.findMany({
    where: { userId },
    include: { meeting: true },
    orderBy: { meeting: { startsAt: "desc" } },
  });
  const ids = memberships.map((membership) => membership.meetingId);
  const grouped = ids.length
    ? await db.registration.groupBy({ by: ["meetingId", "status"], where: { meetingId: { in: ids } }, _count: { _all: true } })
    : [];
  return memberships.map((membership) => {
    const counts = { PENDING: 0, CONFIRMED: 0, REJECTED: 0, WITHDRAWN: 0 };
    // Waiting for a focal point or approved by one: still waiting, counted with the pending ones.
    for (const row of grouped)
      if (row.meetingId === membership.meetingId) {
        const column = row.status === "AWAITING_FOCAL_POINT" || row.status === "APPROVED_BY_FOCAL_POINT" ? "PENDING" : row.status;
        counts[column] += row._count._all;
      }
    return { meeting: membership.meeting, role: membership.role, counts };
  });
}
