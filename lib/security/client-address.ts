// The client address used for rate limits and security logs. Behind a reverse proxy
// (TRUST_PROXY=true) it is the last X-Forwarded-For entry, the one our proxy appended; otherwise
// the address Next.js saw on the socket, which it passes in X-Forwarded-For / X-Real-IP after
// stripping client values.
//
// One client is one counter: an IPv6 client is given a whole /64 and can pick any address in it,
// so limits count the /64; an IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) is
// that IPv4 client. Ports, brackets and zone ids ("%eth0") are dropped. Anything that is not an
// IP address ("unknown", junk) is kept as it is, cut to 64 characters.
import { isIPv4, isIPv6 } from "node:net";

export function clientAddress(headers: Headers, trustProxy: boolean): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const candidate = trustProxy ? forwarded.at(-1) : (forwarded.at(-1) ?? headers.get("x-real-ip"));
  return normalizeAddress(candidate ?? "unknown");
}

/** The counter a rate limit keeps for `address` (from clientAddress): the IPv4 address, or the IPv6 /64. */
export function addressBucket(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  return `${formatIPv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}

/** One spelling per address: IPv4 dotted quad, or IPv6 in RFC 5952 form (lower case, shortest). */
export function normalizeAddress(raw: string): string {
  const value = raw.trim();
  const host = stripPortAndBrackets(value);
  if (host !== null) {
    if (isIPv4(host)) return host;
    const groups = ipv6Groups(host);
    if (groups) {
      const [high = 0, low = 0] = groups.slice(6);
      const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
      if (mapped) return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
      return formatIPv6(groups);
    }
  }
  return value.slice(0, 64);
}

/** "[v6]:port", "[v6]", "v4:port" → the bare address; a zone id is dropped. Null if the brackets are unbalanced. */
function stripPortAndBrackets(value: string): string | null {
  let host = value;
  if (host.startsWith("[")) {
    const match = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(host);
    if (!match?.[1]) return null;
    host = match[1];
  } else {
    const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(host);
    if (withPort?.[1]) host = withPort[1];
  }
  const zone = host.indexOf("%");
  return zone === -1 ? host : host.slice(0, zone);
}

/** The eight 16-bit groups of an IPv6 address (any valid spelling, "::" and a dotted IPv4 tail included), or null. */
function ipv6Groups(address: string): number[] | null {
  if (address.length > 45 || !isIPv6(address) || address.includes("%")) return null;
  let text = address.toLowerCase();
  // A dotted IPv4 tail ("::ffff:192.0.2.1", "64:ff9b::192.0.2.1") is the last two groups.
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) => (part ? part.split(":").map((group) => Number.parseInt(group, 16)) : []);
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

/** RFC 5952: lower-case hex without leading zeros; the longest run of two or more zero groups (the first if tied) becomes "::". */
function formatIPv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}
