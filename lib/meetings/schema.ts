// The meeting form's one schema (organizer console): every fact of an invitation, its window and
// its connection instructions. Times are typed as wall-clock times in the meeting's time zone.
import { z } from "zod";
import { optionalText as optionalFormText, requiredText } from "@/lib/forms/text.ts";
import { LOCALES } from "@/lib/i18n/config.ts";
import { isValidTimeZone, parseZonedDateTimeLocal } from "@/lib/i18n/zoned-time.ts";
import {
  MEETING_TEXT_FIELDS,
  MEETING_TEXT_LIMITS,
  type MeetingTexts,
  TRANSLATION_FIELDS,
  type TranslationField,
  translationFieldName,
} from "@/lib/i18n/meeting-texts.ts";
import { PARTICIPANT_CATEGORIES } from "@/lib/participants/categories.ts";
import { DEFAULT_JOIN_OPENS_MINUTES_BEFORE, MAX_JOIN_OPENS_MINUTES_BEFORE } from "@/lib/meetings/rules.ts";
import { readSessionRows, SESSION_FIELDS, sessionRowsShape } from "@/lib/meetings/session-rows.ts";
import { DEFAULT_REMINDER_OFFSETS, REMINDER_OFFSET_CHOICES } from "@/lib/notices/reminders.ts";

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
// Input documents (issue #14): the series prefix ("QIT4N-I"; empty = not taken here), the largest
// file in MB (1–50; the upload route's ceiling is 50 MB), the late policy, the template link.
const DOCUMENT_MAX_MEGABYTES = { default: 25, ceiling: 50 };
export const documentSettingsShape = {
  documentSeriesPrefix: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null)
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,18}[A-Za-z0-9])?$/, { error: "documentSeriesPrefix.invalid" })
        .nullable(),
    ),
  documentMaxMegabytes: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? Number(value) : DOCUMENT_MAX_MEGABYTES.default))
    .pipe(
      z
        .number({ error: "documentMaxMegabytes.invalid" })
        .int({ error: "documentMaxMegabytes.invalid" })
        .min(1, { error: "documentMaxMegabytes.invalid" })
        .max(DOCUMENT_MAX_MEGABYTES.ceiling, { error: "documentMaxMegabytes.invalid" }),
    ),
  documentLatePolicy: z.enum(["REFUSE", "ACCEPT_LATE"], { error: "documentLatePolicy.required" }).default("REFUSE"),
  documentTemplateUrl: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null)
    .pipe(
      z
        .string()
        .max(500, { error: "documentTemplateUrl.invalid" })
        .refine((value) => URL.canParse(value) && new URL(value).protocol === "https:", { error: "documentTemplateUrl.invalid" })
        .nullable(),
    ),
};
const dateTimeLocal = z.string({ error: "dateTime.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "dateTime.invalid" });

export const connectionInstructionsSchema = z.object({
  connectionJoinUrl: optionalHttpsUrl,
  connectionMeetingId: optionalText(100),
  connectionPasscode: optionalText(100),
  connectionDialIn: optionalText(2000),
  connectionNotes: optionalText(4000),
});

// The meeting's texts in each language, as flat form fields ("title_ru"): all optional, each as
// long as its default-language column allows.
const translationShape = Object.fromEntries(
  LOCALES.flatMap((locale) =>
    MEETING_TEXT_FIELDS.map((field) => [translationFieldName(field, locale), optionalText(MEETING_TEXT_LIMITS[field])]),
  ),
) as Record<TranslationField, ReturnType<typeof optionalText>>;

/** A number of hours for the focal-point follow-ups (1 to 720); empty or absent keeps the default. */
function focalPointHours(fallback: number) {
  return z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? Number(value) : fallback))
    .pipe(
      z
        .number({ error: "focalPointHours.invalid" })
        .int({ error: "focalPointHours.invalid" })
        .min(1, { error: "focalPointHours.invalid" })
        .max(720, { error: "focalPointHours.invalid" }),
    );
}

/** The meeting form's "Approval" choices, in the order it shows them. */
export const APPROVAL_MODES = ["AUTOMATIC", "MANUAL", "FOCAL_POINT"] as const;

