import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDatabase } from "@/lib/db/client.ts";
import { isDevMailboxEnabled, readDevMailboxMessage } from "@/lib/mail/dev-mailbox.ts";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mailbox");
  return { title: t("messageTitle"), robots: { index: false } };
}

export default async function DevMailboxMessagePage({ params }: Props) {
  if (!isDevMailboxEnabled()) notFound();
  const message = await readDevMailboxMessage(getDatabase(), (await params).id);
  if (!message) notFound();
  const t = await getTranslations("mailbox");
  // "1,234 bytes" in the page's language, from Intl rather than a word written here.
  const bytes = new Intl.NumberFormat(await getLocale(), { style: "unit", unit: "byte", unitDisplay: "long" });
  return (
    <>
      <p>
        <a href="/dev/mailbox">{t("back")}</a>
      </p>
      <h1>{message.subject}</h1>
      <dl className="summary-list">
        <dt>{t("from")}</dt>
        <dd>{message.from}</dd>
        <dt>{t("to")}</dt>
        <dd>{message.to}</dd>
        <dt>{t("messageId")}</dt>
        <dd>{message.messageId}</dd>
        {message.attachments.length > 0 && (
          <>
            <dt>{t("attachments")}</dt>
            <dd>
              {message.attachments
                .map((attachment) => `${attachment.filename} (${attachment.contentType}, ${bytes.format(attachment.size)})`)
                .join(", ")}
            </dd>
          </>
        )}
      </dl>
      <h2>{t("htmlPart")}</h2>
      {/* The email's HTML is shown from its own route in a sandboxed frame: no scripts, no same-origin access. */}
      <iframe className="mail-preview" title={t("htmlPart")} sandbox="" src={`/dev/mailbox/${message.id}/html`} />
      <h2>{t("textPart")}</h2>
      <pre className="mail-text" dir="auto">
        {message.text}
      </pre>
    </>
  );
}
