// The list of participants as CSV or XLSX (?format=), for organizers with the "export" permission
// on this meeting (lib/auth/organizer-action.ts: 401 / 404 otherwise). Audited. Nothing in either
// file can run as a formula (lib/security/csv.ts; XLSX cells are all text).
import { exportListOfParticipants } from "@/lib/attendance/participants.ts";
import { meetingRoute } from "@/lib/auth/organizer-action.ts";
import { chooseLocale, localeCookieIn } from "@/lib/i18n/config.ts";
import { attachmentDisposition } from "@/lib/security/csv.ts";

export const GET = meetingRoute("export", async ({ db, meeting, actor }, request) => {
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const locale = chooseLocale({
    cookie: localeCookieIn(request.headers.get("cookie")),
    acceptLanguage: request.headers.get("accept-language"),
  });
  const body = await exportListOfParticipants(db, { meeting, locale, format, actor, now: new Date() });
  return new Response(body, {
    headers: {
      "content-type": format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
      "content-disposition": attachmentDisposition(`${meeting.shortName}-participants.${format}`),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
