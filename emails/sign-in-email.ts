import { html, link } from "@/emails/html.ts";
import { emailDocument, oneLine, type RenderedEmail, type Translate } from "@/emails/layout.ts";

/** The organizer's one-time sign-in link. */
export function signInLinkEmail(props: { t: Translate; locale: string; url: string; minutesValid: number }): RenderedEmail {
  const { t } = props;
  const heading = t("signIn.heading");
  const intro = t("signIn.intro", { minutes: props.minutesValid });
  const ignore = t("signIn.ignore");
  const footer = t("footer");
  return {
    subject: oneLine(t("signIn.subject")),
    text: [intro, props.url, ignore, "--", footer].join("\n\n"),
    html: emailDocument({
      title: heading,
      lang: props.locale,
      footer,
      body: html`<p>${intro}</p><p>${link(props.url, t("signIn.link"))}</p><p>${ignore}</p>`,
    }),
  };
}
