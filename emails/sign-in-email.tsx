import { EmailLayout, Paragraph, SafeLink } from "@/emails/components/layout.tsx";
import { renderEmail } from "@/emails/render.ts";
import type { EmailLanguage, RenderedEmail } from "@/emails/types.ts";

/** The organizer's one-time sign-in link. */
export function signInLinkEmail(props: EmailLanguage & { url: string; minutesValid: number }): Promise<RenderedEmail> {
  const { t } = props;
  const intro = t("signIn.intro", { minutes: props.minutesValid });
  return renderEmail(
    t("signIn.subject"),
    // Not the registrants' footer ("used to register for the meeting"): say why this one came.
    <EmailLayout locale={props.locale} dir={props.dir} title={t("signIn.heading")} preview={intro} footer={t("signIn.footer")}>
      <Paragraph>{intro}</Paragraph>
      <Paragraph>
        <SafeLink href={props.url}>{t("signIn.link")}</SafeLink>
      </Paragraph>
      <Paragraph>{t("signIn.ignore")}</Paragraph>
    </EmailLayout>,
  );
}
