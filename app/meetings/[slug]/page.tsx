import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/local-time.tsx";
import { getDatabase } from "@/lib/db/client.ts";
import { formatDate, formatInstant, formatMeetingDates } from "@/lib/i18n/format.ts";
import { getPublicMeeting, listMeetingSessions } from "@/lib/meetings/queries.ts";
import { SessionList } from "@/components/session-list.tsx";
import { getRegistrationWindowState } from "@/lib/meetings/rules.ts";
import { languageMark, meetingTextsFor } from "@/lib/i18n/meeting-texts.ts";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const meeting = await getPublicMeeting(getDatabase(), (await params).slug);
  return { title: meeting?.shortName ?? (await getTranslations("common"))("notFoundTitle") };
}

export default async function MeetingPage({ params }: Props) {
  const db = getDatabase();
  const meeting = await getPublicMeeting(db, (await params).slug);
  if (!meeting) notFound();
  const sessions = await listMeetingSessions(db, meeting.id);
  const now = new Date();
  const locale = await getLocale();
  // The organizers' texts in the reader's language, or in the meeting's own, marked with its language.
  const texts = meetingTextsFor(meeting, locale);
  const t = await getTranslations("meeting");
  const documentsT = await getTranslations("documents");
  const common = await getTranslations("common");
  const sessionsT = await getTranslations("sessions");
  const zone = meeting.timeZone;
  const windowState = getRegistrationWindowState(meeting, now);
  const registrationText =
    windowState === "open"
      ? t("registrationCloses", { deadline: formatInstant(meeting.registrationClosesAt, zone, locale) })
      : windowState === "not-open"
        ? t("registrationOpens", { deadline: formatInstant(meeting.registrationOpensAt, zone, locale) })
        : t("registrationClosed", { deadline: formatInstant(meeting.registrationClosesAt, zone, locale) });

  return (
    <>
      {meeting.isPractice && <p className="banner banner--warning">{common("practiceBanner")}</p>}
      {texts.circularReference && (
        <span className="caption" {...languageMark(texts.circularReference, locale)}>
          {t("circular", {
            reference: texts.circularReference.text,
            date: meeting.circularDate ? formatDate(meeting.circularDate, "UTC", locale) : "",
          })}
        </span>
      )}
      <h1 {...languageMark(texts.title, locale)}>{texts.title.text}</h1>
      {texts.summary && (
        <p className="lead" {...languageMark(texts.summary, locale)}>
          {texts.summary.text}
        </p>
      )}
      <h2>{t("facts")}</h2>
      <dl className="summary-list">
        <dt>{t("dates")}</dt>
        <dd>{formatMeetingDates(meeting.startsAt, meeting.endsAt, zone, locale)}</dd>
        {sessions.length > 0 && (
          <>
            <dt>{sessionsT("pageHeading")}</dt>
            <dd>
              <SessionList sessions={sessions} timeZone={zone} />
            </dd>
          </>
        )}
        <dt>{t("format")}</dt>
        <dd>{t(`formats.${meeting.format}`)}</dd>
        <dt>{t("languages")}</dt>
        <dd {...languageMark(texts.languages, locale)}>{texts.languages.text}</dd>
        <dt>{t("fee")}</dt>
        <dd {...languageMark(texts.fee, locale)}>{texts.fee.text}</dd>
        <dt>{t("whoMayParticipate")}</dt>
        <dd>
          {texts.eligibilityNote && <p {...languageMark(texts.eligibilityNote, locale)}>{texts.eligibilityNote.text}</p>}
          <ul>
            {meeting.eligibleCategories.map((category) => (
              <li key={category}>{t(`categories.${category}`)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t("registrationDeadline")}</dt>
        <dd>
          {registrationText}
          <LocalTime
            instant={(windowState === "not-open" ? meeting.registrationOpensAt : meeting.registrationClosesAt).toISOString()}
            timeZone={zone}
          />
        </dd>
        {meeting.documentDeadline && (
          <>
            <dt>{t("documentDeadline")}</dt>
            <dd>
              {t("documentDeadlineValue", { deadline: formatInstant(meeting.documentDeadline, zone, locale) })}
              <LocalTime instant={meeting.documentDeadline.toISOString()} timeZone={zone} />
              {texts.documentSubmission && <p {...languageMark(texts.documentSubmission, locale)}>{texts.documentSubmission.text}</p>}
              {meeting.documentTemplateUrl?.startsWith("https://") && (
                <p>
                  <a href={meeting.documentTemplateUrl}>{documentsT("template")}</a>
                </p>
              )}
            </dd>
          </>
        )}
        <dt>{t("contact")}</dt>
        <dd>
          <span {...languageMark(texts.contactName, locale)}>{texts.contactName.text}</span>
          <br />
          <a href={`mailto:${meeting.contactEmail}`}>{meeting.contactEmail}</a>
          {texts.contactPhone && (
            <>
              <br />
              <span {...languageMark(texts.contactPhone, locale)}>{texts.contactPhone.text}</span>
            </>
          )}
        </dd>
        {meeting.homePageUrl && /^https?:\/\//.test(meeting.homePageUrl) && (
          <>
            <dt>{t("homePage")}</dt>
            <dd>
              <a href={meeting.homePageUrl} rel="noopener noreferrer">
                {meeting.homePageUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      <p>{t("afterRegistering")}</p>
      {windowState === "open" && (
        <a className="button" href={`/meetings/${meeting.slug}/register`}>
          {t("register")}
        </a>
      )}
    </>
  );
}
