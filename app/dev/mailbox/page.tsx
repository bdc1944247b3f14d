import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { isDevMailboxEnabled, listDevMailbox } from "@/lib/mail/dev-mailbox.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mailbox");
  return { title: t("title"), robots: { index: false } };
}

export default async function DevMailboxPage() {
  if (!isDevMailboxEnabled()) notFound();
  const t = await getTranslations("mailbox");
  const locale = await getLocale();
  const messages = await listDevMailbox(getDatabase());
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {messages.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("received")}</th>
                <th scope="col">{t("to")}</th>
                <th scope="col">{t("subject")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td>{formatInstant(message.createdAt, "UTC", locale)}</td>
                  <td>{message.toAddress}</td>
                  <td>
                    <a href={`/dev/mailbox/${message.id}`}>{message.subject}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
