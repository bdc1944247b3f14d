// Upload of a focal-point list (multipart, one file "list"): read at most MAX_IMPORT_BYTES, kept
// until the organizer confirms its preview at /admin/focal-points/import/<id>. A route handler,
// not a Server Action: actions take 64 kB at most (next.config.ts), a list may be larger.
import { organizerRoute } from "@/lib/auth/organizer-action.ts";
import { MAX_IMPORT_BYTES } from "@/lib/focal-points/import.ts";
import { storeFocalPointImport } from "@/lib/focal-points/service.ts";
import { readBoundedBody } from "@/lib/security/bounded-body.ts";

// Room for the multipart envelope around the file.
const ENVELOPE_BYTES = 16 * 1024;

// A relative Location: the browser resolves it against the address it posted to (RFC 9110).
const back = (path: string) => new Response(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });

export const POST = organizerRoute(
  (organizer) => organizer.canCreateMeetings,
  async ({ db, organizer }, request) => {
    const body = await readBoundedBody(request, MAX_IMPORT_BYTES + ENVELOPE_BYTES);
    if (!body.ok) return back("/admin/focal-points?error=import-too-large#import");
    let file: FormDataEntryValue | null = null;
    try {
      file = (await new Response(body.bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData()).get(
        "list",
      );
    } catch {
      file = null;
    }
    if (!(file instanceof File) || file.size === 0) return back("/admin/focal-points?error=import-no-file#import");
    if (file.size > MAX_IMPORT_BYTES) return back("/admin/focal-points?error=import-too-large#import");
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return back("/admin/focal-points?error=import-encoding#import");
    }
    const importId = await storeFocalPointImport(db, {
      userId: organizer.userId,
      fileName: file.name || "list.csv",
      text,
      now: new Date(),
    });
    return back(`/admin/focal-points/import/${importId}`);
  },
);
