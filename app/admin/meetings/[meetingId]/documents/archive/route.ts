// Every input document of this meeting that is not withdrawn, as one ZIP streamed as it is built,
// for organizers with the "export" permission (lib/auth/organizer-action.ts: 401 / 404 otherwise). Audited.
import { meetingRoute } from "@/lib/auth/organizer-action.ts";
import { meetingArchive } from "@/lib/documents/downloads.ts";

export const GET = meetingRoute("export", async ({ db, meeting, actor }) =>
  meetingArchive(db, { meetingId: meeting.id, shortName: meeting.shortName, actor, now: new Date() }),
);
