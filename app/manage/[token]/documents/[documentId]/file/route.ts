// One input document, downloaded by a participant of its meeting through their manage link
// (lib/documents/downloads.ts decides who may read what). Anything else is "not found".
import { getDatabase } from "@/lib/db/client.ts";
import { participantDownload } from "@/lib/documents/downloads.ts";
import { isUuid } from "@/lib/forms/ids.ts";
import { negotiateLocale } from "@/lib/i18n/config.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { isWellFormedToken } from "@/lib/security/tokens.ts";

export async function GET(request: Request, { params }: { params: Promise<{ token: string; documentId: string }> }): Promise<Response> {
  const { token, documentId } = await params;
  const response =
    isWellFormedToken(token) && isUuid(documentId)
      ? await participantDownload(getDatabase(), { token, documentId, now: new Date() })
      : null;
  return (
    response ??
    new Response(getTranslator(negotiateLocale(request.headers.get("accept-language")), "common")("notFoundTitle"), {
      status: 404,
      headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8", "referrer-policy": "no-referrer" },
    })
  );
}
