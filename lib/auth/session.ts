import "server-only";
// Who is signed in, checked against the database on every request: sign-out (or an expired or
// too old session) takes effect at once. Pages and actions call requireOrganizer(); the guard
// returns the user id that every organizer query must be scoped with.
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { Database } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { findMeetingForOrganizer, type MeetingAccess, type MeetingPermission } from "@/lib/auth/meeting-access.ts";

/** Idle timeout of an organizer session: each use moves the end to this long after it (rolling). */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** Absolute session lifetime, whatever the activity (NIST 800-63B AAL2: 12 hours). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** A use extends the session row only if that moves its end by at least this much: one write a minute at most. */
const SESSION_EXTEND_STEP_MS = 60 * 1000;

export type SignedInOrganizer = { userId: string; email: string; canCreateMeetings: boolean };

/**
 * The organizer whose session `sessionToken` is, at `now`; null if there is none, it was idle
 * too long or it is 12 hours old. Every page and action comes through here, so this is where a
 * use extends the idle window (Auth.js would only do it on /api/auth/session, which no page calls).
 */
export async function findSignedInOrganizer(db: Database, sessionToken: string | undefined, now: Date): Promise<SignedInOrganizer | null> {
  if (!sessionToken || sessionToken.length > 200) return null;
  const session = await db.session.findUnique({
    where: { sessionToken },
    include: { user: { select: { id: true, email: true, canCreateMeetings: true } } },
  });
  if (!session) return null;
  const absoluteEnd = session.createdAt.getTime() + SESSION_ABSOLUTE_MS;
  if (session.expires <= now || now.getTime() >= absoluteEnd) return null;
  const extended = new Date(Math.min(now.getTime() + SESSION_IDLE_SECONDS * 1000, absoluteEnd));
  if (extended.getTime() - session.expires.getTime() >= SESSION_EXTEND_STEP_MS) {
    // Only forward: two requests at once never shorten what the later one set.
    await db.session.updateMany({ where: { sessionToken, expires: { lt: extended } }, data: { expires: extended } });
  }
  return { userId: session.user.id, email: session.user.email, canCreateMeetings: session.user.canCreateMeetings };
}

/**
 * The session cookie Auth.js sets: with the __Secure- prefix when APP_URL is https (Auth.js
 * decides from AUTH_URL, which is APP_URL/api/auth).
 */
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith("https:") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/**
 * The session token from the request's cookie. On HTTPS only the __Secure- cookie counts: a
 * plain-named one can be planted by a sibling (sub)domain or over plain HTTP (session fixation);
 * the browser accepts a __Secure- cookie only from a secure origin.
 */
export async function readSessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  return jar.get(sessionCookieName(getEnv().APP_URL))?.value || undefined;
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
