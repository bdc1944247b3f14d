import "server-only";
// Organizer sign-in with Auth.js (next-auth v5): a one-time email link, database sessions.
// See docs/decisions/0005-organizer-sign-in.md for the choices and the ASVS deviation.
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import type { EmailConfig } from "next-auth/providers/email";
import { signInLinkEmail } from "@/emails/sign-in-email.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";
import { DEFAULT_LOCALE } from "@/lib/i18n/config.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { EMAIL_PRIORITY, enqueueEmail } from "@/lib/mail/outbox.ts";
import { normalizeEmailAddress } from "@/lib/registration/schema.ts";
import { isOrganizer } from "@/lib/auth/organizers.ts";

/** Sign-in links work once, within this many minutes (ASVS 6.5.5 asks for at most 10). */
export const SIGN_IN_LINK_MINUTES = 10;
/** Idle timeout of an organizer session; each use extends it (rolling). */
export const SESSION_IDLE_SECONDS = 30 * 60;

function emailLink(env: ReturnType<typeof getEnv>): EmailConfig {
  return {
    id: "email",
    type: "email",
    name: "Email",
    maxAge: SIGN_IN_LINK_MINUTES * 60,
    normalizeIdentifier: (identifier) => normalizeEmailAddress(identifier) ?? "invalid@invalid.invalid",
    // The link goes through our outbox, ahead of bulk mail, and only to organizers. The page the
    // link opens asks for a click that POSTs the token: mail scanners that follow links (GET) do
    // not spend it.
    async sendVerificationRequest({ identifier, url }) {
      const db = getDatabase();
      if (!(await isOrganizer(db, identifier))) return; // same answer to the visitor either way
      const authUrl = new URL(url);
      const confirmUrl = new URL("/sign-in/confirm", env.APP_URL);
      confirmUrl.searchParams.set("token", authUrl.searchParams.get("token") ?? "");
      confirmUrl.searchParams.set("email", identifier);
      const rendered = signInLinkEmail({
        t: getTranslator(DEFAULT_LOCALE, "emails"),
        locale: DEFAULT_LOCALE,
        url: confirmUrl.toString(),
        minutesValid: SIGN_IN_LINK_MINUTES,
      });
      await enqueueEmail(db, { ...rendered, kind: "sign-in-link", priority: EMAIL_PRIORITY.signIn, toAddress: identifier }, env.APP_URL);
    },
  };
}

// Configured lazily, on the first request: the build runs without a database or secrets.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  // Auth.js builds its own URLs from AUTH_URL, never from the request's Host header.
  process.env.AUTH_URL ??= `${env.APP_URL}/api/auth`;
  return {
    adapter: PrismaAdapter(getDatabase() as never),
    secret: env.AUTH_SECRET,
    trustHost: true,
    providers: [emailLink(env)],
    session: { strategy: "database", maxAge: SESSION_IDLE_SECONDS, updateAge: 60 },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    callbacks: {
      // Checked again when the link is used: only organizers get a session.
      async signIn({ user, email }) {
        if (email?.verificationRequest) return true;
        return Boolean(user.email && (await isOrganizer(getDatabase(), user.email)));
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
  };
});
