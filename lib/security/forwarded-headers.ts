// What the web server believes about where a request came from. Forwarded headers are only
// trusted from our own reverse proxy (TRUST_PROXY); otherwise a client could choose its own
// address (and so its rate limit) or host.
import type { IncomingHttpHeaders } from "node:http";

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/** Rewrite the request headers in place before Next.js sees them. */
export function sanitizeForwardedHeaders(headers: IncomingHttpHeaders, socketAddress: string | undefined, trustProxy: boolean): void {
  if (trustProxy) return;
  for (const header of FORWARDED_HEADERS) delete headers[header];
  headers["x-forwarded-for"] = socketAddress ?? "unknown";
}
