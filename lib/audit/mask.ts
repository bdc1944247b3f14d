// What an audit entry may keep of a secret: that it changed, never its value. Applied when an
// entry is written and again when it is read, so rows written before a field was known to be
// secret are masked on the page too. Pure.

export const MASK = "•••";

/** Fields whose whole value is a credential for joining or managing something. */
const SECRET_FIELDS = new Set([
  "connectionPasscode",
  "connectionJoinUrl",
  "passcode",
  "password",
  "token",
  "manageToken",
  "secret",
  "tokenHash",
  "manageTokenHash",
]);

// A credential in a link's query (`?pwd=…`, Zoom's and Webex's style), anywhere in free text.
const SECRET_QUERY = /([?&;](?:pwd|passcode|password|pass|pw|token|tk|key|secret|auth)=)[^&;#\s"'<>]+/gi;
// A credential in a link's path: Quorum's own manage and join links.
const SECRET_PATH = /(\/(?:manage|join)\/)[A-Za-z0-9_-]{20,}/g;

function maskText(text: string): string {
  return text.replace(SECRET_QUERY, `$1${MASK}`).replace(SECRET_PATH, `$1${MASK}`);
}

/** A copy of `value` (JSON-like) with every secret field and every secret in a link masked. */
export function maskSecrets<T>(value: T): T {
  return maskValue(value) as T;
}

function maskValue(value: unknown): unknown {
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map(maskValue);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_FIELDS.has(key) && inner !== null && inner !== undefined && inner !== "" ? MASK : maskValue(inner),
      ]),
    );
  }
  return value;
}
