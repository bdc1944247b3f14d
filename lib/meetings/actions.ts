"use server";
// Organizer writes on meetings, at the edge: each action states its permission, its schema and its
// work; the wrapper (lib/auth/organizer-action.ts) signs in, checks the role and parses.
import { redirect } from "next/navigation";
import { meetingAction, organizerAction, requireMeetingAction, requireOrganizerAction } from "@/lib/auth/organizer-action.ts";
import { getEnv } from "@/lib/env.ts";
import {
  CONNECTION_FIELDS,
  connectionInstructionsSchema,
  MEETING_FIELDS,
  type MeetingField,
  meetingInputSchema,
} from "@/lib/meetings/schema.ts";
import { createMeeting, updateConnectionInstructions, updateMeeting } from "@/lib/meetings/service.ts";
import { ADD_SESSION_INTENT, SESSION_ROWS_FIELD, sessionRowCount } from "@/lib/meetings/session-rows.ts";

export type MeetingFormState = {
  fieldErrors: Partial<Record<MeetingField, string>>;
  values: Record<string, string | string[]>;
  error?: "slug-taken" | "forbidden";
  answerId?: string;
};

function readMeetingForm(_previous: MeetingFormState, formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const field of MEETING_FIELDS) {
    if (field === "eligibleCategories")
      values[field] = formData.getAll(field).filter((value): value is string => typeof value === "string");
    else if (field === "reminderOffsetsMinutes") {
      // Absent (a form without the reminders) is not the same as nothing ticked (the hidden "").
      const ticked = formData.getAll(field).filter((value): value is string => typeof value === "string");
      if (ticked.length > 0) values[field] = ticked;
    } else {
      const value = formData.get(field);
      if (typeof value === "string") values[field] = value;
    }
  }
  const rows = formData.get(SESSION_ROWS_FIELD);
  if (typeof rows === "string") values[SESSION_ROWS_FIELD] = rows;
  return values;
}

/** The form again, with what was typed and what is wrong. */
function meetingFormAnswer(values: Record<string, unknown>, problem: Omit<MeetingFormState, "values" | "answerId">): MeetingFormState {
  return { ...problem, values: values as MeetingFormState["values"], answerId: crypto.randomUUID() };
}

const slugTaken = (values: Record<string, unknown>) =>
  meetingFormAnswer(values, { fieldErrors: { slug: "slug.taken" }, error: "slug-taken" });

const createMeetingAction = organizerAction(
  {
    allow: (organizer) => organizer.canCreateMeetings,
    forbidden: (values) => meetingFormAnswer(values, { fieldErrors: {}, error: "forbidden" }),
    schema: meetingInputSchema,
    fields: MEETING_FIELDS,
    read: readMeetingForm,
    invalid: (_context, { fieldErrors, values }) => meetingFormAnswer(values, { fieldErrors }),
  },
  async ({ db, actor }, input, values): Promise<MeetingFormState> => {
    const result = await createMeeting(db, { input, actor, now: new Date() });
    if (!result.ok) return slugTaken(values);
    redirect(`/admin/meetings/${result.meeting.id}?done=created`);
  },
);

const updateMeetingAction = meetingAction(
  {
    permission: "edit-meeting",
    schema: meetingInputSchema,
    fields: MEETING_FIELDS,
    read: readMeetingForm,
    invalid: (_context, { fieldErrors, values }) => meetingFormAnswer(values, { fieldErrors }),
  },
  async ({ db, meeting, actor }, input, values): Promise<MeetingFormState> => {
    const result = await updateMeeting(db, { meetingId: meeting.id, input, actor, now: new Date(), appUrl: getEnv().APP_URL });
    if (!result.ok) return slugTaken(values);
    redirect(`/admin/meetings/${meeting.id}?done=updated${result.notified === null ? "" : `&notified=${result.notified}`}`);
  },
);

/** The meeting form: a new meeting (`meetingId` null) or changes to one. */
export async function saveMeetingAction(
  meetingId: string | null,
  previous: MeetingFormState,
  formData: FormData,
): Promise<MeetingFormState> {
  // "Add another session" (a submit button, so it works without JavaScript): the same form with
  // one more session row, nothing saved, nothing checked yet.
  if (formData.get("intent") === ADD_SESSION_INTENT) {
    if (meetingId === null) await requireOrganizerAction();
    else await requireMeetingAction(meetingId, "edit-meeting");
    const values = readMeetingForm(previous, formData);
    values[SESSION_ROWS_FIELD] = String(sessionRowCount(values) + 1);
    return { fieldErrors: {}, values, answerId: crypto.randomUUID() };
  }
  return meetingId === null ? createMeetingAction(previous, formData) : updateMeetingAction(meetingId, previous, formData);
}

export type ConnectionFormState = {
  fieldErrors: Partial<Record<(typeof CONNECTION_FIELDS)[number], string>>;
  values: Record<string, string>;
  answerId?: string;
};

export const saveConnectionInstructionsAction = meetingAction(
  {
    permission: "notify",
    schema: connectionInstructionsSchema,
    fields: CONNECTION_FIELDS,
    read: (_previous: ConnectionFormState, formData: FormData) => {
      const values: Record<string, string> = {};
      for (const field of [...CONNECTION_FIELDS, "notify"]) {
        const value = formData.get(field);
        if (typeof value === "string") values[field] = value;
      }
      return values;
    },
    invalid: (_context, { fieldErrors, values }): ConnectionFormState => ({
      fieldErrors,
      values: values as Record<string, string>,
      answerId: crypto.randomUUID(),
    }),
  },
  async ({ db, meeting, actor }, input, values): Promise<ConnectionFormState> => {
    const result = await updateConnectionInstructions(db, {
      meetingId: meeting.id,
      input,
      notify: values.notify === "yes",
      actor,
      now: new Date(),
      appUrl: getEnv().APP_URL,
    });
    redirect(`/admin/meetings/${meeting.id}?done=connection&notified=${result.notified}`);
  },
);
