// CSV export of the registrant list with the current filters. Checked here, next to the data:
// a signed-in organizer with a role on this meeting, or nothing at all.
import { currentOrganizer } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { logEvent } from "@/lib/log.ts";
import { findMeetingForOrganizer } from "@/lib/meetings/access.ts";
import { attachmentDisposition } from "@/lib/registrants/csv.ts";
import { streamRegistrantsCsv } from "@/lib/registrants/export.ts";
import { parseRegistrantListQuery } from "@/lib/registrants/schema.ts";

// Exports are the most expensive request; a few at a time per process is plenty.
const MAX_CONCURRENT_EXPORTS = 2;
let runningExports = 0;

export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const db = getDatabase();
  const organizer = await currentOrganizer(db);
  if (!organizer) return new Response("Sign in first.", { status: 401, headers: { "cache-control": "no-store" } });
  const access = await findMeetingForOrganizer(db, { userId: organizer.userId, meetingId: (await params).meetingId, permission: "export" });
  if (!access) return new Response("Not found.", { status: 404, headers: { "cache-control": "no-store" } });
  if (runningExports >= MAX_CONCURRENT_EXPORTS) {
    return new Response("Another export is running. Try again in a moment.", {
      status: 429,
      headers: { "retry-after": "10", "cache-control": "no-store" },
    });
  }
  const query = parseRegistrantListQuery(Object.fromEntries(new URL(request.url).searchParams));
  runningExports++;
  logEvent("registrants.exported", { meetingId: access.meeting.id, organizer: organizer.userId });
  const source = streamRegistrantsCsv(db, access.meeting.id, query, "en");
  let released = false;
  const release = () => {
    if (!released) {
      released = true;
      runningExports--;
    }
  };
  const body = source.pipeThrough(new TransformStream({ flush: release }));
  request.signal.addEventListener("abort", release);
  await db.auditEntry.create({
    data: {
      meetingId: access.meeting.id,
      actorUserId: organizer.userId,
      actorLabel: organizer.email,
      action: "registrants.exported",
      entityType: "meeting",
      entityId: access.meeting.id,
      after: { format: "csv", filters: { ...query, after: undefined } },
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentDisposition(`${access.meeting.shortName}-registrants.csv`),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
