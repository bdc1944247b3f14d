// Pure email templates about input documents: the acknowledgment to the participant who submitted
// one, and the notice to the meeting's organizers. Facts in, { subject, text, html } out; the
// title and source are the participant's text, shown as text only.
import { EmailLayout, Facts, Paragraph, SafeLink } from "@/emails/components/layout.tsx";
import { isolated } from "@/emails/one-line.ts";
import { renderEmail } from "@/emails/render.ts";
import type { EmailLanguage, RenderedEmail } from "@/emails/types.ts";

export type DocumentFacts = {
  /** "QIT4N-I-001" or "QIT4N-I-001R1". */
  number: string;
  title: string;
  source: string;
  meetingShortName: string;
  /** When it was received, formatted in the meeting's time zone. */
  receivedAt: string;
  /** Submitted after the deadline and accepted under the meeting's late policy. */
  late: boolean;
  /** Where the reader finds it (the participant's documents page, or the console). */
  url: string;
};

function DocumentFactsTable({ t, document }: { t: EmailLanguage["t"]; document: DocumentFacts }) {
  return (
    <Facts
      rows={[
        [t("documents.number"), document.number, "ltr"],
        [t("documents.title"), document.title, "auto"],
        [t("documents.source"), document.source, "auto"],
        [t("documents.receivedAt"), document.receivedAt],
      ]}
    />
  );
}

/** To the participant who submitted it: received, with its number. */
export function documentReceivedEmail(props: EmailLanguage & { name: string; document: DocumentFacts }): Promise<RenderedEmail> {
  const { t, document } = props;
  const intro = t("documents.received.intro", { number: document.number, meeting: isolated(document.meetingShortName) });
  return renderEmail(
    t("documents.received.subject", { number: document.number, meeting: document.meetingShortName }),
    <EmailLayout
      locale={props.locale}
      dir={props.dir}
      title={t("documents.received.heading")}
      preview={intro}
      footer={t("documents.footer")}
    >
      <Paragraph>{t("greeting", { name: isolated(props.name) })}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      {document.late && <Paragraph>{t("documents.received.late")}</Paragraph>}
      <DocumentFactsTable t={t} document={document} />
      <Paragraph>
        {t("documents.received.link")}: <SafeLink href={document.url}>{document.url}</SafeLink>
      </Paragraph>
    </EmailLayout>,
  );
}

/** To each organizer of the meeting: a document came in. */
export function documentSubmittedEmail(props: EmailLanguage & { submitter: string; document: DocumentFacts }): Promise<RenderedEmail> {
  const { t, document } = props;
  const intro = t("documents.submitted.intro", { number: document.number, name: isolated(props.submitter) });
  return renderEmail(
    t("documents.submitted.subject", { number: document.number, meeting: document.meetingShortName }),
    <EmailLayout
      locale={props.locale}
      dir={props.dir}
      title={t("documents.submitted.heading")}
      preview={intro}
      footer={t("documents.organizerFooter")}
    >
      <Paragraph>{intro}</Paragraph>
      {document.late && <Paragraph>{t("documents.submitted.late")}</Paragraph>}
      <DocumentFactsTable t={t} document={document} />
      <Paragraph>
        {t("documents.submitted.link")}: <SafeLink href={document.url}>{document.url}</SafeLink>
      </Paragraph>
    </EmailLayout>,
  );
}

export type DigestLine = { number: string; title: string; source: string; late: boolean };

/** To an organizer who chose the daily digest: the documents submitted on one day. */
export function documentDigestEmail(
  props: EmailLanguage & { meetingShortName: string; day: string; documents: DigestLine[]; url: string },
): Promise<RenderedEmail> {
  const { t } = props;
  const intro = t("documents.digest.intro", { meeting: isolated(props.meetingShortName), day: props.day, count: props.documents.length });
  return renderEmail(
    t("documents.digest.subject", { meeting: props.meetingShortName, day: props.day }),
    <EmailLayout
      locale={props.locale}
      dir={props.dir}
      title={t("documents.digest.heading")}
      preview={intro}
      footer={t("documents.organizerFooter")}
    >
      <Paragraph>{intro}</Paragraph>
      {props.documents.map((document) => (
        <Paragraph key={document.number}>
          {[document.number, isolated(document.title), isolated(document.source), document.late ? t("documents.digest.late") : null]
            .filter(Boolean)
            .join(" · ")}
        </Paragraph>
      ))}
      <Paragraph>
        {t("documents.digest.link")}: <SafeLink href={props.url}>{props.url}</SafeLink>
      </Paragraph>
    </EmailLayout>,
  );
}
