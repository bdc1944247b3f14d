import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDatabase } from "@/lib/db/client.ts";
import { getPublicMeeting } from "@/lib/meetings/queries.ts";
import { REGISTERED_COOKIE } from "@/lib/registration/form-state.ts";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("registration");
  return { title: t("sentTitle") };
}

function readRegisteredCookie(value: string | undefined): { email: string; reference: string } {
  try {
    const parsed = JSON.parse(value ?? "{}") as { email?: unknown; reference?: unknown };
    return {
      email: typeof parsed.email === "string" ? parsed.email : "",
      reference: typeof parsed.reference === "string" && /^Q-[0-9A-Z]{5}-[0-9A-Z]{5}$/.test(parsed.reference) ? parsed.reference : "",
    };
  } catch {
    return { email: "", reference: "" };
  }
}

/**
 * The same answer for a new registration and for an address that was already registered (with
 * that registration's reference), so the page cannot be used to find out who registered.
 */
export default async function RegistrationSentPage({ params }: Props) {
  const meeting = await getPublicMeeting(getDatabase(), (await params).slug);
  if (!meeting) notFound();
  const t = await getTranslations("registration");
  const stageT = await getTranslations("registrationStage");
  const { email, reference } = readRegisteredCookie((await cookies()).get(REGISTERED_COOKIE)?.value);
  return (
    <>
      <div className="panel-success">
        <h1>{t("sentTitle")}</h1>
        <p>{t("sentLead", { email: email || "…", meeting: meeting.shortName })}</p>
        {reference && (
          <p>
            {t("sentReference")}
            <br />
            <strong style={{ fontSize: "1.5rem" }}>
              <bdi>{reference}</bdi>
            </strong>
          </p>
        )}
      </div>
      <h2>{t("sentNextHeading")}</h2>
      <ul>
        {/* Said of the meeting, not of this registration: the page tells nobody who registered. */}
        {meeting.approvalMode === "FOCAL_POINT" && <li>{stageT("sentFocalPointMeeting")}</li>}
        <li>{t("sentNextConfirm")}</li>
        <li>{t("sentNextInstructions")}</li>
        <li>{t("sentNextSpam", { contact: meeting.contactEmail })}</li>
      </ul>
      <p>
        <a href={`/meetings/${meeting.slug}`}>{t("sentBackToMeeting")}</a>
      </p>
    </>
  );
}
