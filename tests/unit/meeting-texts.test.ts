// A meeting's texts per language: which text a reader of each language gets, how a fallback is
// marked, and what the meeting form accepts and refuses for the texts in other languages.
import { describe, expect, it } from "vitest";
import { firstErrorPerField } from "@/lib/forms/errors.ts";
import { languageMark, meetingText, meetingTextsFor, readMeetingTexts, translationFormValues } from "@/lib/i18n/meeting-texts.ts";
import { MEETING_FIELDS, meetingInputSchema } from "@/lib/meetings/schema.ts";
import { MEETING_FORM_POST as FORM } from "../helpers/factories.ts";

const MEETING = {
  defaultLocale: "en",
  title: "Tenth meeting of the Focus Group",
  languages: "English only",
  fee: "Free of charge",
  summary: "Finalize the deliverables.",
  contactName: "Secretariat",
  eligibilityNote: null,
  documentSubmission: null,
  connectionNotes: "Join early.",
  texts: { ru: { title: "Десятое собрание Оперативной группы", fee: "Бесплатно" } },
};

describe("the text a reader gets", () => {
  it("a Russian reader gets the Russian title, marked as Russian", () => {
    expect(meetingText(MEETING, "title", "ru")).toEqual({ text: "Десятое собрание Оперативной группы", lang: "ru" });
  });

  it("a Russian reader gets the English summary the organizers gave no Russian for, marked as English", () => {
    expect(meetingText(MEETING, "summary", "ru")).toEqual({ text: "Finalize the deliverables.", lang: "en" });
  });

  it("a Chinese reader of a meeting with no Chinese text gets every text in English, marked as English", () => {
    const texts = meetingTextsFor(MEETING, "zh");
    expect(texts.title).toEqual({ text: MEETING.title, lang: "en" });
    expect(texts.fee).toEqual({ text: "Free of charge", lang: "en" });
    expect(texts.eligibilityNote).toBeNull();
  });

  it("a meeting written in French falls back to French, not English", () => {
    const french = { ...MEETING, defaultLocale: "fr", title: "Dixième réunion", texts: {} };
    expect(meetingText(french, "title", "es")).toEqual({ text: "Dixième réunion", lang: "fr" });
  });

  it("a fallback is marked with lang and dir; a text in the page's own language is not marked", () => {
    expect(languageMark({ text: "x", lang: "en" }, "ar")).toEqual({ lang: "en", dir: "ltr" });
    expect(languageMark({ text: "x", lang: "ar" }, "en")).toEqual({ lang: "ar", dir: "rtl" });
    expect(languageMark({ text: "x", lang: "ru" }, "ru")).toEqual({});
  });

  it("stored texts in unknown languages, unknown fields, wrong types and empty strings are dropped", () => {
    const stored = {
      ru: { title: "Есть", summary: 42, bogus: "x", fee: "" },
      xx: { title: "?" },
      fr: "not an object",
      es: { title: "Sí" },
    };
    expect(readMeetingTexts(stored)).toEqual({ ru: { title: "Есть" }, es: { title: "Sí" } });
    expect(readMeetingTexts(null)).toEqual({});
    expect(readMeetingTexts(["ru"])).toEqual({});
  });

  it("the form is filled from the stored texts under flat names", () => {
    expect(translationFormValues(MEETING.texts)).toEqual({ title_ru: "Десятое собрание Оперативной группы", fee_ru: "Бесплатно" });
  });
});

describe("the meeting form's texts in other languages", () => {
  it("texts given in Russian and Arabic are kept per language; empty ones are not stored", () => {
    const parsed = meetingInputSchema.parse({ ...FORM, title_ru: "  Десятое собрание ", summary_ar: "وصف الاجتماع", fee_fr: "" });
    expect(parsed.texts).toEqual({ ru: { title: "Десятое собрание" }, ar: { summary: "وصف الاجتماع" } });
    expect(Object.keys(parsed).filter((key) => key.includes("_"))).toEqual([]);
  });

  it("a text under the meeting's own language is refused on that field: it would never be shown", () => {
    const result = meetingInputSchema.safeParse({ ...FORM, defaultLocale: "ru", title_ru: "Десятое собрание" });
    expect(result.success).toBe(false);
    if (!result.success) expect(firstErrorPerField(result.error, MEETING_FIELDS)).toEqual({ title_ru: "text.defaultLanguage" });
  });

  it("a translated title longer than the title's limit, or with a bidi override, is refused on its field", () => {
    const result = meetingInputSchema.safeParse({ ...FORM, title_fr: "x".repeat(301), summary_ar: "نص \u202E مقلوب" });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(firstErrorPerField(result.error, MEETING_FIELDS)).toEqual({ title_fr: "text.tooLong", summary_ar: "text.invalid" });
  });

  it("a language that is not one of the six is refused", () => {
    const result = meetingInputSchema.safeParse({ ...FORM, defaultLocale: "de" });
    expect(result.success).toBe(false);
    if (!result.success) expect(firstErrorPerField(result.error, MEETING_FIELDS)).toEqual({ defaultLocale: "defaultLocale.required" });
  });
});
