// Pure email templates for registrants: facts in, { subject, text, html } out. No data access,
// no clock. Registrant-typed values only ever appear as text (React escapes them): links come
// from APP_URL (manage link) or from organizer-entered meeting facts, and only as http(s).
import type { ReactNode } from "react";
import { EmailLayout, Facts, Lines, Paragraph, SafeLink, SectionHeading } from "@/emails/components/layout.tsx";
import { isolated } from "@/emails/one-line.ts";
import { renderEmail } from "@/emails/render.ts";
import type { EmailLanguage, EmailMessageKey, RenderedEmail, TextMark, Translate } from "@/emails/types.ts";

export type ConnectionInstructions = {
  /** The registrant's own link to the meeting (APP_URL/join/<token>); when set, joinUrl, meetingId and passcode are null. */
  personalJoinUrl?: string | null;
  joinUrl: string | null;
  meetingId: string | null;
  passcode: string | null;
  dialIn: string | null;
  notes: string | null;
  /** Set when the notes are not in the email's language (the meeting's own language instead). */
  notesMark?: TextMark;
};

export type MeetingFacts = {
  title: string;
  shortName: string;
  dates: string;
  format: string;
  languages: string;
  fee: string;
  contactName: string;
  contactEmail: string;
  homePageUrl: string | null;
  meetingUrl: string;
  /** Each session, formatted in the meeting's time zone (absent: the meeting is one session, its dates). */
  sessions?: readonly string[];
  /** The organizer's texts that are not in the email's language (the meeting's own language instead). */
  marks?: Partial<Record<"title" | "languages" | "fee", TextMark>>;
};

export type RegistrantFacts = { givenName: string; familyName: string; reference: string; email: string };

export type RegistrantEmailProps = EmailLanguage & {
  meeting: MeetingFacts;
  registrant: RegistrantFacts;
  manageUrl: string;
};

function MeetingFactsTable({ t, meeting }: { t: Translate; meeting: MeetingFacts }) {
  return (
    <Facts
      rows={[
        [t("facts.meeting"), meeting.title, meeting.marks?.title ?? "auto"],
        [t("facts.dates"), meeting.dates],
        [t("facts.format"), meeting.format],
        [t("facts.languages"), meeting.languages, meeting.marks?.languages],
        [t("facts.fee"), meeting.fee, meeting.marks?.fee],
      ]}
    />
  );
}

function ConnectionSection({ t, connection }: { t: Translate; connection: ConnectionInstructions }) {
  const { notesMark: _mark, ...instructions } = connection;
  const hasAny = Object.values(instructions).some(Boolean);
  return (
    <>
      <SectionHeading>{t("connection.heading")}</SectionHeading>
      {!hasAny && <Paragraph>{t("connection.notYet")}</Paragraph>}
      {connection.personalJoinUrl && (
        <>
          <Paragraph>
            {t("connection.personalJoinLink")}: <SafeLink href={connection.personalJoinUrl}>{connection.personalJoinUrl}</SafeLink>
          </Paragraph>
          <Paragraph>{t("connection.personalJoinLinkHint")}</Paragraph>
        </>
      )}
      {connection.joinUrl && (
        <Paragraph>
          {t("connection.joinLink")}: <SafeLink href={connection.joinUrl}>{connection.joinUrl}</SafeLink>
        </Paragraph>
      )}
      <Facts
        rows={[
          [t("connection.meetingId"), connection.meetingId, "ltr"],
          [t("connection.passcode"), connection.passcode, "ltr"],
          [t("connection.dialIn"), connection.dialIn, "ltr"],
          [t("connection.notes"), connection.notes, connection.notesMark ?? "auto"],
        ]}
      />
    </>
  );
}

/** The meeting's sessions, one a line, in the emails that tell a confirmed registrant how to join. */
function SessionsSection({ t, meeting }: { t: Translate; meeting: MeetingFacts }) {
  if (!meeting.sessions?.length) return null;
  return (
    <>
      <SectionHeading>{t("sessions.heading")}</SectionHeading>
      <Paragraph>
        <Lines text={meeting.sessions.join("\n")} />
      </Paragraph>
    </>
  );
}

