import "server-only";
// The console's list of a meeting's input documents as CSV or XLSX, with the filters of the page.
// Every cell is text: CSV through lib/security/csv.ts (no formula runs), XLSX cells as strings.
// Audited.
import type { OrganizerActor } from "@/lib/audit/catalogue.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { type DocumentFilters, type DocumentRow, listMeetingDocuments } from "@/lib/documents/queries.ts";
import { formatDocumentNumber } from "@/lib/documents/rules.ts";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { csvRow, UTF8_BOM } from "@/lib/security/csv.ts";
import { xlsxSheet } from "@/lib/security/xlsx.ts";

function tableRows(documents: DocumentRow[], locale: string, timeZone: string): string[][] {
  const t = getTranslator(isLocale(locale) ? locale : DEFAULT_LOCALE, "admin.documents");
  const header = [
    t("columns.number"),
    t("columns.title"),
    t("columns.source"),
    t("columns.coSources"),
    t("columns.abstract"),
    t("columns.submitter"),
    t("columns.email"),
    t("columns.received"),
    t("columns.late"),
    t("columns.withdrawnAt"),
    t("columns.fileName"),
    t("columns.size"),
  ];
  return [
    header,
    ...documents.map((document) => [
      formatDocumentNumber(document.seriesPrefix, document.number, document.revision),
      document.title,
      document.source,
      document.coSources ?? "",
      document.abstract ?? "",
      document.registration ? `${document.registration.givenName} ${document.registration.familyName}` : "",
      document.registration?.email ?? "",
      formatInstant(document.submittedAt, timeZone, locale),
      document.late ? t("yes") : t("no"),
      document.withdrawnAt ? formatInstant(document.withdrawnAt, timeZone, locale) : "",
      document.file.fileName,
      String(document.file.size),
    ]),
  ];
}

const xlsx = (rows: string[][], sheetName: string) =>
  xlsxSheet(rows, { sheetName, fallbackName: "Documents", columnWidth: (index) => (index === 1 || index === 4 ? 48 : 20) });

export async function exportDocumentList(
  db: Database,
  options: {
    meeting: { id: string; shortName: string; timeZone: string };
    filters: DocumentFilters;
    locale: string;
    format: "csv" | "xlsx";
    actor: OrganizerActor;
    now: Date;
  },
): Promise<Uint8Array<ArrayBuffer> | string> {
  const { meeting, format } = options;
  const documents = await listMeetingDocuments(db, meeting.id, options.filters);
  await recordAudit(db, {
    meetingId: meeting.id,
    actor: options.actor,
    action: "documents.exported",
    entityId: meeting.id,
    after: { format, rows: documents.length },
    at: options.now,
  });
  const rows = tableRows(documents, options.locale, meeting.timeZone);
  return format === "xlsx" ? xlsx(rows, meeting.shortName) : UTF8_BOM + rows.map((row) => csvRow(row)).join("");
}

/** The filters of the console's list, from its query string. */
export function documentFiltersFrom(params: URLSearchParams | Record<string, string | undefined>): DocumentFilters {
  const get = (name: string) => (params instanceof URLSearchParams ? params.get(name) : params[name]) ?? undefined;
  const q = get("q")?.trim().slice(0, 200);
  const late = get("late");
  const status = get("status");
  return {
    q: q || undefined,
    late: late === "late" ? true : late === "on-time" ? false : undefined,
    withdrawn: status === "withdrawn" ? true : status === "current" ? false : undefined,
  };
}
