"use server";
// The edge of a focal point's decision link (/fp/<token>): the token is the only credential, so
// the action looks the link up by its hash again and trusts nothing else. A POST from the page's
// own form (proxy.ts refuses cross-site ones, and rate limits /fp/ per address); the page then
// shows what happened, read from the database.
import { redirect } from "next/navigation";
import { after } from "next/server";
import { getDatabase } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { decideByLink } from "@/lib/focal-points/decisions.ts";
import { openRequestFromList, requestListLink } from "@/lib/focal-points/list-links.ts";
import { focalPointDecisionSchema } from "@/lib/focal-points/schema.ts";
import { emailAddressSchema } from "@/lib/forms/email-address.ts";
import { isUuid } from "@/lib/forms/ids.ts";
import { logEvent } from "@/lib/log.ts";
import { isWellFormedToken } from "@/lib/security/tokens.ts";

export async function decideAsFocalPointAction(token: string, _previous: null, formData: FormData): Promise<null> {
  if (!isWellFormedToken(token)) redirect("/fp/invalid");
  const parsed = focalPointDecisionSchema.safeParse({ decision: formData.get("decision"), reason: formData.get("reason") ?? undefined });
  // A choice that is neither button, or a reason too long: nothing changes, the page says why.
  if (!parsed.success) redirect(`/fp/${token}?error=${parsed.error.issues[0]?.message === "reason.tooLong" ? "reason" : "decision"}`);
  const result = await decideByLink(getDatabase(), {
    token,
    choice: parsed.data.decision === "approve" ? { decision: "approve" } : { decision: "reject", reason: parsed.data.reason },
    now: new Date(),
    appUrl: getEnv().APP_URL,
  });
  redirect(`/fp/${token}?answer=${result.ok ? result.decision : result.reason}`);
}

/** "Email me my list": the same answer whether or not the address is a focal point's. */
export async function requestListLinkAction(_previous: null, formData: FormData): Promise<null> {
  const parsed = emailAddressSchema.safeParse(formData.get("email"));
  if (!parsed.success) redirect("/fp?error=email");
  const request = { email: parsed.data, now: new Date(), appUrl: getEnv().APP_URL };
  // After the answer has been sent: a focal point's address costs a link, an email and an audit
  // entry, anyone else's nothing, and an answer that waited for that would tell them apart by its
  // time (found by review). Not acknowledged to anyone: if it fails, asking again is the remedy.
  after(() =>
    requestListLink(getDatabase(), request).catch((error: unknown) =>
      logEvent("focal-point.list-link-failed", { error: error instanceof Error ? error.message : String(error) }),
    ),
  );
  redirect("/fp?sent=1");
}

/** One request of the list opened for deciding, through a new decision link of its own. */
export async function openFromListAction(token: string, _previous: null, formData: FormData): Promise<null> {
  if (!isWellFormedToken(token)) redirect("/fp");
  const registrationId = formData.get("registrationId");
  const decisionToken =
    typeof registrationId === "string" && isUuid(registrationId)
      ? await openRequestFromList(getDatabase(), { token, registrationId, now: new Date() })
      : null;
  if (!decisionToken) redirect(`/fp/list/${token}?error=gone`);
  redirect(`/fp/${decisionToken}`);
}
