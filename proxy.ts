// Runs before every page and action (Node.js runtime). It sets the per-request CSP nonce, refuses
// cross-site state-changing requests, and applies per-address rate limits with a real 429.
// Authorization is NOT done here: every page, action and route checks it next to its data.
import { type NextRequest, NextResponse } from "next/server";
import { getDatabase } from "@/lib/db/client.ts";
import { escapeHtml } from "@/emails/html.ts";
import { getEnv } from "@/lib/env.ts";
import { negotiateLocale, textDirection } from "@/lib/i18n/config.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { buildContentSecurityPolicy, isSameOriginRequest } from "@/lib/security/content-security-policy.ts";
import { clientAddress } from "@/lib/security/client-address.ts";
import { hitRateLimit, RATE_LIMITS, type RateLimitRule } from "@/lib/security/rate-limit.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function rateLimitRuleFor(request: NextRequest): RateLimitRule | null {
  const { pathname } = request.nextUrl;
  const isPost = request.method === "POST";
  if (isPost && /^\/meetings\/[^/]+\/register\/?$/.test(pathname)) return RATE_LIMITS.register;
  if (pathname.startsWith("/manage/")) return RATE_LIMITS.manage;
  if (isPost && (pathname === "/sign-in" || pathname.startsWith("/api/auth/signin"))) return RATE_LIMITS.signIn;
  return null;
}

function plainPage(request: NextRequest, status: number, kind: "refused" | "tooMany", headers: Record<string, string> = {}): NextResponse {
  const locale = negotiateLocale(request.headers.get("accept-language"));
  const t = getTranslator(locale, "common");
  const title = escapeHtml(t(`${kind}Title`));
  const body = escapeHtml(t(`${kind}Body`));
  const html = `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5"><main><h1>${title}</h1><p>${body}</p><p><a href="/">${escapeHtml(t("home"))}</a></p></main></body></html>`;
  return new NextResponse(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export async function proxy(request: NextRequest) {
  const env = getEnv();

  if (!SAFE_METHODS.has(request.method) && !isSameOriginRequest(request.headers, env.APP_URL, request.nextUrl.origin)) {
    return plainPage(request, 403, "refused");
  }

  // A sign-in link must only be spent by the POST from its confirmation page: a GET or HEAD (a
  // mail scanner, a prefetch) is sent to that page instead, with the token unspent.
  if (SAFE_METHODS.has(request.method) && request.nextUrl.pathname === "/api/auth/callback/email") {
    const confirm = new URL("/sign-in/confirm", env.APP_URL);
    for (const key of ["token", "email"]) confirm.searchParams.set(key, request.nextUrl.searchParams.get(key) ?? "");
    return NextResponse.redirect(confirm, 303);
  }

  const rule = rateLimitRuleFor(request);
  if (rule) {
    const verdict = await hitRateLimit(getDatabase(), rule, clientAddress(request.headers, env.TRUST_PROXY), new Date());
    if (!verdict.allowed) {
      return plainPage(request, 429, "tooMany", { "retry-after": String(verdict.retryAfterSeconds) });
    }
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = buildContentSecurityPolicy(nonce, { upgradeInsecureRequests: env.APP_URL.startsWith("https:") });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("vary", "Origin, Sec-Fetch-Site");
  // Pages with a credential in the URL (manage links) or private data (console): never cached,
  // never leaked through Referer.
  if (/^\/(manage|admin|dev)(\/|$)/.test(request.nextUrl.pathname)) {
    response.headers.set("cache-control", "no-store");
    response.headers.set("referrer-policy", "no-referrer");
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
