// CSV export of the registrant list with the current filters, for organizers with the "export"
// permission on this meeting (lib/auth/organizer-action.ts: 401 / 404 otherwise). One export at a
// time per organizer: lib/registrants/export.ts keeps the slot and frees it however the download ends.
import { meetingRoute } from "@/lib/auth/organizer-action.ts";
import { DEFAULT_LOCALE } from "@/lib/i18n/config.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { logEvent } from "@/lib/log.ts";
import { attachmentDisposition } from "@/lib/security/csv.ts";
import { startRegistrantExport } from "@/lib/registrants/export.ts";
import { parseRegistrantListQuery } from "@/lib/registrants/schema.ts";

export const GET = meetingRoute("export", async ({ db, meeting, actor }, request) => {
  const query = parseRegistrantListQuery(Object.fromEntries(new URL(request.url).searchParams));
  const started = await startRegistrantExport(db, {
    meetingId: meeting.id,
    query,
    locale: DEFAULT_LOCALE,
    actor,
    signal: request.signal,
  });
  if (!started.ok) {
    return new Response(getTranslator(DEFAULT_LOCALE, "admin")("exportBusy"), {
      status: 429,
      headers: { "retry-after": "10", "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" },
    });
  }
  logEvent("registrants.exported", { meetingId: meeting.id, organizer: actor.userId });
  return new Response(started.stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentDisposition(`${meeting.shortName}-registrants.csv`),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
