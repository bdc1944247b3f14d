import "server-only";
import type { Meeting } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";

/** The public facts of a meeting: never the connection instructions. */
export type PublicMeeting = Omit<
  Meeting,
  "connectionJoinUrl" | "connectionMeetingId" | "connectionPasscode" | "connectionDialIn" | "connectionNotes"
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
  approvalMode: true,
  capacity: true,
  retentionDays: true,
  isPractice: true,
  createdAt: true,
  updatedAt: true,
} as const;

export async function getPublicMeeting(db: Database, slug: string): Promise<PublicMeeting | null> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  return db.meeting.findUnique({ where: { slug }, select: publicMeetingSelect });
}

/** Meetings for the home page: open ones first (closing soonest first), then the others. */
export async function listPublicMeetings(db: Database, now: Date): Promise<{ open: PublicMeeting[]; other: PublicMeeting[] }> {
  const meetings = await db.meeting.findMany({ select: publicMeetingSelect, orderBy: { registrationClosesAt: "asc" }, take: 200 });
  const isOpen = (meeting: PublicMeeting) => meeting.registrationOpensAt <= now && now <= meeting.registrationClosesAt;
  return {
    open: meetings.filter(isOpen),
    other: meetings.filter((meeting) => !isOpen(meeting)).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime()),
  };
}
