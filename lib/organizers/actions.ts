"use server";
// The console's organizer changes, at the edge: owners of the meeting ("manage-organizers"),
// through the one organizer-action wrapper (sign-in, role, parse), then the service. Plain form
// posts: everything works without JavaScript. Anyone else gets nothing and changes nothing.
import { redirect } from "next/navigation";
import { meetingAction } from "@/lib/auth/organizer-action.ts";
import {
  ADD_ORGANIZER_FIELDS,
  type AddOrganizerField,
  addOrganizerSchema,
  changeRoleSchema,
  removeRoleSchema,
} from "@/lib/organizers/schema.ts";
import { changeMeetingRole, grantMeetingRole, removeMeetingRole } from "@/lib/organizers/service.ts";

export type OrganizerFormState = {
  fieldErrors: Partial<Record<AddOrganizerField, string>>;
  values: Record<string, string>;
  answerId?: string;
};

function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

/**
 * Where to go after a change. An owner who made themselves editor or viewer may no longer manage
 * organizers: they go to the meeting's page instead.
 */
function pageAfter(meetingId: string, done: string, changedSelf: boolean): string {
  return changedSelf ? `/admin/meetings/${meetingId}?done=role-changed` : `/admin/meetings/${meetingId}/organizers?done=${done}`;
}

const organizersPage = (meetingId: string) => `/admin/meetings/${meetingId}/organizers`;
const PERMISSION = "manage-organizers";

export const addMeetingOrganizerAction = meetingAction(
  {
    permission: PERMISSION,
    schema: addOrganizerSchema,
    fields: ADD_ORGANIZER_FIELDS,
    read: (_previous: OrganizerFormState, formData: FormData) => {
      const values: Record<string, string> = {};
      for (const field of ADD_ORGANIZER_FIELDS) {
        const value = text(formData, field);
        if (value !== undefined) values[field] = value;
      }
      return values;
    },
    invalid: (_context, { fieldErrors, values }): OrganizerFormState => ({
      fieldErrors,
      values: values as Record<string, string>,
      answerId: crypto.randomUUID(),
    }),
  },
  async ({ db, organizer, meeting, actor }, input, values): Promise<OrganizerFormState> => {
    const result = await grantMeetingRole(db, { meetingId: meeting.id, email: input.email, role: input.role, actor });
    if (!result.ok) {
      const fieldErrors = { role: result.reason === "last-owner" ? "last-owner" : "role.required" };
      return { fieldErrors, values: values as Record<string, string>, answerId: crypto.randomUUID() };
    }
    redirect(
      pageAfter(meeting.id, result.change, input.email === organizer.email && input.role !== "OWNER" && result.change === "changed"),
    );
  },
);

export const changeMeetingRoleAction = meetingAction(
  {
    permission: PERMISSION,
    schema: changeRoleSchema,
    fields: ["userId", "role"],
    read: (formData: FormData) => ({ userId: text(formData, "userId"), role: text(formData, "role") }),
    invalid: ({ meeting }) => redirect(`${organizersPage(meeting.id)}?error=invalid`),
  },
  async ({ db, organizer, meeting, actor }, input) => {
    const result = await changeMeetingRole(db, { meetingId: meeting.id, userId: input.userId, role: input.role, actor });
    if (!result.ok) redirect(`${organizersPage(meeting.id)}?error=${result.reason === "last-owner" ? "last-owner" : "invalid"}`);
    redirect(
      pageAfter(meeting.id, result.change, input.userId === organizer.userId && input.role !== "OWNER" && result.change === "changed"),
    );
  },
);

export const removeMeetingRoleAction = meetingAction(
  {
    permission: PERMISSION,
    schema: removeRoleSchema,
    fields: ["userId"],
    read: (formData: FormData) => ({ userId: text(formData, "userId") }),
    invalid: ({ meeting }) => redirect(`${organizersPage(meeting.id)}?error=invalid`),
  },
  async ({ db, organizer, meeting, actor }, input) => {
    const result = await removeMeetingRole(db, { meetingId: meeting.id, userId: input.userId, actor });
    if (!result.ok) redirect(`${organizersPage(meeting.id)}?error=${result.reason === "last-owner" ? "last-owner" : "invalid"}`);
    // An owner who removed themselves has no business on this meeting's pages any more.
    redirect(input.userId === organizer.userId ? "/admin" : `${organizersPage(meeting.id)}?done=removed`);
  },
);
