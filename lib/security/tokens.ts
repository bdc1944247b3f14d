import "server-only";
import { createHash, randomBytes, randomInt } from "node:crypto";

/** 256 random bits, URL-safe: for manage links (ASVS 11.5.1 asks for at least 128). */
export function generateSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this hash is stored; a lookup by hash is also a constant-time comparison in effect. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as it may appear in a URL: 43 base64url characters. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

// Crockford's base32 without I, L, O, U: easy to read aloud and to type.
const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A registration reference like "Q-7K3M9-PXD4B" (50 random bits). */
export function generateReference(): string {
  let code = "";
  for (let index = 0; index < 10; index++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `Q-${code.slice(0, 5)}-${code.slice(5)}`;
}