export const meetingInputSchema = z
  .object({
    defaultLocale: z.enum(LOCALES, { error: "defaultLocale.required" }),
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
    approvalMode: z.enum(APPROVAL_MODES, { error: "approvalMode.required" }),
    // In focal-point mode: when a waiting request is reminded, then sent to the organizers.
    focalPointReminderHours: focalPointHours(48),
    focalPointEscalationHours: focalPointHours(96),
    focalPointEscalationBeforeCloseHours: focalPointHours(48),
    // A checkbox (value "yes"): in focal-point mode, a focal point's approval confirms at once.
    confirmFocalPointApprovals: z
      .string()
      .optional()
      .transform((value) => value === "yes"),
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
    // Radios "yes"/"no": on unless the organizer says no (a form without the field keeps it on).
    personalJoinLinks: z
      .enum(["yes", "no"], { error: "personalJoinLinks.required" })
      .default("yes")
      .transform((value) => value === "yes"),
    joinOpensMinutesBefore: z
      .string()
      .optional()
      .transform((value) => (value?.trim() ? Number(value) : DEFAULT_JOIN_OPENS_MINUTES_BEFORE))
      .pipe(
        z
          .number({ error: "joinOpens.invalid" })
          .int({ error: "joinOpens.invalid" })
          .min(0, { error: "joinOpens.invalid" })
          .max(MAX_JOIN_OPENS_MINUTES_BEFORE, { error: "joinOpens.invalid" }),
      ),
    // Checkboxes: the offsets (minutes before the first session) and "off", beside an empty hidden
    // value so that a form with none ticked says so. A form without the field keeps the defaults.
    reminderOffsetsMinutes: z
      .array(z.string())
      .optional()
      .transform((values, context) => {
        if (values === undefined) return [...DEFAULT_REMINDER_OFFSETS];
        const ticked = values.filter((value) => value !== "");
        const offsets = REMINDER_OFFSET_CHOICES.filter((offset) => ticked.includes(String(offset)));
        const off = ticked.includes("off");
        if (off && offsets.length > 0) context.addIssue({ code: "custom", message: "reminders.offAndTimes" });
        else if (!off && offsets.length === 0) context.addIssue({ code: "custom", message: "reminders.required" });
        return off ? [] : offsets;
      }),
  })
  .merge(connectionInstructionsSchema)
  .extend(documentSettingsShape)
  .extend(translationShape)
  .extend(sessionRowsShape)
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
    // The default language's texts are the main fields: a second copy under its name would never show.
    const texts: MeetingTexts = {};
    for (const locale of LOCALES)
      for (const field of MEETING_TEXT_FIELDS) {
        const name = translationFieldName(field, locale);
        const text = input[name];
        if (!text) continue;
        if (locale === input.defaultLocale) context.addIssue({ code: "custom", path: [name], message: "text.defaultLanguage" });
        else texts[locale] = { ...texts[locale], [field]: text };
      }
    // Sessions must lie within the meeting's start and end (docs/decisions/0012-meeting-sessions.md).
    const { sessions, issues } = readSessionRows(input, { timeZone: input.timeZone, startsAt, endsAt });
    for (const issue of issues) context.addIssue({ code: "custom", ...issue });
    if (!startsAt || !endsAt || !registrationOpensAt || !registrationClosesAt) return z.NEVER;
    const facts = Object.fromEntries(Object.entries(input).filter(([key]) => !FORM_ONLY_NAMES.has(key))) as Omit<
      typeof input,
      TranslationField | (typeof SESSION_FIELDS)[number]
    >;
    // A deadline typed as 23:59 means the whole of that minute.
    return {
      ...facts,
      texts,
      sessions,
      startsAt,
      endsAt,
      registrationOpensAt,
      registrationClosesAt: new Date(registrationClosesAt.getTime() + 59_999),
      documentDeadline,
      documentMaxBytes: input.documentMaxMegabytes * 1024 * 1024,
    };
  });

// Fields that are not columns of the meeting: its translations (-> texts) and sessions (-> sessions).
const FORM_ONLY_NAMES: ReadonlySet<string> = new Set([...TRANSLATION_FIELDS, ...SESSION_FIELDS, "documentMaxMegabytes"]);

export type MeetingInput = z.output<typeof meetingInputSchema>;
export type ConnectionInstructionsInput = z.output<typeof connectionInstructionsSchema>;

export const MEETING_FIELDS = [
  "defaultLocale",
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
  "confirmFocalPointApprovals",
  "focalPointReminderHours",
  "focalPointEscalationHours",
  "focalPointEscalationBeforeCloseHours",
  "capacity",
  "retentionDays",
  "connectionJoinUrl",
  "connectionMeetingId",
  "connectionPasscode",
  "connectionDialIn",
  "connectionNotes",
  "personalJoinLinks",
  "joinOpensMinutesBefore",
  "reminderOffsetsMinutes",
  "documentSeriesPrefix",
  "documentMaxMegabytes",
  "documentLatePolicy",
  "documentTemplateUrl",
  ...TRANSLATION_FIELDS,
  ...SESSION_FIELDS,
] as const;
export type MeetingField = (typeof MEETING_FIELDS)[number];
export const CONNECTION_FIELDS = [
  "connectionJoinUrl",
  "connectionMeetingId",
  "connectionPasscode",
  "connectionDialIn",
  "connectionNotes",
] as const;