function HomePage({ t, meeting }: { t: Translate; meeting: MeetingFacts }) {
  if (!meeting.homePageUrl) return null;
  return (
    <Paragraph>
      {t("homePage")}: <SafeLink href={meeting.homePageUrl}>{meeting.homePageUrl}</SafeLink>
    </Paragraph>
  );
}

type Variant = {
  subjectKey: EmailMessageKey;
  headingKey: EmailMessageKey;
  introKey: EmailMessageKey;
  /** Shown after the reference number, before the meeting's facts. */
  extra?: ReactNode;
  /** Given (even empty) for the emails that carry the connection instructions; absent otherwise. */
  connection?: ConnectionInstructions;
  showManage?: boolean;
};

function RegistrantEmail({ props, variant }: { props: RegistrantEmailProps; variant: Variant }) {
  const { t, meeting, registrant } = props;
  const intro = t(variant.introKey, { meeting: isolated(meeting.title) });
  return (
    <EmailLayout locale={props.locale} dir={props.dir} title={t(variant.headingKey)} preview={intro} footer={t("footer")}>
      <Paragraph>{t("greeting", { name: isolated(`${registrant.givenName} ${registrant.familyName}`) })}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <Paragraph>
        <strong>{t("reference", { reference: registrant.reference })}</strong>
      </Paragraph>
      {variant.extra}
      <MeetingFactsTable t={t} meeting={meeting} />
      {variant.connection && <SessionsSection t={t} meeting={meeting} />}
      {variant.connection && <ConnectionSection t={t} connection={variant.connection} />}
      {(variant.showManage ?? true) && (
        <>
          <SectionHeading>{t("manage.heading")}</SectionHeading>
          <Paragraph>{t("manage.text")}</Paragraph>
          <Paragraph>
            <SafeLink href={props.manageUrl}>{t("manage.link")}</SafeLink>
          </Paragraph>
        </>
      )}
      <Paragraph>{t("contact", { name: isolated(meeting.contactName), email: isolated(meeting.contactEmail) })}</Paragraph>
      <HomePage t={t} meeting={meeting} />
    </EmailLayout>
  );
}

function renderRegistrantEmail(props: RegistrantEmailProps, variant: Variant): Promise<RenderedEmail> {
  return renderEmail(
    props.t(variant.subjectKey, { meeting: props.meeting.shortName }),
    <RegistrantEmail props={props} variant={variant} />,
  );
}

/** Confirmed at once (automatic mode): with the connection instructions. */
export function registrationConfirmedEmail(props: RegistrantEmailProps & { connection: ConnectionInstructions }): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "confirmed.subject",
    headingKey: "confirmed.heading",
    introKey: "confirmed.intro",
    connection: props.connection,
  });
}

/** Approved by an organizer (approval mode): with the connection instructions. */
export function registrationApprovedEmail(props: RegistrantEmailProps & { connection: ConnectionInstructions }): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "approved.subject",
    headingKey: "approved.heading",
    introKey: "approved.intro",
    connection: props.connection,
  });
}

/** Received, waiting for an organizer's decision: no connection instructions. */
export function registrationReceivedEmail(props: RegistrantEmailProps): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, { subjectKey: "received.subject", headingKey: "received.heading", introKey: "received.intro" });
}

/** Sent to the focal points of the registrant's Member State or organization: waiting for their approval. */
export function registrationAwaitingFocalPointEmail(props: RegistrantEmailProps): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "awaitingFocalPoint.subject",
    headingKey: "awaitingFocalPoint.heading",
    introKey: "awaitingFocalPoint.intro",
  });
}

/** A focal point approved: now waiting for the organizers (the secretariat). */
export function registrationFocalPointApprovedEmail(props: RegistrantEmailProps): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "focalPointApproved.subject",
    headingKey: "focalPointApproved.heading",
    introKey: "focalPointApproved.intro",
  });
}

