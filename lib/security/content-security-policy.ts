// The Content-Security-Policy of every page: scripts only with this response's nonce (no inline
// script without it), nothing from other origins, no framing, no plugins.
export function buildContentSecurityPolicy(nonce: string, options: { upgradeInsecureRequests: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React sets style attributes; no external style sheets are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'self'",
  ];
  if (options.upgradeInsecureRequests) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Is a state-changing request from our own pages? Origin first, Fetch Metadata as fallback. */
export function isSameOriginRequest(headers: Headers, appOrigin: string, requestOrigin: string): boolean {
  const origin = headers.get("origin");
  // Pages that carry a credential in their URL send Referrer-Policy: no-referrer, and browsers then
  // send "Origin: null" even for their own forms; Sec-Fetch-Site (which page scripts cannot set)
  // still tells whether the form was ours. A sandboxed or foreign page gets "cross-site" there.
  if (origin === "null") return headers.get("sec-fetch-site") === "same-origin";
  if (origin) return origin === appOrigin || origin === requestOrigin;
  // No Origin (old browser or non-browser client): only Sec-Fetch-Site: same-origin is trusted.
  return headers.get("sec-fetch-site") === "same-origin";
}
