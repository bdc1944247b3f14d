// One input document of this meeting (withdrawn ones too), for its organizers (lib/auth/organizer-action.ts:
// 401 / 404 otherwise). An attachment, never rendered; audited (lib/documents/downloads.ts).
import { meetingRoute } from "@/lib/auth/organizer-action.ts";
import { organizerDownload } from "@/lib/documents/downloads.ts";
import { isUuid } from "@/lib/forms/ids.ts";

export const GET = meetingRoute("read", async ({ db, meeting, actor }, request) => {
  const documentId = new URL(request.url).pathname.split("/").at(-2) ?? "";
  const response = isUuid(documentId) ? await organizerDownload(db, { meetingId: meeting.id, documentId, actor, now: new Date() }) : null;
  return response ?? new Response(null, { status: 404, headers: { "cache-control": "no-store" } });
});
