// The console's organizer forms, shared by the form and the server: add someone by email with a
// role, change a role, remove a role.
import { z } from "zod";
import { emailAddressSchema } from "@/lib/forms/email-address.ts";

/** Roles from most to least rights (the order the console lists them in). */
export const ORGANIZER_ROLES = ["OWNER", "EDITOR", "VIEWER"] as const;

const role = z.enum(ORGANIZER_ROLES, { error: "role.required" });
// Auth.js user ids (cuid); never more than an id's characters reach a query.
const userId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const ADD_ORGANIZER_FIELDS = ["email", "role"] as const;
export type AddOrganizerField = (typeof ADD_ORGANIZER_FIELDS)[number];

export const addOrganizerSchema = z.object({ email: emailAddressSchema, role });
export const changeRoleSchema = z.object({ userId, role });
export const removeRoleSchema = z.object({ userId });
