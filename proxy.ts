// Runs before every page and action (Node.js runtime). It sets the per-request CSP nonce, refuses
// cross-site state-changing requests, and applies per-address rate limits with a real 429; both
// refusals are logged as security events (lib/log.ts).
// Authorization is NOT done here: every page, action and route checks it next to its data.
import { type NextRequest, NextResponse } from "next/server";
import { getDatabase } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { chooseLocale, isLocale, LOCALE_COOKIE, LOCALE_HEADER, LOCALE_PARAM, PATH_HEADER } from "@/lib/i18n/config.ts";
import { loggablePath, logSecurityEvent } from "@/lib/log.ts";
import { decodeCursor } from "@/lib/registrants/cursor.ts";
import { parseRegistrantListQuery } from "@/lib/registrants/schema.ts";
import { buildContentSecurityPolicy, isSameOriginRequest } from "@/lib/security/content-security-policy.ts";
import { addressBucket, clientAddress } from "@/lib/security/client-address.ts";
import { type PlainPageKind, renderPlainPage } from "@/lib/security/plain-page.ts";
import { hitRateLimit, RATE_LIMITS, type RateLimitRule } from "@/lib/security/rate-limit.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function rateLimitRuleFor(request: NextRequest): RateLimitRule | null {
  const { pathname } = request.nextUrl;
  const isPost = request.method === "POST";
  if (isPost && /^\/meetings\/[^/]+\/register\/?$/.test(pathname)) return RATE_LIMITS.register;
  if (pathname.startsWith("/manage/")) return RATE_LIMITS.manage;
  if (pathname.startsWith("/fp/")) return RATE_LIMITS.focalPointDecision;
  // Asking for a focal point's list link sends an email: limited like asking for a sign-in link.
  if (isPost && pathname === "/fp") return RATE_LIMITS.signIn;
  if (pathname.startsWith("/join/")) return RATE_LIMITS.join;
  if (isPost && (pathname === "/sign-in" || pathname.startsWith("/api/auth/signin"))) return RATE_LIMITS.signIn;
  return null;
}

