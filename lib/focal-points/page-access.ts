import "server-only";
// The focal-point pages are for organizers who may create meetings (the secretariat); anyone else
// is sent to the console with "forbidden", as for a meeting they have no role on.
import { redirect } from "next/navigation";
import { requireOrganizerPage, type SignedInOrganizer } from "@/lib/auth/session.ts";
import type { Database } from "@/lib/db/client.ts";

export async function requireFocalPointsPage(db: Database): Promise<SignedInOrganizer> {
  const organizer = await requireOrganizerPage(db);
  if (!organizer.canCreateMeetings) redirect("/admin?error=forbidden");
  return organizer;
}
