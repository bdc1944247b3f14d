"use server";
// Organizer decisions at the edge: each states its permission, its schema and its work; the
// wrapper (lib/auth/organizer-action.ts) signs in, checks the role on the meeting and parses.
// An anonymous caller or an organizer of another meeting gets nothing and changes nothing.
import { redirect } from "next/navigation";
import { z } from "zod";
import { meetingAction } from "@/lib/auth/organizer-action.ts";
import { getEnv } from "@/lib/env.ts";
import { uuidSchema } from "@/lib/forms/ids.ts";
import { optionalText } from "@/lib/forms/text.ts";
import { resendConfirmation } from "@/lib/notices/registrant.ts";
import { listFilterParams, parseRegistrantListQuery } from "@/lib/registrants/schema.ts";
import { decideRegistrations } from "@/lib/registrants/service.ts";

const decisionFormSchema = z.object({
  decision: z.enum(["approve", "reject", "withdraw"]),
  registrationIds: z.array(uuidSchema).min(1).max(500),
  reason: optionalText({ tooLong: "reason.tooLong", invalid: "reason.invalid" }, { max: 1000, multiline: true }),
  returnTo: z.enum(["list", "registrant"]).default("list"),
  /** The list's search and filters as the organizer had them (lib/registrants/schema.ts listFilterParams). */
  listQuery: z.string().max(1000).default(""),
});

const meetingPage = (meetingId: string) => `/admin/meetings/${meetingId}`;

export const decideRegistrationsAction = meetingAction(
  {
    permission: "decide",
    schema: decisionFormSchema,
    fields: ["decision", "registrationIds", "reason", "returnTo", "listQuery"],
    read: (formData: FormData) => ({
      decision: formData.get("decision"),
      registrationIds: formData.getAll("registrationId"),
      reason: formData.get("reason") ?? undefined,
      returnTo: formData.get("returnTo") ?? undefined,
      listQuery: formData.get("listQuery") ?? undefined,
    }),
    invalid: ({ meeting }) => redirect(`${meetingPage(meeting.id)}?error=invalid`),
  },
  async ({ db, meeting, actor }, { decision, registrationIds, reason, returnTo, listQuery }) => {
    // Back to the registrant, or to the list as it was searched and filtered (re-read through its
    // schema, so only known filters with valid values come back).
    const filters = listFilterParams(parseRegistrantListQuery(Object.fromEntries(new URLSearchParams(listQuery))));
    const back =
      returnTo === "registrant" && registrationIds.length === 1
        ? `${meetingPage(meeting.id)}/registrations/${registrationIds[0]}?`
        : `${meetingPage(meeting.id)}?${filters.size > 0 ? `${filters.toString()}&` : ""}`;
    if (decision === "reject" && !reason) redirect(`${back}error=reason-required#decide`);
    const result = await decideRegistrations(db, {
      meetingId: meeting.id,
      registrationIds,
      decision,
      reason,
      actor,
      now: new Date(),
      appUrl: getEnv().APP_URL,
    });
    redirect(`${back}done=${decision}&changed=${result.changed}`);
  },
);

export const resendConfirmationAction = meetingAction(
  {
    permission: "decide",
    schema: z.object({ registrationId: uuidSchema }),
    fields: ["registrationId"],
    // Bound in the page: `resendConfirmationAction.bind(null, meetingId, registrationId)`.
    read: (registrationId: string) => ({ registrationId }),
    invalid: () => redirect("/admin?error=forbidden"),
  },
  async ({ db, meeting, actor }, { registrationId }) => {
    const registration = await db.registration.findFirst({ where: { id: registrationId, meetingId: meeting.id }, select: { id: true } });
    if (!registration) redirect(`${meetingPage(meeting.id)}?error=invalid`);
    const result = await resendConfirmation(db, { registrationId: registration.id, now: new Date(), appUrl: getEnv().APP_URL, actor });
    const done = result.ok ? (result.queued ? "resent" : "resent-recently") : "not-active";
    redirect(`${meetingPage(meeting.id)}/registrations/${registration.id}?done=${done}`);
  },
);
