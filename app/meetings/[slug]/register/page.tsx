import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { RegistrationForm } from "@/components/registration/registration-form.tsx";
import { getDatabase } from "@/lib/db/client.ts";
import { registerAction } from "@/lib/registration/actions.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { zoneOffsetMinutes } from "@/lib/i18n/instant-format.ts";
import { getPublicMeeting } from "@/lib/meetings/queries.ts";
import { getRegistrationWindowState } from "@/lib/meetings/rules.ts";
import { ITU_MEMBER_STATE_CODES } from "@/lib/participants/countries.ts";
import { countryOptions } from "@/lib/participants/country-names.ts";
import { isMeetingFull } from "@/lib/registration/queries.ts";
import { PARTICIPANT_CATEGORIES } from "@/lib/participants/categories.ts";

type Props = { params: Promise<{ slug: string }> };

// The form renders its own <title>, so that a failed submission can say "Error:" in it, also
// when the answer comes back without JavaScript.
export const metadata: Metadata = {};

export default async function RegisterPage({ params }: Props) {
  const meeting = await getPublicMeeting(getDatabase(), (await params).slug);
  if (!meeting) notFound();
  const locale = await getLocale();
  const t = await getTranslations("registration");
  const windowState = getRegistrationWindowState(meeting, new Date());
  const contact = meeting.contactEmail;

  const unavailable = windowState !== "open" ? windowState : (await isMeetingFull(getDatabase(), meeting)) ? ("full" as const) : null;
  if (unavailable) {
    const title = {
      closed: () => t("closedTitle", { meeting: meeting.shortName }),
      "not-open": () => t("notOpenTitle", { meeting: meeting.shortName }),
      full: () => t("fullTitle", { meeting: meeting.shortName }),
    }[unavailable]();
    const body = {
      closed: () => t("closedBody", { deadline: formatInstant(meeting.registrationClosesAt, meeting.timeZone, locale), contact }),
      "not-open": () => t("notOpenBody", { deadline: formatInstant(meeting.registrationOpensAt, meeting.timeZone, locale) }),
      full: () => t("fullBody", { contact }),
    }[unavailable]();
    return (
      <>
        <title>{title}</title>
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <a href={`/meetings/${meeting.slug}`}>{t("sentBackToMeeting")}</a>
        </p>
      </>
    );
  }

  return (
    <RegistrationForm
      mode="register"
      action={registerAction.bind(null, meeting.slug)}
      permalink={`/meetings/${meeting.slug}/register`}
      meetingTitle={meeting.shortName}
      deadline={formatInstant(meeting.registrationClosesAt, meeting.timeZone, locale)}
      deadlineAt={{
        instant: meeting.registrationClosesAt.toISOString(),
        timeZone: meeting.timeZone,
        offsetMinutes: zoneOffsetMinutes(meeting.registrationClosesAt, meeting.timeZone),
      }}
      submissionKey={randomUUID()}
      categories={PARTICIPANT_CATEGORIES.filter((category) => meeting.eligibleCategories.includes(category))}
      countries={countryOptions(locale)}
      memberStateCodes={ITU_MEMBER_STATE_CODES}
    />
  );
}
