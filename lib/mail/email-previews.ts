import "server-only";
// Every email template rendered with the sample data of emails/samples.ts, for /dev/emails: only
// the dev mailbox's routes show them, and only while the dev mailbox is on.
import { EMAIL_PREVIEWS } from "@/emails/samples.ts";
import type { RenderedEmail } from "@/emails/types.ts";
import { DEFAULT_LOCALE, textDirection } from "@/lib/i18n/config.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";

/** The headers of an email's HTML shown in a frame: an inert document (the dev mailbox's own). */
export const SANDBOXED_EMAIL_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  // Rendered as an inert document: no scripts, no forms, no same-origin access, only inline styles.
  "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
  "x-frame-options": "SAMEORIGIN",
  "cache-control": "no-store",
} as const;

function sampleLanguage() {
  return { t: getTranslator(DEFAULT_LOCALE, "emails"), locale: DEFAULT_LOCALE, dir: textDirection(DEFAULT_LOCALE) };
}

export async function renderEmailPreviews(): Promise<Array<{ id: string; email: RenderedEmail }>> {
  const language = sampleLanguage();
  return Promise.all(EMAIL_PREVIEWS.map(async (preview) => ({ id: preview.id, email: await preview.render(language) })));
}

/** The template `id` rendered with its sample data; null for an id no template has. */
export async function renderEmailPreview(id: string): Promise<RenderedEmail | null> {
  const preview = EMAIL_PREVIEWS.find((candidate) => candidate.id === id);
  return preview ? preview.render(sampleLanguage()) : null;
}
