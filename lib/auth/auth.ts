import "server-only";
// Organizer sign-in with Auth.js (next-auth v5): the Next.js side. The configuration itself is in
// config.ts (see docs/decisions/0005-organizer-sign-in.md).
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { getEnv } from "@/lib/env.ts";

// Configured lazily, on the first request: the build runs without a database or secrets.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  // Auth.js builds its own URLs from AUTH_URL, never from the request's Host header.
  process.env.AUTH_URL ??= `${env.APP_URL}/api/auth`;
  return authConfig(env, getDatabase());
});
