import "server-only";
// The Auth.js configuration of organizer sign-in: a one-time email link, database sessions. See
// docs/decisions/0005-organizer-sign-in.md for the choices and the ASVS deviation. The Next.js
// glue is in auth.ts; this part is plain Auth.js, so tests run it through @auth/core as the
// /api/auth route does.
import { randomBytes } from "node:crypto";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import type { EmailConfig } from "next-auth/providers/email";
import { signInLinkEmail } from "@/emails/sign-in-email.tsx";
import { isOrganizer } from "@/lib/auth/organizers.ts";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_SECONDS } from "@/lib/auth/session.ts";
import type { Database } from "@/lib/db/client.ts";
import type { Env } from "@/lib/env.ts";
import { textDirection } from "@/lib/i18n/config.ts";
import { requestLocale } from "@/lib/i18n/request-locale.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { logSecurityEvent, pseudonymizeAddress } from "@/lib/log.ts";
import { EMAIL_PRIORITY, enqueueEmail } from "@/lib/mail/outbox.ts";
import { normalizeEmailAddress } from "@/lib/forms/email-address.ts";
import { hitRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit.ts";

/** Sign-in links work once, within this many minutes (ASVS 6.5.5 asks for at most 10). */
export const SIGN_IN_LINK_MINUTES = 10;
export { SESSION_IDLE_SECONDS };

/** The email provider: every way of asking for a link (our form, Auth.js's own endpoint) ends here. */
export function signInLinkProvider(env: Env, db: Database): EmailConfig {
  return {
    id: "email",
    type: "email",
    name: "Email",
    maxAge: SIGN_IN_LINK_MINUTES * 60,
    normalizeIdentifier: (identifier) => normalizeEmailAddress(identifier) ?? "invalid@invalid.invalid",
    // The link goes through our outbox, ahead of bulk mail, and only to organizers. The page the
    // link opens asks for a click that POSTs the token: mail scanners that follow links (GET) do
    // not spend it. The per-address limit is here, where every path ends (our form and Auth.js's
    // own POST /api/auth/signin/email): counted for every address, organizer or not, and the
    // visitor sees the same "check your email" page whatever happens below (decision 0007).
    async sendVerificationRequest({ identifier, url }) {
      const verdict = await hitRateLimit(db, RATE_LIMITS.signInAddress, identifier, new Date());
      if (!verdict.allowed) {
        logSecurityEvent("auth.sign-in-link.throttled", { address: pseudonymizeAddress(identifier) });
        return;
      }
      if (!(await isOrganizer(db, identifier))) {
        logSecurityEvent("auth.sign-in-link.ignored", { address: pseudonymizeAddress(identifier) });
        return;
      }
      const authUrl = new URL(url);
      const confirmUrl = new URL("/sign-in/confirm", env.APP_URL);
      confirmUrl.searchParams.set("token", authUrl.searchParams.get("token") ?? "");
      confirmUrl.searchParams.set("email", identifier);
      // In the language the organizer asked in (the page's), as every other email is.
      const locale = await requestLocale();
      const rendered = await signInLinkEmail({
        t: getTranslator(locale, "emails"),
        locale,
        dir: textDirection(locale),
        url: confirmUrl.toString(),
        minutesValid: SIGN_IN_LINK_MINUTES,
      });
      await enqueueEmail(db, { ...rendered, kind: "sign-in-link", priority: EMAIL_PRIORITY.signIn, toAddress: identifier }, env.APP_URL);
      logSecurityEvent("auth.sign-in-link.sent", { email: identifier });
    },
  };
}

/**
 * The Prisma adapter, with one change: Auth.js gives the session cookie the row's expiry, 30
 * minutes after sign-in, and only /api/auth/session (which no page calls) would set it again — so
 * the browser dropped the cookie half an hour after sign-in however active the organizer was.
 * The cookie lasts until the 12-hour limit instead; the row, extended on each use by
 * findSignedInOrganizer(), decides when the session ends.
 */
function sessionAdapter(db: Database): Adapter {
  const adapter = PrismaAdapter(db as never);
  const createSession = adapter.createSession?.bind(adapter);
  if (!createSession) throw new Error("The Prisma adapter has no createSession");
  return {
    ...adapter,
    async createSession(session) {
      const created = await createSession(session);
      return { ...created, expires: new Date(Date.now() + SESSION_ABSOLUTE_MS) };
    },
  };
}

export function authConfig(env: Env, db: Database): NextAuthConfig {
  return {
    adapter: sessionAdapter(db),
    secret: env.AUTH_SECRET,
    trustHost: true,
    providers: [signInLinkProvider(env, db)],
    session: {
      strategy: "database",
      maxAge: SESSION_IDLE_SECONDS,
      updateAge: 60,
      // 256 random bits; Auth.js's default is crypto.randomUUID(), 122 (ASVS 7.2.3 asks for 128).
      generateSessionToken: () => randomBytes(32).toString("base64url"),
    },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    callbacks: {
      // Checked again when the link is used: only organizers get a session.
      async signIn({ user, email }) {
        if (email?.verificationRequest) return true;
        if (user.email && (await isOrganizer(db, user.email))) return true;
        const known = user.email ? await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } }) : null;
        logSecurityEvent("auth.sign-in.refused", { reason: "not-an-organizer", userId: known?.id });
        return false;
      },
      async redirect({ url, baseUrl }) {
        // Only paths on this site: no open redirect through callbackUrl.
        if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {}
        return `${baseUrl}/admin`;
      },
    },
    // Security events (ASVS 16.3), without tokens: see lib/log.ts.
    events: {
      async signIn({ user }) {
        logSecurityEvent("auth.sign-in", { userId: user.id ?? "", email: user.email ?? "" });
      },
      async signOut(message) {
        if ("session" in message && message.session) logSecurityEvent("auth.sign-out", { userId: message.session.userId });
      },
    },
    logger: {
      error(error) {
        // A link that is unknown, tampered with, already used or expired.
        if ("type" in error && error.type === "Verification") {
          logSecurityEvent("auth.sign-in.refused", { reason: "invalid-or-expired-link" });
          return;
        }
        // The signIn callback refused someone who is not an organizer; it logged who.
        if ("type" in error && error.type === "AccessDenied") return;
        console.error(`[auth][error] ${error.name}: ${error.message}`, error.cause ?? "");
      },
    },
  };
}
