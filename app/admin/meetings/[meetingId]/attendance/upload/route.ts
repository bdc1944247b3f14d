// Upload of a video platform's participant report (multipart form, works with JavaScript off),
// for organizers who may decide on this meeting (lib/auth/organizer-action.ts: 401 / 404
// otherwise). A route rather than a Server Action: reports are up to 10 MB, far above the
// actions' body limit; scripts/server.ts allows this path that much and no more.
import { importAttendanceReport } from "@/lib/attendance/reports.ts";
import { MAX_REPORT_BYTES } from "@/lib/attendance/report-file.ts";
import { meetingRoute } from "@/lib/auth/organizer-action.ts";

/** Back to a page of the console (a path of ours, never anything from the request). */
const seeOther = (path: string) => new Response(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });

export const POST = meetingRoute("decide", async ({ db, meeting, actor }, request) => {
  const back = `/admin/meetings/${meeting.id}/attendance`;
  let file: FormDataEntryValue | null = null;
  try {
    file = (await request.formData()).get("report");
  } catch {
    return seeOther(`${back}?error=missing`);
  }
  if (!(file instanceof File) || file.size === 0) return seeOther(`${back}?error=missing`);
  if (file.size > MAX_REPORT_BYTES) return seeOther(`${back}?error=too-large`);
  const result = await importAttendanceReport(db, {
    meetingId: meeting.id,
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name,
    actor,
    now: new Date(),
  });
  if (!result.ok) {
    const line = result.problem === "malformed" ? `&line=${result.line}&reason=${result.reason}` : "";
    return seeOther(`${back}?error=${result.problem}${line}`);
  }
  return seeOther(`${back}/${result.reportId}?done=imported`);
});