function plainPage(request: NextRequest, status: number, kind: PlainPageKind, headers: Record<string, string> = {}): NextResponse {
  const locale = chooseLocale({
    linked: request.nextUrl.searchParams.get(LOCALE_PARAM),
    cookie: request.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: request.headers.get("accept-language"),
  });
  return new NextResponse(renderPlainPage(kind, locale), {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** The registrant list and its export read `?after=`: a damaged one is a bad request, not a 500. */
function hasDamagedListCursor(request: NextRequest): boolean {
  if (!/^\/admin\/meetings\/[^/]+(\/export)?\/?$/.test(request.nextUrl.pathname)) return false;
  const { searchParams } = request.nextUrl;
  if (!searchParams.has("after")) return false;
  const { sort } = parseRegistrantListQuery({ sort: searchParams.get("sort") ?? undefined });
  return decodeCursor(searchParams.get("after") ?? undefined, sort) === "invalid";
}

export async function proxy(request: NextRequest) {
  const env = getEnv();

  if (!SAFE_METHODS.has(request.method) && !isSameOriginRequest(request.headers, env.APP_URL, request.nextUrl.origin)) {
    logSecurityEvent("request.cross-origin-refused", {
      method: request.method,
      path: loggablePath(request.nextUrl.pathname),
      client: clientAddress(request.headers, env.TRUST_PROXY),
      origin: request.headers.get("origin") ?? undefined,
      fetchSite: request.headers.get("sec-fetch-site") ?? undefined,
    });
    return plainPage(request, 403, "refused");
  }

  // A sign-in link must only be spent by the POST from its confirmation page: a GET or HEAD (a
  // mail scanner, a prefetch) is sent to that page instead, with the token unspent.
  if (SAFE_METHODS.has(request.method) && request.nextUrl.pathname === "/api/auth/callback/email") {
    const confirm = new URL("/sign-in/confirm", env.APP_URL);
    for (const key of ["token", "email"]) confirm.searchParams.set(key, request.nextUrl.searchParams.get(key) ?? "");
    return NextResponse.redirect(confirm, 303);
  }

  if (SAFE_METHODS.has(request.method) && hasDamagedListCursor(request)) return plainPage(request, 400, "badLink");

  // The dev mailbox's HTML preview is an email, framed by the mailbox page (and /dev/emails frames
  // each template the same way): its route sends its own sandboxing policy (no scripts, framed
  // only by this site). The app's page policy, with frame-ancestors 'none', would leave the frame empty.
  if (/^\/dev\/(mailbox|emails)\/[^/]+\/html$/.test(request.nextUrl.pathname)) return NextResponse.next();

  const rule = rateLimitRuleFor(request);
  if (rule) {
    // Counted per IPv4 address or IPv6 /64 (lib/security/client-address.ts).
    const client = clientAddress(request.headers, env.TRUST_PROXY);
    const verdict = await hitRateLimit(getDatabase(), rule, addressBucket(client), new Date());
    if (!verdict.allowed) {
      logSecurityEvent("request.rate-limited", {
        rule: rule.name,
        method: request.method,
        path: loggablePath(request.nextUrl.pathname),
        client,
      });
      return plainPage(request, 429, "tooMany", { "retry-after": String(verdict.retryAfterSeconds) });
    }
  }

  // A downloaded input document carries its own, stricter policy (sandbox; default-src 'none'):
  // the page policy would replace it (lib/documents/rules.ts downloadHeaders). Rate-limited above.
  if (/^\/(manage\/[^/]+|admin\/meetings\/[^/]+)\/documents\/([^/]+\/file|archive)$/.test(request.nextUrl.pathname))
    return NextResponse.next();

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = buildContentSecurityPolicy(nonce, { upgradeInsecureRequests: env.APP_URL.startsWith("https:") });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // The language: a link's ?lang= wins for this page and is remembered for the next ones. The
  // page's own path (without ?lang=) lets the language switcher link to the same page.
  const { searchParams, pathname } = request.nextUrl;
  const chosenLocale = searchParams.get(LOCALE_PARAM);
  requestHeaders.delete(LOCALE_HEADER);
  if (isLocale(chosenLocale)) requestHeaders.set(LOCALE_HEADER, chosenLocale);
  const rest = new URLSearchParams(searchParams);
  rest.delete(LOCALE_PARAM);
  requestHeaders.set(PATH_HEADER, `${pathname}${rest.size > 0 ? `?${rest}` : ""}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (isLocale(chosenLocale)) {
    response.cookies.set(LOCALE_COOKIE, chosenLocale, {
      path: "/",
      maxAge: 365 * 24 * 60 * 60,
      sameSite: "lax",
      secure: env.APP_URL.startsWith("https:"),
    });
  }
  response.headers.set("content-security-policy", csp);
  response.headers.set("vary", "Origin, Sec-Fetch-Site");
  // Pages with a credential in the URL (manage links, focal points' decision links) or private data (console): never cached,
  // never leaked through Referer to another site. `same-origin`, not `no-referrer`: with
  // no-referrer browsers post the page's own forms with "Origin: null", which Next's Server Action
  // check refuses, so every form on these pages failed without JavaScript.
  if (/^\/(manage|fp|admin|dev|sign-in)(\/|$)/.test(request.nextUrl.pathname)) {
    response.headers.set("cache-control", "no-store");
    response.headers.set("referrer-policy", "same-origin");
  }
  // A personal join link is a credential too, and its page has no form: nothing of its URL may
  // reach the video platform it forwards to, nor a search engine.
  if (request.nextUrl.pathname.startsWith("/join/")) {
    response.headers.set("cache-control", "no-store");
    response.headers.set("referrer-policy", "no-referrer");
    response.headers.set("x-robots-tag", "noindex, nofollow");
  }
  return response;
}

export const config = {
  // Not the input-document upload: Next would hold a copy of its body (up to 50 MB) in memory for
  // the proxy; that route checks the request's origin itself (app/manage/[token]/documents/upload).
  // Anchored: only that exact path, not a document id that merely starts with "upload".
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|manage/[A-Za-z0-9_-]+/documents/upload$).*)" }],
};
