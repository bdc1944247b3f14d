// Email addresses as Quorum accepts them, for every form (registration, sign-in, organizers,
// focal points): a plain, deliverable addr-spec, normalised so that one address is one identity.
// Isomorphic: no Node APIs.
import * as z from "zod/mini";

// RFC 5321 limits: 64 octets for the local part, 254 for a usable address.
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
// A dot-atom local part only: no quoted strings, comments, display names, groups or whitespace,
// which is where mail libraries' address parsers have had their injection bugs.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// An ASCII (or punycode) host name with at least two labels and an alphabetic top-level label;
// no IP literals.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Unicode domain → ASCII (punycode) with the WHATWG URL parser; null if it is no host name. */
function domainToAscii(domain: string): string | null {
  if (/^[\x21-\x7e]+$/.test(domain)) return domain.toLowerCase();
  // Letters, marks, digits, hyphens and dots only: the URL parser would otherwise quietly drop
  // tabs, line breaks, ports, paths and queries that were typed after the host.
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(domain)) return null;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * Normalise and check an email address. Returns the address with its domain in lower-case ASCII,
 * the local part lower-cased too (registrations are unique per address case-insensitively), or
 * null when the address is not a plain, deliverable addr-spec.
 */
export function normalizeEmailAddress(input: string): string | null {
  const value = input.trim();
  // Length first, so a hostile megabyte never reaches a regular expression.
  if (value.length === 0 || value.length > MAX_EMAIL_LENGTH) return null;
  const at = value.lastIndexOf("@");
  if (at <= 0 || at !== value.indexOf("@")) return null;
  const localPart = value.slice(0, at);
  const domain = domainToAscii(value.slice(at + 1));
  if (!domain || localPart.length > MAX_LOCAL_PART_LENGTH) return null;
  if (!LOCAL_PART.test(localPart) || !DOMAIN.test(domain)) return null;
  const address = `${localPart.toLowerCase()}@${domain}`;
  return address.length <= MAX_EMAIL_LENGTH ? address : null;
}

/** The address field of every form (`zod/mini`, so that it is light in the browser; classic zod schemas embed it as it is). */
export const emailAddressSchema = z.pipe(
  z
    .string({ error: "email.required" })
    .check(z.trim(), z.minLength(1, { error: "email.required" }), z.maxLength(MAX_EMAIL_LENGTH, { error: "email.tooLong" })),
  z.transform((value: string, context) => {
    const normalized = normalizeEmailAddress(value);
    if (!normalized) {
      context.issues.push({ code: "custom", message: "email.invalid", input: value });
      return z.NEVER;
    }
    return normalized;
  }),
);
