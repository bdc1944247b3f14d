// A meeting's own texts in the six languages. The Meeting row's columns hold them in the meeting's
// default language; `Meeting.texts` holds the others. A reader in a language the organizers did
// not write gets the default text, marked with its real language so that screen readers,
// hyphenation and fonts treat it right (issue #11, point 4). Pure: no data access. It lives in
// lib/i18n, below the features, because lib/notices (emails) needs it as much as lib/meetings.
import { z } from "zod";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale, textDirection } from "@/lib/i18n/config.ts";

/** The meeting texts an organizer may give per language, with their longest length. */
export const MEETING_TEXT_LIMITS = {
  title: 300,
  circularReference: 120,
  summary: 4000,
  languages: 200,
  fee: 200,
  contactName: 200,
  contactPhone: 60,
  eligibilityNote: 2000,
  documentSubmission: 500,
  connectionNotes: 4000,
} as const;
export type MeetingTextField = keyof typeof MEETING_TEXT_LIMITS;
export const MEETING_TEXT_FIELDS = Object.keys(MEETING_TEXT_LIMITS) as MeetingTextField[];

export type MeetingTexts = Partial<Record<Locale, Partial<Record<MeetingTextField, string>>>>;

const textsInOneLanguage = z.object(
  Object.fromEntries(
    MEETING_TEXT_FIELDS.map((field) => [field, z.string().min(1).max(MEETING_TEXT_LIMITS[field]).optional().catch(undefined)]),
  ) as unknown as Record<MeetingTextField, z.ZodType<string | undefined>>,
);

/**
 * `Meeting.texts` as stored, read defensively: unknown languages and fields, and values of the
 * wrong type, are dropped rather than shown.
 */
export function readMeetingTexts(stored: unknown): MeetingTexts {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  const texts: MeetingTexts = {};
  for (const [locale, value] of Object.entries(stored)) {
    if (!isLocale(locale)) continue;
    const parsed = textsInOneLanguage.safeParse(value);
    if (!parsed.success) continue;
    const present = Object.fromEntries(Object.entries(parsed.data).filter(([, text]) => typeof text === "string" && text !== ""));
    if (Object.keys(present).length > 0) texts[locale] = present;
  }
  return texts;
}

/** A text and the language it is written in. */
export type LocalizedText = { text: string; lang: Locale };

type MeetingWithTexts = { defaultLocale: string; texts: unknown } & { [Field in MeetingTextField]?: string | null };

/**
 * The meeting's text of `field` for a reader of `locale`: their language's text if the organizers
 * gave one, else the default-language text; null if there is none at all.
 */
export function meetingText(
  meeting: MeetingWithTexts,
  field: MeetingTextField,
  locale: Locale,
  texts = readMeetingTexts(meeting.texts),
): LocalizedText | null {
  const own = texts[locale]?.[field];
  if (own) return { text: own, lang: locale };
  const fallback = meeting[field];
  if (!fallback) return null;
  return { text: fallback, lang: isLocale(meeting.defaultLocale) ? meeting.defaultLocale : DEFAULT_LOCALE };
}

/** The texts every meeting has in its default language (required columns). */
type RequiredTextField = "title" | "languages" | "fee" | "contactName";
export type MeetingTextsForReader = { [Field in MeetingTextField]: Field extends RequiredTextField ? LocalizedText : LocalizedText | null };

/** Every meeting text for a reader of `locale` (see meetingText). */
export function meetingTextsFor(
  meeting: MeetingWithTexts & { [Field in RequiredTextField]: string },
  locale: Locale,
): MeetingTextsForReader {
  const texts = readMeetingTexts(meeting.texts);
  return Object.fromEntries(
    MEETING_TEXT_FIELDS.map((field) => [field, meetingText(meeting, field, locale, texts)]),
  ) as MeetingTextsForReader;
}

/**
 * The attributes that mark a text in another language than the page's: `lang` and, since a
 * fallback may run the other way (English in an Arabic page), `dir`. Nothing when they agree.
 */
export function languageMark(text: LocalizedText, pageLocale: Locale): { lang?: Locale; dir?: "ltr" | "rtl" } {
  if (text.lang === pageLocale) return {};
  return { lang: text.lang, dir: textDirection(text.lang) };
}

/** The form's flat field name for `field` in `locale`, e.g. "title_ru". */
export function translationFieldName(field: MeetingTextField, locale: Locale): `${MeetingTextField}_${Locale}` {
  return `${field}_${locale}`;
}

export const TRANSLATION_FIELDS = LOCALES.flatMap((locale) => MEETING_TEXT_FIELDS.map((field) => translationFieldName(field, locale)));
export type TranslationField = ReturnType<typeof translationFieldName>;

/** The texts as flat "texts.<locale>.<field>" entries, in a fixed order: what the audit compares. */
export function flatMeetingTexts(texts: MeetingTexts): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const locale of LOCALES)
    for (const field of MEETING_TEXT_FIELDS) {
      const text = texts[locale]?.[field];
      if (text) flat[`texts.${locale}.${field}`] = text;
    }
  return flat;
}

/** The stored texts as the meeting form's flat fields ("title_ru": …), for editing. */
export function translationFormValues(stored: unknown): Record<string, string> {
  const texts = readMeetingTexts(stored);
  const values: Record<string, string> = {};
  for (const locale of LOCALES)
    for (const field of MEETING_TEXT_FIELDS) {
      const text = texts[locale]?.[field];
      if (text) values[translationFieldName(field, locale)] = text;
    }
  return values;
}
