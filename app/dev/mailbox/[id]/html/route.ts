import { getDatabase } from "@/lib/db/client.ts";
import { isDevMailboxEnabled, readDevMailboxMessage } from "@/lib/mail/dev-mailbox.ts";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isDevMailboxEnabled()) return new Response(null, { status: 404 });
  const message = await readDevMailboxMessage(getDatabase(), (await params).id);
  if (!message) return new Response(null, { status: 404 });
  return new Response(message.html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      // Rendered as an inert document: no scripts, no forms, no same-origin access, only inline styles.
      "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      "x-frame-options": "SAMEORIGIN",
      "cache-control": "no-store",
    },
  });
}
