import "server-only";
// Streamed CSV export of a meeting's (filtered) registrant list: rows are read in keyset batches
// and written as they come, so memory stays flat at 100,000 registrants.
import { Prisma } from "@/generated/prisma/client.ts";
import type { Database } from "@/lib/db/client.ts";
import { countryName } from "@/lib/registration/countries.ts";
import { csvRow, UTF8_BOM } from "@/lib/registrants/csv.ts";
import { registrantFilter } from "@/lib/registrants/queries.ts";
import type { RegistrantListQuery } from "@/lib/registrants/schema.ts";

const BATCH_SIZE = 5000;

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

export function streamRegistrantsCsv(
  db: Database,
  meetingId: string,
  query: Omit<RegistrantListQuery, "sort" | "after">,
  locale: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(UTF8_BOM + csvRow([...EXPORT_HEADER])));
        return;
      }
      const keyset = cursor ? Prisma.sql`AND (r."createdAt", r.id) > (${cursor.createdAt}, ${cursor.id}::uuid)` : Prisma.empty;
      const rows = await db.$queryRaw<ExportRow[]>`
        SELECT r.id, r.reference, r.status, r.category, r."givenName", r."familyName", r.email, r.organization, r."memberState",
               r.country, r."jobTitle", r."needsCaptioning", r."needsSignLanguage", r."accessibilityOther", r."listConsent", r."createdAt",
               (SELECT o.status FROM "OutboxEmail" o WHERE o."registrationId" = r.id ORDER BY o."createdAt" DESC LIMIT 1) AS "emailStatus"
        FROM "Registration" r
        WHERE ${registrantFilter(meetingId, query)} ${keyset}
        ORDER BY r."createdAt", r.id
        LIMIT ${BATCH_SIZE}`;
      if (rows.length === 0) {
        controller.close();
        return;
      }
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
      controller.enqueue(encoder.encode(chunk));
      if (rows.length < BATCH_SIZE) controller.close();
    },
  });
}
