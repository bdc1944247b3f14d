import "server-only";
// The one preamble of every organizer action of the console (Rallly's safe-action middleware is
// the model): who is signed in (database session, else the sign-in page), their role on the
// meeting (else the console with "forbidden": an organizer of another meeting learns nothing),
// then the form read and parsed with the action's zod schema. An action states its permission,
// its schema and its work; nothing else.
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { Meeting, OrganizerRole } from "@/generated/prisma/client.ts";
import { currentOrganizer, type SignedInOrganizer } from "@/lib/auth/session.ts";
import { type Database, getDatabase } from "@/lib/db/client.ts";
import { type FieldErrors, firstErrorPerField } from "@/lib/forms/errors.ts";
import { negotiateLocale } from "@/lib/i18n/config.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { findMeetingForOrganizer, type MeetingPermission } from "@/lib/auth/meeting-access.ts";

export type OrganizerActionContext = {
  db: Database;
  organizer: SignedInOrganizer;
  /** The organizer as the audit log records them. */
  actor: { kind: "organizer"; userId: string; email: string };
};

export type MeetingActionContext = OrganizerActionContext & { meeting: Meeting; role: OrganizerRole };

/** Signed in, or off to the sign-in page. */
export async function requireOrganizerAction(): Promise<OrganizerActionContext> {
  const db = getDatabase();
  const organizer = await currentOrganizer(db);
  if (!organizer) redirect("/sign-in");
  return { db, organizer, actor: { kind: "organizer", userId: organizer.userId, email: organizer.email } };
}

/** Signed in with a role on `meetingId` that allows `permission`, or refused. */
export async function requireMeetingAction(meetingId: unknown, permission: MeetingPermission): Promise<MeetingActionContext> {
  const context = await requireOrganizerAction();
  const access =
    typeof meetingId === "string"
      ? await findMeetingForOrganizer(context.db, { userId: context.organizer.userId, meetingId, permission })
      : null;
  if (!access) redirect("/admin?error=forbidden");
  return { ...context, meeting: access.meeting, role: access.role };
}

/** What a form sent, and how it failed its schema. */
export type Invalid<Field extends string> = { fieldErrors: FieldErrors<Field>; values: Record<string, unknown> };

type ActionDefinition<Args extends unknown[], Schema extends z.ZodType, Field extends string, Answer> = {
  permission: MeetingPermission;
  schema: Schema;
  /** The fields errors are reported on (in form order). */
  fields: readonly Field[];
  /** The schema's input, from the action's arguments after the meeting id (only what the form owns). */
  read: (...args: Args) => Record<string, unknown>;
  /** The answer to input that fails the schema: a state to show, or a redirect. */
  invalid: (context: MeetingActionContext, problem: Invalid<Field>) => Answer | Promise<Answer>;
};

/**
 * An action on one meeting, bound to its id in the page: `action={fn.bind(null, meetingId)}` for
 * a plain form (arguments: the form data), or with React's useActionState (arguments: the
 * previous state, the form data).
 */
export function meetingAction<Args extends unknown[], Schema extends z.ZodType, Field extends string, Answer = void>(
  definition: ActionDefinition<Args, Schema, Field, Answer>,
  work: (context: MeetingActionContext, input: z.output<Schema>, values: Record<string, unknown>) => Promise<Answer>,
): (meetingId: string, ...args: Args) => Promise<Answer> {
  return async (meetingId, ...args) => parseThen(await requireMeetingAction(meetingId, definition.permission), definition, args, work);
}

/**
 * An action of the console that is about no meeting yet (creating one): signed in, then `allow`
 * decides (e.g. the right to create meetings), else `forbidden` answers.
 */
export function organizerAction<Args extends unknown[], Schema extends z.ZodType, Field extends string, Answer>(
  definition: Omit<ActionDefinition<Args, Schema, Field, Answer>, "permission" | "invalid"> & {
    allow: (organizer: SignedInOrganizer) => boolean;
    forbidden: (values: Record<string, unknown>) => Answer;
    invalid: (context: OrganizerActionContext, problem: Invalid<Field>) => Answer | Promise<Answer>;
  },
  work: (context: OrganizerActionContext, input: z.output<Schema>, values: Record<string, unknown>) => Promise<Answer>,
): (...args: Args) => Promise<Answer> {
  return async (...args) => {
    const context = await requireOrganizerAction();
    if (!definition.allow(context.organizer)) return definition.forbidden(definition.read(...args));
    return parseThen(context, definition, args, work);
  };
}

async function parseThen<Context, Args extends unknown[], Schema extends z.ZodType, Field extends string, Answer>(
  context: Context,
  definition: {
    schema: Schema;
    fields: readonly Field[];
    read: (...args: Args) => Record<string, unknown>;
    invalid: (context: Context, problem: Invalid<Field>) => Answer | Promise<Answer>;
  },
  args: Args,
  work: (context: Context, input: z.output<Schema>, values: Record<string, unknown>) => Promise<Answer>,
): Promise<Answer> {
  const values = definition.read(...args);
  const parsed = definition.schema.safeParse(values);
  if (!parsed.success) return definition.invalid(context, { fieldErrors: firstErrorPerField(parsed.error, definition.fields), values });
  return work(context, parsed.data, values);
}

/**
 * A route handler of the console on one meeting (`/admin/meetings/[meetingId]/…`): 401 without a
 * session, 404 without a role that allows `permission` (no difference between a missing meeting
 * and someone else's), otherwise the handler's response. Never cached.
 */
export function meetingRoute(
  permission: MeetingPermission,
  handler: (context: MeetingActionContext, request: Request) => Promise<Response>,
): (request: Request, route: { params: Promise<{ meetingId: string }> }) => Promise<Response> {
  return async (request, { params }) => {
    const db = getDatabase();
    const organizer = await currentOrganizer(db);
    const plain = (status: number, key: "signInFirst" | "notFoundTitle") =>
      new Response(getTranslator(negotiateLocale(request.headers.get("accept-language")), "common")(key), {
        status,
        headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" },
      });
    if (!organizer) return plain(401, "signInFirst");
    const access = await findMeetingForOrganizer(db, { userId: organizer.userId, meetingId: (await params).meetingId, permission });
    if (!access) return plain(404, "notFoundTitle");
    const actor = { kind: "organizer" as const, userId: organizer.userId, email: organizer.email };
    return handler({ db, organizer, actor, meeting: access.meeting, role: access.role }, request);
  };
}

/**
 * A route handler of the console that is about no one meeting (e.g. an upload for the focal-point
 * list): 401 without a session, 403 when `allow` refuses the organizer, otherwise the handler's
 * response.
 */
export function organizerRoute(
  allow: (organizer: SignedInOrganizer) => boolean,
  handler: (context: OrganizerActionContext, request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const db = getDatabase();
    const organizer = await currentOrganizer(db);
    const locale = negotiateLocale(request.headers.get("accept-language"));
    const plain = (status: number, text: string) =>
      new Response(text, { status, headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" } });
    if (!organizer) return plain(401, getTranslator(locale, "common")("signInFirst"));
    if (!allow(organizer)) return plain(403, getTranslator(locale, "admin")("forbiddenTitle"));
    return handler({ db, organizer, actor: { kind: "organizer", userId: organizer.userId, email: organizer.email } }, request);
  };
}
