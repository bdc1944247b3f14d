// The console's focal-point form, shared by the form and the server, and the same rules for each
// row of an imported list (lib/focal-points/import.ts). Isomorphic.
import { z } from "zod";
import { emailAddressSchema } from "@/lib/forms/email-address.ts";
import { uuidSchema } from "@/lib/forms/ids.ts";
import { optionalText, requiredText } from "@/lib/forms/text.ts";
import { LOCALES } from "@/lib/i18n/config.ts";
import { isItuMemberState } from "@/lib/participants/countries.ts";
import { type FocalPointScope, organizationKey } from "@/lib/focal-points/rules.ts";

export const FOCAL_POINT_ROLES = ["PRIMARY", "BACKUP"] as const;
export const SCOPE_TYPES = ["memberState", "organization"] as const;
export const MEETING_CHOICES = ["all", "selected"] as const;

export const FOCAL_POINT_FIELDS = [
  "email",
  "name",
  "scopeType",
  "memberState",
  "organization",
  "aliases",
  "role",
  "locale",
  "meetings",
  "meetingIds",
] as const;
export type FocalPointField = (typeof FOCAL_POINT_FIELDS)[number];

/** Most aliases one organization may have, and their length. */
export const MAX_ALIASES = 20;

export const focalPointNameSchema = requiredText(
  { required: "name.required", tooLong: "name.tooLong", invalid: "name.invalid" },
  { max: 200 },
);
export const organizationNameSchema = requiredText(
  { required: "organization.required", tooLong: "organization.tooLong", invalid: "organization.invalid" },
  { max: 300 },
).refine((value) => organizationKey(value) !== "", { error: "organization.invalid" });
export const memberStateSchema = z
  .string({ error: "memberState.required" })
  .trim()
  .min(1, { error: "memberState.required" })
  .transform((value) => value.toUpperCase())
  .refine(isItuMemberState, { error: "memberState.invalid" });
export const focalPointRoleSchema = z.enum(FOCAL_POINT_ROLES, { error: "role.required" });
export const focalPointLocaleSchema = z.enum(LOCALES, { error: "locale.invalid" });

const aliasesSchema = optionalText({ tooLong: "aliases.tooLong", invalid: "aliases.invalid" }, { max: 4000, multiline: true })
  .transform((value) => [
    ...new Set(
      (value ?? "")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ])
  .refine((aliases) => aliases.length <= MAX_ALIASES && aliases.every((alias) => alias.length <= 300), { error: "aliases.tooLong" });

export const focalPointFormSchema = z
  .object({
    email: emailAddressSchema,
    name: focalPointNameSchema,
    scopeType: z.enum(SCOPE_TYPES, { error: "scopeType.required" }),
    memberState: z.string().optional(),
    organization: z.string().optional(),
    aliases: aliasesSchema,
    role: focalPointRoleSchema,
    locale: focalPointLocaleSchema,
    meetings: z.enum(MEETING_CHOICES, { error: "meetings.required" }),
    meetingIds: z.array(uuidSchema).max(500).default([]),
  })
  .transform((input, context) => {
    const scope =
      input.scopeType === "memberState"
        ? memberStateSchema.safeParse(input.memberState ?? "")
        : organizationNameSchema.safeParse(input.organization ?? "");
    if (!scope.success) {
      for (const issue of scope.error.issues) context.addIssue({ code: "custom", message: issue.message, path: [input.scopeType] });
      return z.NEVER;
    }
    if (input.meetings === "selected" && input.meetingIds.length === 0) {
      context.addIssue({ code: "custom", message: "meetingIds.required", path: ["meetingIds"] });
      return z.NEVER;
    }
    const focalScope: FocalPointScope = input.scopeType === "memberState" ? { memberState: scope.data } : { organization: scope.data };
    return {
      email: input.email,
      name: input.name,
      scope: focalScope,
      // Aliases name an organization; a Member State has its UN name.
      aliases: input.scopeType === "organization" ? input.aliases : [],
      role: input.role,
      locale: input.locale,
      allMeetings: input.meetings === "all",
      meetingIds: input.meetings === "all" ? [] : [...new Set(input.meetingIds)],
    };
  });
export type FocalPointInput = z.output<typeof focalPointFormSchema>;

export const focalPointIdSchema = z.object({ focalPointId: uuidSchema });
export const focalPointImportIdSchema = z.object({ importId: uuidSchema });

/** A focal point's decision from their link's page: one of the two buttons, and a reason for a rejection. */
export const focalPointDecisionSchema = z.object({
  decision: z.enum(["approve", "reject"], { error: "decision.required" }),
  reason: optionalText({ tooLong: "reason.tooLong", invalid: "reason.invalid" }, { max: 1000, multiline: true }),
});
