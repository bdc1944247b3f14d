import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { isDevMailboxEnabled } from "@/lib/mail/dev-mailbox.ts";
import { renderEmailPreviews } from "@/lib/mail/email-previews.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mailbox.templates");
  return { title: t("title"), robots: { index: false } };
}

export default async function DevEmailTemplatesPage() {
  if (!isDevMailboxEnabled()) notFound();
  const t = await getTranslations("mailbox");
  const previews = await renderEmailPreviews();
  return (
    <>
      <h1>{t("templates.title")}</h1>
      <p>{t("templates.intro")}</p>
      <p>
        <a href="/dev/mailbox">{t("templates.mailboxLink")}</a>
      </p>
      <nav aria-labelledby="templates-contents">
        <h2 id="templates-contents">{t("templates.contents")}</h2>
        <ul>
          {previews.map(({ id, email }) => (
            <li key={id}>
              <a href={`#${id}`}>{email.subject}</a>
            </li>
          ))}
        </ul>
      </nav>
      {previews.map(({ id, email }) => (
        <section key={id} id={id} aria-labelledby={`${id}-subject`}>
          <h2 id={`${id}-subject`}>{email.subject}</h2>
          <p>
            <code>{t("templates.kind", { kind: id })}</code>
          </p>
          <h3>{t("htmlPart")}</h3>
          {/* The email's HTML from its own route in a sandboxed frame: no scripts, no same-origin access. */}
          <iframe className="mail-preview" title={`${t("htmlPart")}: ${email.subject}`} sandbox="" src={`/dev/emails/${id}/html`} />
          <h3>{t("textPart")}</h3>
          <pre className="mail-text">{email.text}</pre>
        </section>
      ))}
    </>
  );
}
