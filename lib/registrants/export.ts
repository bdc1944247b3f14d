import "server-only";
// Streamed CSV export of a meeting's (filtered) registrant list: rows are read in keyset batches
// and written as they come, so memory stays flat at 100,000 registrants.
//
// Exports are the most expensive request, so each organizer runs one at a time. The slot is a row
// in PostgreSQL (ExportSlot), not a counter in the process: every instance sees it, and one
// organizer's slow download never holds up anybody else's. Whatever ends an export frees the slot:
// the last row, the client going away, a client that stops reading (cut off after the idle
// timeout, so a stalled download cannot hold it for hours) or a database error mid-stream. Only a
// crash of the instance leaves the row behind; it lapses a minute after the last batch.
import { Prisma } from "@/generated/prisma/client.ts";
import { recordAudit } from "@/lib/audit/service.ts";
import type { Database } from "@/lib/db/client.ts";
import { logEvent } from "@/lib/log.ts";
import { countryName } from "@/lib/participants/country-names.ts";
import { csvRow, UTF8_BOM } from "@/lib/security/csv.ts";
import { registrantFilter } from "@/lib/registrants/queries.ts";
import type { RegistrantListQuery } from "@/lib/registrants/schema.ts";
import type { OrganizerActor } from "@/lib/audit/catalogue.ts";

const BATCH_SIZE = 5000;

/** A download the client has not read from for this long is cancelled and its slot freed. */
export const EXPORT_IDLE_TIMEOUT_MS = 60_000;

/** How long a slot outlives its last refresh: the idle timeout plus time for one batch's query. */
const SLOT_GRACE_MS = 60_000;

export const EXPORT_HEADER = [
  "Reference",
  "Status",
  "Category",
  "Given name",
  "Family name",
  "Email",
  "Organization",
  "Member State",
  "Country",
  "Job title",
  "Live captioning",
  "Sign language",
  "Other accessibility needs",
  "In list of participants",
  "Registered at (UTC)",
  "Email status",
] as const;

type ExportRow = {
  id: string;
  reference: string;
  status: string;
  category: string;
  givenName: string;
  familyName: string;
  email: string;
  organization: string | null;
  memberState: string | null;
  country: string;
  jobTitle: string | null;
  needsCaptioning: boolean;
  needsSignLanguage: boolean;
  accessibilityOther: string | null;
  listConsent: boolean;
  createdAt: Date;
  emailStatus: string | null;
};

export type ExportStreamOptions = {
  /** Cancel the stream when the client has not read for this long (default 60 s). */
  idleTimeoutMs?: number;
  /** Rows per query (tests use small batches to end a stream mid-way). */
  batchSize?: number;
  /** The request's signal: the client went away. */
  signal?: AbortSignal;
  /** Before each batch's query. */
  beforeBatch?: () => Promise<void>;
  /** Once, however the stream ends: finished, cancelled, stalled, aborted or failed. */
  onEnd?: () => Promise<void>;
};

