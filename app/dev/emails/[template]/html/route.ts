import { isDevMailboxEnabled } from "@/lib/mail/dev-mailbox.ts";
import { renderEmailPreview, SANDBOXED_EMAIL_HEADERS } from "@/lib/mail/email-previews.ts";

/** One template's HTML with sample data, framed by /dev/emails like the dev mailbox's messages. */
export async function GET(_request: Request, { params }: { params: Promise<{ template: string }> }) {
  if (!isDevMailboxEnabled()) return new Response(null, { status: 404 });
  const email = await renderEmailPreview((await params).template);
  if (!email) return new Response(null, { status: 404 });
  return new Response(email.html, { headers: SANDBOXED_EMAIL_HEADERS });
}
