// Submitting an input document from a manage link (multipart form, works with JavaScript off).
// A route rather than a Server Action: files are up to 50 MB, far above the actions' body limit,
// and are streamed to disk, not buffered; scripts/server.ts allows this path that much and no more.
import { getDatabase } from "@/lib/db/client.ts";
import { isSameOriginRequest } from "@/lib/security/content-security-policy.ts";
import { receiveAndSubmit } from "@/lib/documents/submission.ts";
import { getEnv } from "@/lib/env.ts";
import { isWellFormedToken } from "@/lib/security/tokens.ts";
import { negotiateLocale } from "@/lib/i18n/config.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const env = getEnv();
  // proxy.ts does not see this path (it would buffer the body): the same-origin check is here.
  if (!isSameOriginRequest(request.headers, env.APP_URL, new URL(request.url).origin)) {
    return new Response(getTranslator(negotiateLocale(request.headers.get("accept-language")), "common")("refusedBody"), {
      status: 403,
      headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" },
    });
  }
  const answer = isWellFormedToken(token)
    ? await receiveAndSubmit(getDatabase(), { request, token, now: new Date(), appUrl: env.APP_URL })
    : ({ status: 404 } as const);
  if (answer.status === 404) {
    return new Response(getTranslator(negotiateLocale(request.headers.get("accept-language")), "common")("notFoundTitle"), {
      status: 404,
      headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(null, { status: 303, headers: { location: answer.location, "cache-control": "no-store" } });
}
