"use server";
// Organizer actions on input documents, each stating its permission, schema and work (the wrapper,
// lib/auth/organizer-action.ts, signs in, checks the role on the meeting and parses). Plain form
// posts: they work with JavaScript off.
import { redirect } from "next/navigation";
import { z } from "zod";
import { meetingAction } from "@/lib/auth/organizer-action.ts";
import { chooseDocumentNotices } from "@/lib/documents/digest.ts";
import { grantDeadlineException, withdrawDocument } from "@/lib/documents/service.ts";
import { emailAddressSchema } from "@/lib/forms/email-address.ts";
import { uuidSchema } from "@/lib/forms/ids.ts";
import { parseZonedDateTimeLocal } from "@/lib/i18n/zoned-time.ts";

const documentsPage = (meetingId: string) => `/admin/meetings/${meetingId}/documents`;

export const withdrawDocumentAction = meetingAction(
  {
    permission: "decide",
    schema: z.object({ documentId: uuidSchema }),
    fields: ["documentId"],
    // Bound in the page: `withdrawDocumentAction.bind(null, meetingId, documentId)`.
    read: (documentId: string) => ({ documentId }),
    invalid: ({ meeting }) => redirect(documentsPage(meeting.id)),
  },
  async ({ db, meeting, actor }, { documentId }) => {
    const result = await withdrawDocument(db, { meetingId: meeting.id, documentId, actor, now: new Date() });
    redirect(`${documentsPage(meeting.id)}?${result.ok ? `done=withdrawn&document=${documentId}` : "error=alreadyWithdrawn"}`);
  },
);

export const grantExceptionAction = meetingAction(
  {
    permission: "decide",
    schema: z.object({ email: emailAddressSchema, until: z.string() }),
    fields: ["email", "until"],
    read: (formData: FormData) => ({ email: formData.get("email") ?? "", until: formData.get("until") ?? "" }),
    invalid: ({ meeting }) => redirect(`${documentsPage(meeting.id)}?error=notFound#exception`),
  },
  async ({ db, meeting, actor }, { email, until }) => {
    const instant = parseZonedDateTimeLocal(until, meeting.timeZone);
    if (!instant) redirect(`${documentsPage(meeting.id)}?error=untilInvalid#exception`);
    const result = await grantDeadlineException(db, {
      meetingId: meeting.id,
      registrant: { email },
      until: instant,
      actor,
      now: new Date(),
    });
    if (!result.ok) redirect(`${documentsPage(meeting.id)}?error=notFound#exception`);
    redirect(`${documentsPage(meeting.id)}?done=exception&until=${encodeURIComponent(instant.toISOString())}#exception`);
  },
);

/** An owner's or editor's choice of emails about new documents: one per document, or a daily digest. */
export const chooseDocumentNoticesAction = meetingAction(
  {
    permission: "decide",
    schema: z.object({ documentNotices: z.enum(["EACH", "DAILY_DIGEST"]) }),
    fields: ["documentNotices"],
    read: (formData: FormData) => ({ documentNotices: formData.get("documentNotices") ?? "" }),
    invalid: ({ meeting }) => redirect(`${documentsPage(meeting.id)}#notices`),
  },
  async ({ db, meeting, actor }, { documentNotices }) => {
    await chooseDocumentNotices(db, { meetingId: meeting.id, actor, choice: documentNotices, now: new Date() });
    redirect(`${documentsPage(meeting.id)}?done=notices#notices`);
  },
);
