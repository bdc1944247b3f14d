"use server";
// Organizer writes on meetings, at the edge: signed-in organizer, role on the meeting, parse, service.
import { redirect } from "next/navigation";
import { currentOrganizer } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { findMeetingForOrganizer } from "@/lib/meetings/access.ts";
import {
  CONNECTION_FIELDS,
  connectionInstructionsSchema,
  MEETING_FIELDS,
  type MeetingField,
  meetingInputSchema,
} from "@/lib/meetings/schema.ts";
import { createMeeting, updateConnectionInstructions, updateMeeting } from "@/lib/meetings/service.ts";
import { firstErrorPerField } from "@/lib/registration/schema.ts";

export type MeetingFormState = {
  fieldErrors: Partial<Record<MeetingField, string>>;
  values: Record<string, string | string[]>;
  error?: "slug-taken" | "forbidden";
  answerId?: string;
};

function readMeetingForm(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const field of MEETING_FIELDS) {
    if (field === "eligibleCategories")
      values[field] = formData.getAll(field).filter((value): value is string => typeof value === "string");
    else {
      const value = formData.get(field);
      if (typeof value === "string") values[field] = value;
    }
  }
  return values;
}

export async function saveMeetingAction(
  meetingId: string | null,
  _previous: MeetingFormState,
  formData: FormData,
): Promise<MeetingFormState> {
  const db = getDatabase();
  const organizer = await currentOrganizer(db);
  if (!organizer) redirect("/sign-in");
  const values = readMeetingForm(formData);
  const answerId = crypto.randomUUID();
  if (
    meetingId === null
      ? !organizer.canCreateMeetings
      : !(await findMeetingForOrganizer(db, { userId: organizer.userId, meetingId, permission: "edit-meeting" }))
  ) {
    return { fieldErrors: {}, values, error: "forbidden", answerId };
  }
  const parsed = meetingInputSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: firstErrorPerField(parsed.error, MEETING_FIELDS), values, answerId };
  const actor = { userId: organizer.userId, email: organizer.email };
  if (meetingId === null) {
    const result = await createMeeting(db, { input: parsed.data, actor, now: new Date() });
    if (!result.ok) return { fieldErrors: { slug: "slug.taken" }, values, error: "slug-taken", answerId };
    redirect(`/admin/meetings/${result.meeting.id}?done=created`);
  }
  const result = await updateMeeting(db, { meetingId, input: parsed.data, actor, now: new Date() });
  if (!result.ok) return { fieldErrors: { slug: "slug.taken" }, values, error: "slug-taken", answerId };
  redirect(`/admin/meetings/${meetingId}?done=updated`);
}

export type ConnectionFormState = {
  fieldErrors: Partial<Record<(typeof CONNECTION_FIELDS)[number], string>>;
  values: Record<string, string>;
  answerId?: string;
};

export async function saveConnectionInstructionsAction(
  meetingId: string,
  _previous: ConnectionFormState,
  formData: FormData,
): Promise<ConnectionFormState> {
  const db = getDatabase();
  const organizer = await currentOrganizer(db);
  if (!organizer) redirect("/sign-in");
  const access = await findMeetingForOrganizer(db, { userId: organizer.userId, meetingId: String(meetingId), permission: "notify" });
  if (!access) redirect("/admin?error=forbidden");
  const values: Record<string, string> = {};
  for (const field of CONNECTION_FIELDS) {
    const value = formData.get(field);
    if (typeof value === "string") values[field] = value;
  }
  const parsed = connectionInstructionsSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: firstErrorPerField(parsed.error, CONNECTION_FIELDS), values, answerId: crypto.randomUUID() };
  const result = await updateConnectionInstructions(db, {
    meetingId: access.meeting.id,
    input: parsed.data,
    notify: formData.get("notify") === "yes",
    actor: { userId: organizer.userId, email: organizer.email },
    now: new Date(),
    appUrl: getEnv().APP_URL,
  });
  redirect(`/admin/meetings/${access.meeting.id}?done=connection&notified=${result.notified}`);
}
