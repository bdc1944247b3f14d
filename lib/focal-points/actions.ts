"use server";
// The console's focal-point changes, at the edge: organizers who may create meetings (the
// secretariat) keep the list, through the one organizer-action wrapper (sign-in, right, parse),
// then the service. Plain form posts: everything works without JavaScript.
import { redirect } from "next/navigation";
import { organizerAction } from "@/lib/auth/organizer-action.ts";
import { findFocalPointImport } from "@/lib/focal-points/queries.ts";
import {
  FOCAL_POINT_FIELDS,
  type FocalPointField,
  focalPointFormSchema,
  focalPointIdSchema,
  focalPointImportIdSchema,
} from "@/lib/focal-points/schema.ts";
import { applyFocalPointImport, removeFocalPoint, saveFocalPoint } from "@/lib/focal-points/service.ts";
import { isUuid } from "@/lib/forms/ids.ts";

export type FocalPointFormState = {
  fieldErrors: Partial<Record<FocalPointField, string>>;
  values: Record<string, string | string[]>;
  answerId?: string;
};

const LIST = "/admin/focal-points";
const allow = (organizer: { canCreateMeetings: boolean }) => organizer.canCreateMeetings;
const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

function readFocalPointForm(_previous: FocalPointFormState, formData: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of FOCAL_POINT_FIELDS) {
    if (field === "meetingIds") values[field] = formData.getAll(field).filter((value) => typeof value === "string");
    else {
      const value = text(formData, field);
      if (value !== undefined) values[field] = value;
    }
  }
  values.focalPointId = text(formData, "focalPointId");
  return values;
}

const stateOf = (fieldErrors: FocalPointFormState["fieldErrors"], values: Record<string, unknown>): FocalPointFormState => ({
  fieldErrors,
  values: Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string | string[]] => typeof entry[1] === "string" || Array.isArray(entry[1])),
  ),
  answerId: crypto.randomUUID(),
});

/** Add a focal point, or change the one named by the form's hidden `focalPointId`. */
export const saveFocalPointAction = organizerAction(
  {
    allow,
    forbidden: () => redirect("/admin?error=forbidden"),
    schema: focalPointFormSchema,
    fields: FOCAL_POINT_FIELDS,
    read: readFocalPointForm,
    invalid: (_context, { fieldErrors, values }) => stateOf(fieldErrors, values),
  },
  async ({ db, actor }, input, values): Promise<FocalPointFormState> => {
    const id = values.focalPointId;
    if (id !== undefined && !isUuid(id)) redirect(`${LIST}?error=invalid`);
    const result = await saveFocalPoint(db, { id: id as string | undefined, input, actor, now: new Date() });
    if (!result.ok) {
      if (result.reason === "not-found") redirect(`${LIST}?error=invalid`);
      return stateOf(result.reason === "duplicate" ? { email: "email.duplicate" } : { meetingIds: "meetingIds.invalid" }, values);
    }
    redirect(`${LIST}?done=${id ? "changed" : "added"}`);
  },
);

export const removeFocalPointAction = organizerAction(
  {
    allow,
    forbidden: () => redirect("/admin?error=forbidden"),
    schema: focalPointIdSchema,
    fields: ["focalPointId"],
    read: (formData: FormData) => ({ focalPointId: text(formData, "focalPointId") }),
    invalid: () => redirect(`${LIST}?error=invalid`),
  },
  async ({ db, actor }, input) => {
    const removed = await removeFocalPoint(db, { id: input.focalPointId, actor, now: new Date() });
    redirect(`${LIST}?${removed ? "done=removed" : "error=invalid"}`);
  },
);

/** Apply an uploaded list whose preview the organizer has seen; an import applies once. */
export const applyFocalPointImportAction = organizerAction(
  {
    allow,
    forbidden: () => redirect("/admin?error=forbidden"),
    schema: focalPointImportIdSchema,
    fields: ["importId"],
    read: (formData: FormData) => ({ importId: text(formData, "importId") }),
    invalid: () => redirect(`${LIST}?error=import-gone`),
  },
  async ({ db, organizer, actor }, input) => {
    const now = new Date();
    const stored = await findFocalPointImport(db, { importId: input.importId, userId: organizer.userId, now });
    if (!stored) redirect(`${LIST}?error=import-gone`);
    const result = await applyFocalPointImport(db, { text: stored.content, actor, now, importId: stored.id });
    if (!result.ok) redirect("reason" in result ? `${LIST}?error=import-applied` : `${LIST}/import/${stored.id}`);
    const count = (kind: string) => result.changes.filter((change) => change.change === kind).length;
    redirect(`${LIST}?done=imported&added=${count("add")}&updated=${count("update")}`);
  },
);
