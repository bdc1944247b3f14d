import "server-only";
// Read-only questions about focal points.
import type { Database } from "@/lib/db/client.ts";

/** An uploaded list waits this long for its preview to be confirmed; the daily job removes older ones. */
export const IMPORT_KEPT_MS = 24 * 60 * 60 * 1000;

/** Every focal point with the meetings they act for (the console's list). */
export async function listFocalPoints(db: Database) {
  return db.focalPoint.findMany({
    orderBy: [{ scopeKey: "asc" }, { role: "asc" }, { email: "asc" }],
    include: { meetings: { select: { meeting: { select: { id: true, shortName: true } } } } },
  });
}

export async function findFocalPoint(db: Database, id: string) {
  return db.focalPoint.findUnique({ where: { id }, include: { meetings: { select: { meetingId: true } } } });
}

/** An uploaded list, for its uploader only, while it is kept. */
export async function findFocalPointImport(db: Database, options: { importId: string; userId: string; now: Date }) {
  return db.focalPointImport.findFirst({
    where: { id: options.importId, userId: options.userId, createdAt: { gt: new Date(options.now.getTime() - IMPORT_KEPT_MS) } },
  });
}

// Who approves a registration is decided where registrations are routed (a floor below).
export { focalPointsInScope } from "@/lib/notices/focal-point-requests.ts";

/** The meetings a focal point may be limited to, newest first. */
export async function meetingChoices(db: Database) {
  return db.meeting.findMany({ select: { id: true, shortName: true, startsAt: true }, orderBy: { startsAt: "desc" }, take: 500 });
}
