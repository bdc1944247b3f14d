// The client address used for rate limits. Behind a reverse proxy (TRUST_PROXY=true) it is the
// last X-Forwarded-For entry, the one our proxy appended; otherwise the address Next.js saw on
// the socket, which it passes in X-Forwarded-For / X-Real-IP after stripping client values.
export function clientAddress(headers: Headers, trustProxy: boolean): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const candidate = trustProxy ? forwarded.at(-1) : (forwarded.at(-1) ?? headers.get("x-real-ip"));
  return (candidate ?? "unknown").slice(0, 64);
}
