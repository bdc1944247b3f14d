import "server-only";
// The official list of participants of a meeting, grouped the ITU way: Member States by country
// name in the reader's language, then Sector Members, Associates, Academia, then individuals, each
// with the sessions they attended. Confirmed registrations only; the participants-only version
// (shown to confirmed registrants) lists only those who consented and carries no email address.
import { attendanceByRegistration, sessionKey } from "@/lib/attendance/queries.ts";
import type { OrganizerActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { meetingSessions, type MeetingSessionTimes } from "@/lib/meetings/rules.ts";
import { PARTICIPANT_CATEGORIES, type ParticipantCategoryValue } from "@/lib/participants/categories.ts";
import { countryName } from "@/lib/participants/country-names.ts";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config.ts";
import { formatDate } from "@/lib/i18n/format.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { csvRow, UTF8_BOM } from "@/lib/security/csv.ts";
import { xlsxSheet } from "@/lib/security/xlsx.ts";

export type Participant = {
  id: string;
  givenName: string;
  familyName: string;
  organization: string | null;
  jobTitle: string | null;
  /** Country name in the reader's language. */
  country: string;
  /** Empty in the participants-only version. */
  email: string;
  /** One entry per session of the meeting, in session order. */
  attended: boolean[];
};

export type ParticipantGroup = {
  category: ParticipantCategoryValue;
  /** For Member States: the country's code and name; null for the other categories. */
  memberState: { code: string; name: string } | null;
  participants: Participant[];
};

export type ListOfParticipants = { sessions: MeetingSessionTimes[]; groups: ParticipantGroup[]; total: number };

/** Which list: the organizers' official one, or the participants-only one (consented, no emails). */
export type ListAudience = "organizers" | "participants";

export async function listOfParticipants(
  db: Database,
  options: { meetingId: string; locale: string; audience: ListAudience },
): Promise<ListOfParticipants> {
  const { meetingId, locale, audience } = options;
  const [meeting, registrations, attendance] = await Promise.all([
    db.meeting.findUniqueOrThrow({
      where: { id: meetingId },
      select: { startsAt: true, endsAt: true, sessions: { select: { id: true, startsAt: true, endsAt: true } } },
    }),
    db.registration.findMany({
      where: { meetingId, status: "CONFIRMED", erasedAt: null, ...(audience === "participants" ? { listConsent: true } : {}) },
      select: {
        id: true,
        givenName: true,
        familyName: true,
        organization: true,
        jobTitle: true,
        country: true,
        memberState: true,
        category: true,
        email: true,
      },
    }),
    attendanceByRegistration(db, meetingId),
  ]);
  const sessions = meetingSessions(meeting, meeting.sessions);
  const collator = new Intl.Collator(locale, { sensitivity: "base" });
  const names = new Map<string, string>();
  const nameOf = (code: string) => {
    const name = names.get(code) ?? countryName(code, locale);
    names.set(code, name);
    return name;
  };

  const groups = new Map<string, ParticipantGroup>();
  for (const registration of registrations) {
    const stateCode = registration.category === "MEMBER_STATE" ? (registration.memberState ?? registration.country) : null;
    const key = stateCode ? `MEMBER_STATE:${stateCode}` : registration.category;
    let group = groups.get(key);
    if (!group) {
      group = {
        category: registration.category,
        memberState: stateCode ? { code: stateCode, name: nameOf(stateCode) } : null,
        participants: [],
      };
      groups.set(key, group);
    }
    const attended = attendance.get(registration.id);
    group.participants.push({
      id: registration.id,
      givenName: registration.givenName,
      familyName: registration.familyName,
      organization: registration.organization,
      jobTitle: registration.jobTitle,
      country: nameOf(registration.country),
      email: audience === "organizers" ? registration.email : "",
      attended: sessions.map((session) => attended?.has(sessionKey(session.id)) ?? false),
    });
  }
  const order = (category: ParticipantCategoryValue) => PARTICIPANT_CATEGORIES.indexOf(category);
  const sorted = [...groups.values()].sort(
    (a, b) => order(a.category) - order(b.category) || collator.compare(a.memberState?.name ?? "", b.memberState?.name ?? ""),
  );
  for (const group of sorted) {
    group.participants.sort(
      (a, b) =>
        (group.memberState ? 0 : collator.compare(a.organization ?? "", b.organization ?? "")) ||
        collator.compare(a.familyName, b.familyName) ||
        collator.compare(a.givenName, b.givenName),
    );
  }
  return { sessions, groups: sorted, total: registrations.length };
}

/** The words of an export, in the reader's language (from the catalogue). */
export type ListLabels = {
  header: { group: string; familyName: string; givenName: string; organization: string; jobTitle: string; country: string; email: string };
  /** A session's column title, e.g. "Session 1 (15 Nov)". */
  session: (index: number, session: MeetingSessionTimes) => string;
  /** A group's title: the Member State's name, or the category. */
  group: (group: ParticipantGroup) => string;
  yes: string;
  no: string;
};

function tableRows(list: ListOfParticipants, labels: ListLabels): string[][] {
  const header = [
    labels.header.group,
    labels.header.familyName,
    labels.header.givenName,
    labels.header.organization,
    labels.header.jobTitle,
    labels.header.country,
    labels.header.email,
    ...list.sessions.map((session, index) => labels.session(index, session)),
  ];
  const rows = [header];
  for (const group of list.groups) {
    const title = labels.group(group);
    for (const person of group.participants) {
      rows.push([
        title,
        person.familyName,
        person.givenName,
        person.organization ?? "",
        person.jobTitle ?? "",
        person.country,
        person.email,
        ...person.attended.map((attended) => (attended ? labels.yes : labels.no)),
      ]);
    }
  }
  return rows;
}

/** The list as CSV (UTF-8 with BOM; every cell quoted and formula-safe, lib/security/csv.ts). */
export function participantsCsv(list: ListOfParticipants, labels: ListLabels): string {
  return UTF8_BOM + tableRows(list, labels).map(csvRow).join("");
}

/** The list as an XLSX workbook (lib/security/xlsx.ts: every cell text, never a formula), for A4 landscape. */
export function participantsXlsx(list: ListOfParticipants, labels: ListLabels, sheetName: string): Promise<Uint8Array<ArrayBuffer>> {
  return xlsxSheet(tableRows(list, labels), {
    sheetName,
    fallbackName: "Participants",
    columnWidth: (index) => (index < 7 ? 24 : 14),
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
}

/** The words of the list in `locale` (catalogue namespace "participantsList"). */
export function listLabels(locale: string, timeZone: string): ListLabels {
  const language = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = getTranslator(language, "participantsList");
  return {
    header: {
      group: t("group"),
      familyName: t("familyName"),
      givenName: t("givenName"),
      organization: t("organization"),
      jobTitle: t("jobTitle"),
      country: t("country"),
      email: t("email"),
    },
    session: (index, session) => t("session", { number: index + 1, date: formatDate(session.startsAt, timeZone, locale) }),
    group: (group) => (group.memberState ? group.memberState.name : t(`groups.${group.category}`)),
    yes: t("attended"),
    no: t("absent"),
  };
}

/**
 * The list as the page's table component takes it; without attendance for the participants-only
 * version (who attended which session is the organizers' to know).
 */
export function participantsTableProps(list: ListOfParticipants, labels: ListLabels, options: { attendance: boolean }) {
  return {
    sessions: options.attendance
      ? list.sessions.map((session, index) => ({ key: session.id ?? "meeting", label: labels.session(index, session) }))
      : [],
    groups: list.groups.map((group) => ({
      key: group.memberState ? `ms-${group.memberState.code}` : group.category.toLowerCase(),
      title: labels.group(group),
      participants: group.participants.map((person) => ({
        id: person.id,
        name: `${person.familyName}, ${person.givenName}`,
        organization: person.organization,
        country: person.country,
        email: person.email,
        attended: options.attendance ? person.attended : [],
      })),
    })),
  };
}

/** The organizers' list as a CSV or XLSX file in `locale`, the export recorded in the audit log. */
export async function exportListOfParticipants(
  db: Database,
  options: {
    meeting: { id: string; shortName: string; timeZone: string };
    locale: string;
    format: "csv" | "xlsx";
    actor: OrganizerActor;
    now: Date;
  },
): Promise<Uint8Array<ArrayBuffer> | string> {
  const { meeting, locale, format, actor, now } = options;
  const list = await listOfParticipants(db, { meetingId: meeting.id, locale, audience: "organizers" });
  const labels = listLabels(locale, meeting.timeZone);
  await recordAudit(db, {
    meetingId: meeting.id,
    actor,
    action: "participants.exported",
    entityId: meeting.id,
    after: { format, rows: list.total },
    at: now,
  });
  return format === "xlsx" ? participantsXlsx(list, labels, meeting.shortName) : participantsCsv(list, labels);
}
