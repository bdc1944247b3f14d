// The meeting form's one schema (organizer console): every fact of an invitation, its window and
// its connection instructions. Times are typed as wall-clock times in the meeting's time zone.
import { z } from "zod";
import { optionalText as optionalFormText, requiredText } from "@/lib/forms/text.ts";
import { isValidTimeZone, parseZonedDateTimeLocal } from "@/lib/i18n/zoned-time.ts";
import { PARTICIPANT_CATEGORIES } from "@/lib/participants/categories.ts";

// Every text of the meeting form may run over several lines; the shared cleaner refuses control
// characters and bidi overrides in all of them (lib/forms/text.ts).
const TEXT_KEYS = { required: "text.required", tooLong: "text.tooLong", invalid: "text.invalid" };
const text = (max: number) => requiredText(TEXT_KEYS, { max, multiline: true });
// Empty is stored as NULL.
const optionalText = (max: number) => optionalFormText(TEXT_KEYS, { max, multiline: true }).transform((value) => value ?? null);
const optionalHttpsUrl = z
  .string()
  .optional()
  .transform((value) => value?.trim() || null)
  .pipe(
    z
      .string()
      .max(1000, { error: "text.tooLong" })
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), { error: "url.invalid" })
      .nullable(),
  );
const dateTimeLocal = z.string({ error: "dateTime.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "dateTime.invalid" });

export const connectionInstructionsSchema = z.object({
  connectionJoinUrl: optionalHttpsUrl,
  connectionMeetingId: optionalText(100),
  connectionPasscode: optionalText(100),
  connectionDialIn: optionalText(2000),
  connectionNotes: optionalText(4000),
});

export const meetingInputSchema = z
  .object({
    slug: z
      .string({ error: "slug.invalid" })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, { error: "slug.invalid" }),
    title: text(300),
    shortName: text(60),
    circularReference: optionalText(120),
    summary: optionalText(4000),
    format: z.enum(["REMOTE", "IN_PERSON", "HYBRID"], { error: "format.required" }),
    timeZone: z.string({ error: "timeZone.invalid" }).trim().refine(isValidTimeZone, { error: "timeZone.invalid" }),
    startsAt: dateTimeLocal,
    endsAt: dateTimeLocal,
    registrationOpensAt: dateTimeLocal,
    registrationClosesAt: dateTimeLocal,
    documentDeadline: z
      .string()
      .optional()
      .transform((value) => value || null)
      .pipe(dateTimeLocal.nullable()),
    languages: text(200),
    fee: text(200),
    contactName: text(200),
    contactEmail: z.email({ error: "email.invalid" }).max(254),
    contactPhone: optionalText(60),
    homePageUrl: optionalHttpsUrl,
    eligibleCategories: z.array(z.enum(PARTICIPANT_CATEGORIES)).min(1, { error: "categories.required" }),
    eligibilityNote: optionalText(2000),
    documentSubmission: optionalText(500),
    approvalMode: z.enum(["AUTOMATIC", "MANUAL"], { error: "approvalMode.required" }),
    capacity: z
      .string()
      .optional()
      .transform((value) => (value?.trim() ? Number(value) : null))
      .pipe(
        z
          .number({ error: "capacity.invalid" })
          .int({ error: "capacity.invalid" })
          .min(1, { error: "capacity.invalid" })
          .max(1_000_000)
          .nullable(),
      ),
    retentionDays: z.coerce
      .number({ error: "retention.invalid" })
      .int()
      .min(1, { error: "retention.invalid" })
      .max(3650, { error: "retention.invalid" })
      .default(90),
  })
  .merge(connectionInstructionsSchema)
  .transform((input, context) => {
    const instant = (field: "startsAt" | "endsAt" | "registrationOpensAt" | "registrationClosesAt" | "documentDeadline") => {
      const value = input[field];
      if (!value) return null;
      const parsed = parseZonedDateTimeLocal(value, input.timeZone);
      if (!parsed) context.addIssue({ code: "custom", path: [field], message: "dateTime.invalid" });
      return parsed;
    };
    const startsAt = instant("startsAt");
    const endsAt = instant("endsAt");
    const registrationOpensAt = instant("registrationOpensAt");
    const registrationClosesAt = instant("registrationClosesAt");
    const documentDeadline = instant("documentDeadline");
    if (startsAt && endsAt && endsAt <= startsAt) context.addIssue({ code: "custom", path: ["endsAt"], message: "endsAt.beforeStart" });
    if (registrationOpensAt && registrationClosesAt && registrationClosesAt <= registrationOpensAt)
      context.addIssue({ code: "custom", path: ["registrationClosesAt"], message: "closesAt.beforeOpen" });
    if (!startsAt || !endsAt || !registrationOpensAt || !registrationClosesAt) return z.NEVER;
    // A deadline typed as 23:59 means the whole of that minute.
    return {
      ...input,
      startsAt,
      endsAt,
      registrationOpensAt,
      registrationClosesAt: new Date(registrationClosesAt.getTime() + 59_999),
      documentDeadline,
    };
  });

export type MeetingInput = z.output<typeof meetingInputSchema>;
export type ConnectionInstructionsInput = z.output<typeof connectionInstructionsSchema>;

export const MEETING_FIELDS = [
  "slug",
  "title",
  "shortName",
  "circularReference",
  "summary",
  "format",
  "timeZone",
  "startsAt",
  "endsAt",
  "registrationOpensAt",
  "registrationClosesAt",
  "documentDeadline",
  "languages",
  "fee",
  "contactName",
  "contactEmail",
  "contactPhone",
  "homePageUrl",
  "eligibleCategories",
  "eligibilityNote",
  "documentSubmission",
  "approvalMode",
  "capacity",
  "retentionDays",
  "connectionJoinUrl",
  "connectionMeetingId",
  "connectionPasscode",
  "connectionDialIn",
  "connectionNotes",
] as const;
export type MeetingField = (typeof MEETING_FIELDS)[number];
export const CONNECTION_FIELDS = [
  "connectionJoinUrl",
  "connectionMeetingId",
  "connectionPasscode",
  "connectionDialIn",
  "connectionNotes",
] as const;
