import "server-only";
// Who is signed in, checked against the database on every request: sign-out (or an expired or
// too old session) takes effect at once. Pages and actions call requireOrganizer(); the guard
// returns the user id that every organizer query must be scoped with.
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { Database } from "@/lib/db/client.ts";
import { findMeetingForOrganizer, type MeetingAccess, type MeetingPermission } from "@/lib/meetings/access.ts";

/** Absolute session lifetime, whatever the activity (NIST 800-63B AAL2: 12 hours). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export type SignedInOrganizer = { userId: string; email: string; canCreateMeetings: boolean };

const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

export async function findSignedInOrganizer(db: Database, sessionToken: string | undefined, now: Date): Promise<SignedInOrganizer | null> {
  if (!sessionToken || sessionToken.length > 200) return null;
  const session = await db.session.findUnique({
    where: { sessionToken },
    include: { user: { select: { id: true, email: true, canCreateMeetings: true } } },
  });
  if (!session || session.expires <= now || now.getTime() - session.createdAt.getTime() > SESSION_ABSOLUTE_MS) return null;
  return { userId: session.user.id, email: session.user.email, canCreateMeetings: session.user.canCreateMeetings };
}

export async function readSessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (value) return value;
  }
  return undefined;
}

/** For pages: the signed-in organizer, or a redirect to sign-in. */
export async function requireOrganizerPage(db: Database): Promise<SignedInOrganizer> {
  const organizer = await findSignedInOrganizer(db, await readSessionToken(), new Date());
  if (!organizer) redirect("/sign-in");
  return organizer;
}

/** For actions and routes: the signed-in organizer, or null (the caller answers with nothing). */
export async function currentOrganizer(db: Database): Promise<SignedInOrganizer | null> {
  return findSignedInOrganizer(db, await readSessionToken(), new Date());
}

/**
 * For meeting pages of the console: the organizer's access to `meetingId` with `permission`, a
 * redirect to sign-in without a session, or "not found" without the role (no difference between a
 * missing meeting and someone else's).
 */
export async function requireMeetingPage(db: Database, meetingId: string, permission: MeetingPermission): Promise<MeetingAccess> {
  const organizer = await requireOrganizerPage(db);
  const access = await findMeetingForOrganizer(db, { userId: organizer.userId, meetingId, permission });
  if (!access) notFound();
  return access;
}
