"use server";
// Organizer decisions at the edge. Every action: who is signed in (database session), which
// meeting and permission (role on that meeting, in the query), parse, then the service. An
// anonymous caller or an organizer of another meeting gets nothing and changes nothing.
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentOrganizer } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { findMeetingForOrganizer } from "@/lib/meetings/access.ts";
import { resendConfirmation } from "@/lib/registration/service.ts";
import { decideRegistrations } from "@/lib/registrants/service.ts";

const uuid = z.uuid();
const decisionFormSchema = z.object({
  decision: z.enum(["approve", "reject", "withdraw"]),
  registrationIds: z.array(uuid).min(1).max(500),
  reason: z
    .string()
    .optional()
    .transform((value) => value?.normalize("NFC").trim() || undefined)
    .pipe(z.string().max(1000).optional()),
  returnTo: z.enum(["list", "registrant"]).default("list"),
});

export type ActionAnswer = { ok: false; error: "unauthorized" | "invalid" | "reason-required" } | { ok: true; changed: number };

export async function decideRegistrationsAction(meetingId: string, formData: FormData): Promise<void> {
  const db = getDatabase();
  const organizer = await currentOrganizer(db);
  if (!organizer) redirect("/sign-in");
  const access = await findMeetingForOrganizer(db, { userId: organizer.userId, meetingId: String(meetingId), permission: "decide" });
  if (!access) redirect("/admin?error=forbidden");
  const parsed = decisionFormSchema.safeParse({
    decision: formData.get("decision"),
    registrationIds: formData.getAll("registrationId"),
    reason: formData.get("reason") ?? undefined,
    returnTo: formData.get("returnTo") ?? undefined,
  });
  const base = `/admin/meetings/${access.meeting.id}`;
  if (!parsed.success) redirect(`${base}?error=invalid`);
  const { decision, registrationIds, reason, returnTo } = parsed.data;
  const back = returnTo === "registrant" && registrationIds.length === 1 ? `${base}/registrations/${registrationIds[0]}` : base;
  if (decision === "reject" && !reason) redirect(`${back}?error=reason-required#decide`);
  const result = await decideRegistrations(db, {
    meetingId: access.meeting.id,
    registrationIds,
    decision,
    reason,
    actor: { userId: organizer.userId, email: organizer.email },
    now: new Date(),
    appUrl: getEnv().APP_URL,
  });
  redirect(`${back}?done=${decision}&changed=${result.changed}`);
}

export async function resendConfirmationAction(meetingId: string, registrationId: string): Promise<void> {
  const db = getDatabase();
  const organizer = await currentOrganizer(db);
  if (!organizer) redirect("/sign-in");
  const access = await findMeetingForOrganizer(db, { userId: organizer.userId, meetingId: String(meetingId), permission: "decide" });
  if (!access || !uuid.safeParse(registrationId).success) redirect("/admin?error=forbidden");
  const registration = await db.registration.findFirst({
    where: { id: registrationId, meetingId: access.meeting.id },
    select: { id: true },
  });
  if (!registration) redirect(`/admin/meetings/${access.meeting.id}?error=invalid`);
  const result = await resendConfirmation(db, {
    registrationId: registration.id,
    now: new Date(),
    appUrl: getEnv().APP_URL,
    actorLabel: organizer.email,
    actorUserId: organizer.userId,
  });
  redirect(
    `/admin/meetings/${access.meeting.id}/registrations/${registration.id}?done=${result.ok ? (result.queued ? "resent" : "resent-recently") : "not-active"}`,
  );
}
