import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  // The catalogues are compiled at build time, so browsers get no ICU message parser.
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// Headers that do not vary per request. The Content-Security-Policy carries a per-request nonce
// and is set in proxy.ts.
const staticSecurityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  productionBrowserSourceMaps: false,
  // The build type-checks what it ships; `npm run typecheck` (lint step of CI) checks the tests too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  turbopack: { root: path.resolve(import.meta.dirname ?? ".") },
  // PGlite is only used by scripts and tests, never by the web server.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket"],
  experimental: {
    // The registration form is a few kilobytes; anything near this is not a registration.
    serverActions: { bodySizeLimit: "64kb" },
    // proxy.ts sees every body; the largest is an attendance report upload (a file of at most
    // 10 MB, refused by its route up to 16 MB). scripts/server.ts refuses bigger bodies on that
    // path, and 64 kB on every other.
    proxyClientMaxBodySize: 16 * 1024 * 1024,
    // The stylesheet is small: inlined, it does not hold the first paint for a request of its own.
    inlineCss: true,
  },
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders },
      // Nothing is framed, except the dev mailbox's preview of an email's HTML by the mailbox page
      // itself (and of each template by /dev/emails): those routes send X-Frame-Options: SAMEORIGIN
      // and their own sandboxing policy.
      { source: "/:path((?!dev/(?:mailbox|emails)/[^/]+/html$).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
    ];
  },
};

export default withNextIntl(nextConfig);
