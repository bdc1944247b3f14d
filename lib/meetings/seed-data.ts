// The meetings `npm start` seeds. FG-QIT4N-10 carries every fact of TSB Circular 343
// (shared/seed/tsb-circular-343.*), with its real 2021 dates, so its registration shows as closed.
// The practice meeting copies the invitation with dates relative to the day it is first seeded.
import type { Prisma } from "@/generated/prisma/client.ts";
import { zonedWallClockToInstant } from "@/lib/i18n/zoned-time.ts";

const GENEVA = "Europe/Zurich";
const geneva = (year: number, month: number, day: number, hour = 0, minute = 0) =>
  zonedWallClockToInstant({ year, month, day, hour, minute }, GENEVA);

export const FG_QIT4N_10_SLUG = "fg-qit4n-10";
export const PRACTICE_SLUG = "practice";

const circular343 = {
  title: "Tenth meeting of the ITU-T Focus Group on Quantum Information Technology for Networks (FG-QIT4N)",
  shortName: "FG-QIT4N-10",
  circularReference: "TSB Circular 343",
  circularDate: new Date("2021-09-13T00:00:00Z"),
  summary:
    "The tenth and final meeting of FG-QIT4N will finalize and adopt the focus group's deliverables and prepare its final progress report to TSAG (January 2022), with proposals for further ITU-T work on quantum information technology, including which study group(s) should receive the results and the follow-up actions proposed.",
  format: "REMOTE",
  timeZone: GENEVA,
  languages: "English only",
  fee: "Free of charge",
  contactName: "Xiaoya Yang (TSB)",
  contactEmail: "tsbfgqit4n@itu.int",
  contactPhone: "Tel. +41 22 730 5860, fax +41 22 730 5853",
  homePageUrl: "https://www.itu.int/en/ITU-T/focusgroups/qit4n/Pages/default.aspx",
  eligibleCategories: ["MEMBER_STATE", "SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA", "INDIVIDUAL"],
  eligibilityNote:
    "ITU Member States, Sector Members, Associates and Academia, and any individual from a country that is a member of ITU who wishes to contribute to the work, including individuals who are also members of international, regional and national organizations.",
  documentSubmission:
    "Electronically to tsbfgqit4n@itu.int, using the basic document template from the FG-QIT4N home page; take into account the output documents of the ninth meeting.",
  approvalMode: "AUTOMATIC",
  defaultLocale: "en",
} satisfies Partial<Prisma.MeetingCreateInput>;

// The circular's own Russian text (shared/seed/tsb-circular-343.ru.txt, items 2, 3, 4 and 6), so
// that a Russian reader sees the invitation as the secretariat wrote it.
const circular343Russian = {
  circularReference: "Циркуляр 343 БСЭ",
  contactName: "Сяоя Ян (БСЭ)",
  contactPhone: "Тел.: +41 22 730 5860, факс: +41 22 730 5853",
  title: "Десятое собрание Оперативной группы МСЭ-Т по квантовым информационным технологиям для сетей (ОГ-QIT4N)",
  summary:
    "Основные задачи данного заключительного собрания ОГ-QIT4N: окончательная доработка и принятие итоговых документов ОГ-QIT4N; подготовка проекта своего заключительного отчета о ходе работы для собрания КГСЭ, которое состоится в январе 2022 года, с предложением о дальнейшей деятельности МСЭ-T в области QIT, включая предложения о том, какая исследовательская комиссия (исследовательские комиссии) МСЭ-T будет получателем результатов работы, а также о предлагаемых последующих действиях.",
  languages: "Собрание ОГ проводится только на английском языке",
  fee: "Участие в собрании ОГ является бесплатным",
  eligibilityNote:
    "Принять участие в этом собрании могут Государства – Члены МСЭ, Члены Секторов МСЭ, Ассоциированные члены МСЭ и Академические организации – Члены МСЭ, а также любое лицо из страны, являющейся членом МСЭ, которое пожелает внести свой вклад в его работу. К таким лицам относятся также члены международных, региональных и национальных организаций.",
  documentSubmission:
    "Входные документы представляются в МСЭ (tsbfgqit4n@itu.int) в электронном формате с использованием основного шаблона для документов, размещенного на домашней странице ОГ-QIT4N; принимайте во внимание итоговые документы девятого собрания ОГ-QIT4N.",
};

export function fgQit4n10Meeting(): Prisma.MeetingCreateInput {
  return {
    ...circular343,
    texts: { ru: circular343Russian },
    slug: FG_QIT4N_10_SLUG,
    // The circular gives dates only: the e-meeting runs from 15 November through 22 November 2021.
    startsAt: geneva(2021, 11, 15),
    endsAt: geneva(2021, 11, 23),
    registrationOpensAt: geneva(2021, 9, 13),
    // "no later than 12 November 2021": the whole of that day in Geneva.
    registrationClosesAt: new Date(geneva(2021, 11, 13).getTime() - 1),
    documentDeadline: new Date(geneva(2021, 11, 6).getTime() - 1),
    // Input documents are numbered in the group's series, e.g. QIT4N-I-001.
    documentSeriesPrefix: "QIT4N-I",
    // The circular gives no times. Our choice: one session each working day (Monday 15 to Friday
    // 19, and Monday 22 November), 13:00–16:00 Geneva time, a slot ITU e-meetings use because it
    // falls within working hours from the Americas to East Asia.
    sessions: {
      create: [15, 16, 17, 18, 19, 22].map((day) => ({ startsAt: geneva(2021, 11, day, 13), endsAt: geneva(2021, 11, day, 16) })),
    },
  };
}

const DAY = 24 * 60 * 60 * 1000;

/** A practice copy of the invitation, open from `now` for 14 days, meeting a week after that. */
export function practiceMeeting(now: Date): Prisma.MeetingCreateInput {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const dayAt = (offsetDays: number, hour = 0) => {
    const day = new Date(today.getTime() + offsetDays * DAY);
    return geneva(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour);
  };
  return {
    ...circular343,
    slug: PRACTICE_SLUG,
    title: `Practice: ${circular343.title}`,
    texts: {
      ru: {
        ...circular343Russian,
        title: `Пробное собрание: ${circular343Russian.title}`,
        connectionNotes: "Это пробное собрание: данные для подключения приведены для примера и никуда не ведут.",
      },
    },
    shortName: "PRACTICE",
    isPractice: true,
    startsAt: dayAt(21),
    endsAt: dayAt(29),
    registrationOpensAt: new Date(now.getTime() - 60 * 60 * 1000),
    registrationClosesAt: new Date(dayAt(15).getTime() - 1),
    documentDeadline: new Date(dayAt(8).getTime() - 1),
    documentSeriesPrefix: "PRACTICE-I",
    connectionJoinUrl: "https://meet.example.org/j/practice-qit4n",
    connectionMeetingId: "842 1234 5678",
    connectionPasscode: "practice",
    connectionDialIn: "+41 22 000 0000 (example number)",
    connectionNotes: "This is the practice meeting: the connection details are examples and lead nowhere.",
    // Three afternoon sessions in its first three days, Geneva time.
    sessions: { create: [21, 22, 23].map((offset) => ({ startsAt: dayAt(offset, 13), endsAt: dayAt(offset, 16) })) },
  };
}