/** Rejected, with the organizer's reason (organizer text, shown as text). */
export function registrationRejectedEmail(props: RegistrantEmailProps & { reason: string }): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "rejected.subject",
    headingKey: "rejected.heading",
    introKey: "rejected.intro",
    extra: props.reason ? (
      <Paragraph>
        <strong>{props.t("rejected.reason")}</strong>
        <br />
        <Lines text={props.reason} />
      </Paragraph>
    ) : null,
    showManage: false,
  });
}

/** Withdrawn, by the registrant or an organizer. */
export function registrationWithdrawnEmail(props: RegistrantEmailProps): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "withdrawn.subject",
    headingKey: "withdrawn.heading",
    introKey: "withdrawn.intro",
    showManage: false,
  });
}

/** Someone registered again with this address: point them at their existing registration. */
export function alreadyRegisteredEmail(props: RegistrantEmailProps): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "alreadyRegistered.subject",
    headingKey: "alreadyRegistered.heading",
    introKey: "alreadyRegistered.intro",
  });
}

/**
 * A confirmed registrant changed what the organizers approved (category, Member State or
 * organization) on a meeting that needs approval: the registration waits for them again.
 */
export function registrationSentBackEmail(props: RegistrantEmailProps): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, { subjectKey: "sentBack.subject", headingKey: "sentBack.heading", introKey: "sentBack.intro" });
}

/** The organizers changed the connection instructions. */
export function connectionUpdatedEmail(props: RegistrantEmailProps & { connection: ConnectionInstructions }): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "connectionUpdated.subject",
    headingKey: "connectionUpdated.heading",
    introKey: "connectionUpdated.intro",
    connection: props.connection,
    // Bulk mail carries no manage link, so the registrant's existing link stays the valid one.
    showManage: false,
  });
}

/** The organizers changed the meeting's dates or sessions: the new times, the .ics, the personal join link. */
export function scheduleUpdatedEmail(props: RegistrantEmailProps & { connection: ConnectionInstructions }): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "sessions.updatedSubject",
    headingKey: "sessions.updatedHeading",
    introKey: "sessions.updatedIntro",
    connection: props.connection,
    // Bulk mail carries no manage link, so the registrant's existing link stays the valid one.
    showManage: false,
  });
}

/**
 * A reminder before the meeting (7 days, 1 day, 1 hour before its first session, as the organizers
 * chose): when it starts, with the connection instructions and the registrant's join link.
 * `startsAt`: the first session's start as words, in the meeting's time zone, naming the zone.
 */
export function meetingReminderEmail(
  props: RegistrantEmailProps & { connection: ConnectionInstructions; startsAt: string },
): Promise<RenderedEmail> {
  return renderRegistrantEmail(props, {
    subjectKey: "meetingReminder.subject",
    headingKey: "meetingReminder.heading",
    introKey: "meetingReminder.intro",
    extra: <Paragraph>{props.t("meetingReminder.startsAt", { start: isolated(props.startsAt) })}</Paragraph>,
    connection: props.connection,
    // Bulk mail carries no manage link, so the registrant's existing link stays the valid one.
    showManage: false,
  });
}

/**
 * Somebody tried to register this address for a meeting with no place left. Nobody was
 * registered, so there is no name, reference or manage link: whoever typed the address also
 * typed the name, and it is not repeated to the address's owner (docs/decisions/0007).
 */
export function meetingFullEmail(props: EmailLanguage & { meeting: MeetingFacts }): Promise<RenderedEmail> {
  const { t, meeting } = props;
  const intro = t("full.intro", { meeting: isolated(meeting.title) });
  return renderEmail(
    t("full.subject", { meeting: meeting.shortName }),
    <EmailLayout locale={props.locale} dir={props.dir} title={t("full.heading")} preview={intro} footer={t("footer")}>
      <Paragraph>{t("full.greeting")}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <Paragraph>{t("full.ignore")}</Paragraph>
      <MeetingFactsTable t={t} meeting={meeting} />
      <Paragraph>{t("full.contact", { name: isolated(meeting.contactName), email: isolated(meeting.contactEmail) })}</Paragraph>
      <HomePage t={t} meeting={meeting} />
    </EmailLayout>,
  );
}
