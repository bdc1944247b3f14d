// The list of this meeting's input documents as CSV or XLSX (?format=), with the page's filters,
// for organizers with the "export" permission (lib/auth/organizer-action.ts: 401 / 404 otherwise).
// Audited. Nothing in either file can run as a formula.
import { meetingRoute } from "@/lib/auth/organizer-action.ts";
import { documentFiltersFrom, exportDocumentList } from "@/lib/documents/export.ts";
import { chooseLocale, localeCookieIn } from "@/lib/i18n/config.ts";
import { attachmentDisposition } from "@/lib/security/csv.ts";

export const GET = meetingRoute("export", async ({ db, meeting, actor }, request) => {
  const { searchParams } = new URL(request.url);
  const format = searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const locale = chooseLocale({
    cookie: localeCookieIn(request.headers.get("cookie")),
    acceptLanguage: request.headers.get("accept-language"),
  });
  const body = await exportDocumentList(db, {
    meeting,
    filters: documentFiltersFrom(searchParams),
    locale,
    format,
    actor,
    now: new Date(),
  });
  return new Response(body, {
    headers: {
      "content-type": format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
      "content-disposition": attachmentDisposition(`${meeting.shortName}-input-documents.${format}`),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
