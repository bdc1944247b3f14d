// The email asking a designated focal point to approve or reject a registration (issue #12). Pure:
// facts in, { subject, text, html } out. Everything the registrant typed appears as text only; the
// one link comes from APP_URL.
import { EmailLayout, Facts, Paragraph, SafeLink } from "@/emails/components/layout.tsx";
import { isolated } from "@/emails/one-line.ts";
import type { MeetingFacts } from "@/emails/registrant-emails.tsx";
import { renderEmail } from "@/emails/render.ts";
import type { EmailLanguage, RenderedEmail } from "@/emails/types.ts";

export type FocalPointRequestProps = EmailLanguage & {
  meeting: MeetingFacts;
  /** The focal point's name, as the list has it. */
  focalPointName: string;
  /** The Member State or organization they speak for, in the email's language. */
  scope: string;
  registrant: {
    name: string;
    email: string;
    reference: string;
    /** Participant category, in the email's language. */
    category: string;
    organization: string | null;
    memberState: string | null;
    country: string;
    jobTitle: string | null;
  };
  /** The decision page: shows the request; only its buttons decide. */
  decideUrl: string;
  /** When the link stops working, in words. */
  expires: string;
  /** The one reminder about a request still waiting. */
  reminder?: boolean;
};

export function focalPointRequestEmail(props: FocalPointRequestProps): Promise<RenderedEmail> {
  const { t, meeting, registrant } = props;
  const intro = t("focalPointRequest.intro", {
    registrant: isolated(registrant.name),
    meeting: isolated(meeting.title),
    scope: isolated(props.scope),
  });
  return renderEmail(
    t(props.reminder ? "focalPointRequest.reminderSubject" : "focalPointRequest.subject", {
      meeting: meeting.shortName,
      registrant: registrant.name,
    }),
    <EmailLayout
      locale={props.locale}
      dir={props.dir}
      title={t("focalPointRequest.heading")}
      preview={intro}
      footer={t("focalPointRequest.footer")}
    >
      <Paragraph>{t("greeting", { name: isolated(props.focalPointName) })}</Paragraph>
      {props.reminder && <Paragraph>{t("focalPointRequest.reminderNote")}</Paragraph>}
      <Paragraph>{intro}</Paragraph>
      <Facts
        rows={[
          [t("focalPointRequest.name"), registrant.name, "auto"],
          [t("focalPointRequest.email"), registrant.email, "ltr"],
          [t("focalPointRequest.category"), registrant.category],
          [t("focalPointRequest.memberState"), registrant.memberState],
          [t("focalPointRequest.organization"), registrant.organization, "auto"],
          [t("focalPointRequest.country"), registrant.country],
          [t("focalPointRequest.jobTitle"), registrant.jobTitle, "auto"],
          [t("focalPointRequest.reference"), registrant.reference, "ltr"],
          [t("facts.meeting"), meeting.title, meeting.marks?.title ?? "auto"],
          [t("facts.dates"), meeting.dates],
        ]}
      />
      <Paragraph>{t("focalPointRequest.action")}</Paragraph>
      <Paragraph>
        <SafeLink href={props.decideUrl}>{t("focalPointRequest.link")}</SafeLink>
      </Paragraph>
      <Paragraph>{t("focalPointRequest.linkRules", { expires: props.expires })}</Paragraph>
      <Paragraph>{t("contact", { name: isolated(meeting.contactName), email: isolated(meeting.contactEmail) })}</Paragraph>
    </EmailLayout>,
  );
}

/** The link to a focal point's list of waiting requests, sent when they ask for it. */
export function focalPointListEmail(props: EmailLanguage & { listUrl: string; expires: string }): Promise<RenderedEmail> {
  const { t } = props;
  const intro = t("focalPointList.intro");
  return renderEmail(
    t("focalPointList.subject"),
    <EmailLayout
      locale={props.locale}
      dir={props.dir}
      title={t("focalPointList.heading")}
      preview={intro}
      footer={t("focalPointList.footer")}
    >
      <Paragraph>{t("focalPointList.greeting")}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <Paragraph>
        <SafeLink href={props.listUrl}>{t("focalPointList.link")}</SafeLink>
      </Paragraph>
      <Paragraph>{t("focalPointList.linkRules", { expires: props.expires })}</Paragraph>
    </EmailLayout>,
  );
}
