// Submitting an input document from a manage link (multipart form, works with JavaScript off).
// A route rather than a Server Action: files are up to 50 MB, far above the actions' body limit,
// and are streamed to disk, not buffered; scripts/server.ts allows this path that much and no more.
import { getDatabase } from "@/lib/db/client.ts";
import { isSameOriginRequest } from "@/lib/security/content-security-policy.ts";
import { addressBucket, clientAddress } from "@/lib/security/client-address.ts";
import { renderPlainPage } from "@/lib/security/plain-page.ts";
import { hitRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit.ts";
import { logSecurityEvent } from "@/lib/log.ts";
import { receiveAndSubmit } from "@/lib/documents/submission.ts";
import { getEnv } from "@/lib/env.ts";
import { isWellFormedToken } from "@/lib/security/tokens.ts";
import { chooseLocale, localeCookieIn, negotiateLocale } from "@/lib/i18n/config.ts";
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
  // The manage links' rate limit, which proxy.ts applies to every other /manage/ path.
  const client = clientAddress(request.headers, env.TRUST_PROXY);
  const verdict = await hitRateLimit(getDatabase(), RATE_LIMITS.manage, addressBucket(client), new Date());
  if (!verdict.allowed) {
    logSecurityEvent("request.rate-limited", { rule: RATE_LIMITS.manage.name, method: "POST", path: "/manage/…/documents/upload", client });
    const locale = chooseLocale({
      cookie: localeCookieIn(request.headers.get("cookie")),
      acceptLanguage: request.headers.get("accept-language"),
    });
    return new Response(renderPlainPage("tooMany", locale), {
      status: 429,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "retry-after": String(verdict.retryAfterSeconds),
      },
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
