"use server";
// The edge of a focal point's decision link (/fp/<token>): the token is the only credential, so
// the action looks the link up by its hash again and trusts nothing else. A POST from the page's
// own form (proxy.ts refuses cross-site ones, and rate limits /fp/ per address); the page then
// shows what happened, read from the database.
import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { decideByLink } from "@/lib/focal-points/decisions.ts";
import { focalPointDecisionSchema } from "@/lib/focal-points/schema.ts";
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