export function streamRegistrantsCsv(
  db: Database,
  meetingId: string,
  query: Omit<RegistrantListQuery, "sort" | "after">,
  locale: string,
  options: ExportStreamOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const idleTimeoutMs = options.idleTimeoutMs ?? EXPORT_IDLE_TIMEOUT_MS;
  const batchSize = options.batchSize ?? BATCH_SIZE;
  let cursor: { createdAt: Date; id: string } | null = null;
  let headerSent = false;
  let ended = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let stop: (reason: Error) => void = () => {};

  const onAbort = () => stop(new Error("export cancelled: the client went away"));
  async function end() {
    if (ended) return;
    ended = true;
    clearTimeout(idleTimer);
    options.signal?.removeEventListener("abort", onAbort);
    try {
      await options.onEnd?.();
    } catch (error) {
      // The database may be what failed; the slot then lapses by itself.
      logEvent("registrants.export-end-failed", { meetingId, error: (error as Error).message });
    }
  }

  async function nextBatch(): Promise<{ chunk: string; last: boolean }> {
    await options.beforeBatch?.();
    const keyset = cursor ? Prisma.sql`AND (r."createdAt", r.id) > (${cursor.createdAt}, ${cursor.id}::uuid)` : Prisma.empty;
    const rows = await db.$queryRaw<ExportRow[]>`
      SELECT r.id, r.reference, r.status, r.category, r."givenName", r."familyName", r.email, r.organization, r."memberState",
             r.country, r."jobTitle", r."needsCaptioning", r."needsSignLanguage", r."accessibilityOther", r."listConsent", r."createdAt",
             (SELECT o.status FROM "OutboxEmail" o WHERE o."registrationId" = r.id ORDER BY o."createdAt" DESC LIMIT 1) AS "emailStatus"
      FROM "Registration" r
      WHERE ${registrantFilter(meetingId, query)} ${keyset}
      ORDER BY r."createdAt", r.id
      LIMIT ${batchSize}`;
    const last = rows.at(-1);
    if (last) cursor = { createdAt: last.createdAt, id: last.id };
    let chunk = "";
    for (const row of rows) {
      chunk += csvRow([
        row.reference,
        row.status,
        row.category,
        row.givenName,
        row.familyName,
        row.email,
        row.organization,
        row.memberState ? countryName(row.memberState, locale) : "",
        countryName(row.country, locale),
        row.jobTitle,
        row.needsCaptioning ? "yes" : "no",
        row.needsSignLanguage ? "yes" : "no",
        row.accessibilityOther,
        row.listConsent ? "yes" : "no",
        row.createdAt.toISOString(),
        row.emailStatus ?? "",
      ]);
    }
    return { chunk, last: rows.length < batchSize };
  }

  return new ReadableStream<Uint8Array>({
    start(controller) {
      stop = (reason) => {
        if (ended) return;
        controller.error(reason);
        void end();
      };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener("abort", onAbort, { once: true });
    },
    // The stream asks for the next chunk only when the client has taken the last one (one chunk
    // queued at most), so the time since the last pull is the time the client has not read.
    async pull(controller) {
      clearTimeout(idleTimer);
      if (ended) return;
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(UTF8_BOM + csvRow([...EXPORT_HEADER])));
        } else {
          const { chunk, last } = await nextBatch();
          if (chunk) controller.enqueue(encoder.encode(chunk));
          if (last) {
            await end();
            controller.close();
            return;
          }
        }
      } catch (error) {
        await end();
        throw error; // errors the stream: the client gets a cut-off download, never a silently short one
      }
      idleTimer = setTimeout(() => {
        logEvent("registrants.export-stalled", { meetingId, idleTimeoutMs });
        stop(new Error(`export stalled: the client read nothing for ${idleTimeoutMs} ms`));
      }, idleTimeoutMs);
      idleTimer.unref?.();
    },
    async cancel() {
      await end();
    },
  });
}

export type ExportStart = { ok: true; stream: ReadableStream<Uint8Array> } | { ok: false; reason: "busy" };

/**
 * An organizer's export of a meeting's registrant list: takes the organizer's export slot (or
 * answers "busy" while another of their exports runs), records the export in the audit log and
 * returns the stream, which frees the slot however it ends. The caller has checked the
 * organizer's "export" permission on `meetingId`.
 */
export async function startRegistrantExport(
  db: Database,
  options: {
    meetingId: string;
    query: Omit<RegistrantListQuery, "sort">;
    locale: string;
    actor: OrganizerActor;
    signal?: AbortSignal;
    idleTimeoutMs?: number;
    batchSize?: number;
  },
): Promise<ExportStart> {
  const { meetingId, actor } = options;
  const idleTimeoutMs = options.idleTimeoutMs ?? EXPORT_IDLE_TIMEOUT_MS;
  const leaseSeconds = (idleTimeoutMs + SLOT_GRACE_MS) / 1000;
  const holder = crypto.randomUUID();
  // Taken if free or lapsed; two requests at once meet on the primary key and only one gets it.
  const taken = await db.$queryRaw<Array<{ holder: string }>>`
    INSERT INTO "ExportSlot" ("userId", holder, "expiresAt")
    VALUES (${actor.userId}, ${holder}::uuid, now() + make_interval(secs => ${leaseSeconds}))
    ON CONFLICT ("userId") DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"
    WHERE "ExportSlot"."expiresAt" < now()
    RETURNING holder::text`;
  if (taken.length === 0) return { ok: false, reason: "busy" };
  const free = async () => {
    await db.exportSlot.deleteMany({ where: { userId: actor.userId, holder } });
  };
  try {
    await recordAudit(db, {
      meetingId,
      actor,
      action: "registrants.exported",
      entityId: meetingId,
      after: { format: "csv", filters: { ...options.query, after: undefined } },
      at: new Date(),
    });
  } catch (error) {
    await free();
    throw error;
  }
  const stream = streamRegistrantsCsv(db, meetingId, options.query, options.locale, {
    idleTimeoutMs,
    batchSize: options.batchSize,
    signal: options.signal,
    beforeBatch: async () => {
      await db.$executeRaw`
        UPDATE "ExportSlot" SET "expiresAt" = now() + make_interval(secs => ${leaseSeconds})
        WHERE "userId" = ${actor.userId} AND holder = ${holder}::uuid`;
    },
    onEnd: free,
  });
  return { ok: true, stream };
}
