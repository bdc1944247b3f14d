"use server";
// Organizer actions on attendance, each stating its permission, schema and work (the wrapper,
// lib/auth/organizer-action.ts, signs in, checks the role on the meeting and parses). Plain form
// posts: they work with JavaScript off.
import { redirect } from "next/navigation";
import { z } from "zod";
import { resolveReportRow } from "@/lib/attendance/reports.ts";
import { revokeJoinLinksOf } from "@/lib/attendance/service.ts";
import { meetingAction } from "@/lib/auth/organizer-action.ts";
import { uuidSchema } from "@/lib/forms/ids.ts";

const reportPage = (meetingId: string, reportId: string) => `/admin/meetings/${meetingId}/attendance/${reportId}`;

export const resolveReportRowAction = meetingAction(
  {
    permission: "decide",
    schema: z.object({
      reportId: uuidSchema,
      rowId: uuidSchema,
      // A registration's id, or "ignore".
      resolution: z.union([uuidSchema, z.literal("ignore")]),
    }),
    fields: ["reportId", "rowId", "resolution"],
    read: (formData: FormData) => ({
      reportId: formData.get("reportId"),
      rowId: formData.get("rowId"),
      resolution: formData.get("resolution"),
    }),
    invalid: ({ meeting }, { values }) =>
      redirect(
        typeof values.reportId === "string" && uuidSchema.safeParse(values.reportId).success
          ? `${reportPage(meeting.id, values.reportId)}?error=resolution#row-${typeof values.rowId === "string" ? values.rowId : ""}`
          : `/admin/meetings/${meeting.id}/attendance`,
      ),
  },
  async ({ db, meeting, actor }, { reportId, rowId, resolution }) => {
    const result = await resolveReportRow(db, {
      meetingId: meeting.id,
      rowId,
      registrationId: resolution === "ignore" ? null : resolution,
      actor,
      now: new Date(),
    });
    redirect(
      `${reportPage(meeting.id, reportId)}?${result.ok ? `done=${resolution === "ignore" ? "ignored" : "matched"}` : "error=not-found"}`,
    );
  },
);

export const revokeJoinLinksAction = meetingAction(
  {
    permission: "decide",
    schema: z.object({ registrationId: uuidSchema }),
    fields: ["registrationId"],
    // Bound in the page: `revokeJoinLinksAction.bind(null, meetingId, registrationId)`.
    read: (registrationId: string) => ({ registrationId }),
    invalid: () => redirect("/admin?error=forbidden"),
  },
  async ({ db, meeting, actor }, { registrationId }) => {
    const result = await revokeJoinLinksOf(db, { meetingId: meeting.id, registrationId, actor, now: new Date() });
    if (!result.ok) redirect(`/admin/meetings/${meeting.id}?error=invalid`);
    redirect(`/admin/meetings/${meeting.id}/registrations/${registrationId}?done=links-revoked&changed=${result.revoked}#join-links`);
  },
);
