// The registration schema against the hostile-input catalogue (security notes §A.10, parts 1–3):
// what is refused (and with which i18n key), what is accepted, and what is stored.
import { readFileSync } from "node:fs";
import path from "node:path";
import { check } from "recheck";
import { describe, expect, it, vi } from "vitest";
import { firstErrorPerField } from "@/lib/forms/errors.ts";
import { normalizeEmailAddress } from "@/lib/forms/email-address.ts";
import { REGISTRATION_FIELDS } from "@/lib/registration/fields.ts";
import { type RegistrationInput, registrationInputSchema } from "@/lib/registration/schema.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const messages: unknown = JSON.parse(readFileSync(path.join(ROOT, "messages/en.json"), "utf8"));
// Comments are dropped: they mention "registration.errors" itself.
const schemaSource = readFileSync(path.join(ROOT, "lib/registration/schema.ts"), "utf8")
  .replaceAll(/\/\*[\s\S]*?\*\//g, "")
  .replaceAll(/^\s*\/\/.*$/gm, "");

function lookup(tree: unknown, dottedKey: string): unknown {
  let node: unknown = tree;
  for (const part of dottedKey.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const errorMessages = lookup(messages, "registration.errors");

/** A complete, valid submission as the server action sees it (strings from the form). */
const VALID: Readonly<Record<string, unknown>> = Object.freeze({
  email: "ada@example.org",
  givenName: "Ada",
  familyName: "Lovelace",
  category: "INDIVIDUAL",
  country: "CH",
  privacyAccepted: "yes",
});

type ParseOutcome = { ok: true; data: RegistrationInput } | { ok: false; errors: Record<string, string[]>; messages: string[] };

function parse(overrides: Record<string, unknown> = {}, base: Readonly<Record<string, unknown>> = VALID): ParseOutcome {
  const input: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete input[key];
    else input[key] = value;
  }
  return parseRaw(input);
}

function parseRaw(input: unknown): ParseOutcome {
  const result = registrationInputSchema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    errors[field] = [...(errors[field] ?? []), issue.message];
  }
  return { ok: false, errors, messages: result.error.issues.map((issue) => issue.message) };
}

function expectData(outcome: ParseOutcome): RegistrationInput {
  if (!outcome.ok) throw new Error(`expected the input to be accepted, got ${JSON.stringify(outcome.errors)}`);
  return outcome.data;
}

/** The first error key of `field`, or undefined when the input parsed or the field had none. */
function firstError(outcome: ParseOutcome, field: string): string | undefined {
  return outcome.ok ? undefined : outcome.errors[field]?.[0];
}

describe("registrationInputSchema: a valid registration", () => {
  it("parses a minimal individual registration into the normalised stored shape", () => {
    expect(expectData(parse())).toEqual({
      email: "ada@example.org",
      givenName: "Ada",
      familyName: "Lovelace",
      category: "INDIVIDUAL",
      memberState: undefined,
      organization: undefined,
      country: "CH",
      jobTitle: undefined,
      needsCaptioning: false,
      needsSignLanguage: false,
      accessibilityOther: undefined,
      privacyAccepted: true,
      listConsent: false,
    });
  });

  it("trims surrounding whitespace from every text field and upper-cases the country", () => {
    const data = expectData(
      parse({
        email: "  ada@example.org \t",
        givenName: "  Ada ",
        familyName: "\u00a0Lovelace\u3000",
        country: " ch ",
        jobTitle: "  Analyst  ",
        accessibilityOther: "  Large print  ",
      }),
    );
    expect(data).toMatchObject({
      email: "ada@example.org",
      givenName: "Ada",
      familyName: "Lovelace",
      country: "CH",
      jobTitle: "Analyst",
      accessibilityOther: "Large print",
    });
  });

  it("turns whitespace-only optional fields into undefined rather than empty strings", () => {
    const data = expectData(parse({ jobTitle: "   ", organization: "\t", accessibilityOther: " \n " }));
    expect(data.jobTitle).toBeUndefined();
    expect(data.organization).toBeUndefined();
    expect(data.accessibilityOther).toBeUndefined();
  });
});

describe("registrationInputSchema: empty, whitespace-only and missing required fields", () => {
  const requiredTextFields = ["email", "givenName", "familyName", "country"] as const;
  const emptyValues: Array<[string, string | undefined]> = [
    ["empty", ""],
    ["whitespace-only", "   \t  "],
    ["Unicode whitespace only", "\u00a0\u2003\u3000"],
    ["missing", undefined],
  ];

  it.each(requiredTextFields.flatMap((field) => emptyValues.map(([label, value]) => [field, label, value] as const)))(
    "%s that is %s is refused with '<field>.required'",
    (field, _label, value) => {
      expect(firstError(parse({ [field]: value }), field)).toBe(`${field}.required`);
    },
  );

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["not one of the categories", "ORGANIZER"],
    ["lower-case", "individual"],
  ])("category that is %s is refused with 'category.required'", (_label, value) => {
    expect(firstError(parse({ category: value }), "category")).toBe("category.required");
  });

  it("reports every missing required field of an empty submission at once", () => {
    const outcome = parseRaw({});
    expect(outcome.ok).toBe(false);
    expect(firstErrorPerField(registrationInputSchema.safeParse({}).error ?? expect.fail("no error"), REGISTRATION_FIELDS)).toEqual({
      email: "email.required",
      givenName: "givenName.required",
      familyName: "familyName.required",
      category: "category.required",
      country: "country.required",
      privacyAccepted: "privacyAccepted.required",
    });
  });
});

describe("registrationInputSchema: 10,000-character values", () => {
  const huge = "a".repeat(10_000);

  it.each([
    ["email", `${huge}@example.org`, "email.tooLong"],
    ["givenName", huge, "givenName.tooLong"],
    ["familyName", huge, "familyName.tooLong"],
    ["jobTitle", huge, "jobTitle.tooLong"],
    ["accessibilityOther", huge, "accessibilityOther.tooLong"],
    ["country", huge.toUpperCase(), "country.invalid"],
  ])("%s of 10,000 characters is refused with %s", (field, value, key) => {
    expect(firstError(parse({ [field]: value }), field)).toBe(key);
  });

  it("refuses a 10,000-character organization with 'organization.tooLong'", () => {
    expect(firstError(parse({ category: "SECTOR_MEMBER", organization: huge }), "organization")).toBe("organization.tooLong");
  });

  it("refuses a 10,000-character Member State with 'memberState.invalid'", () => {
    expect(firstError(parse({ category: "MEMBER_STATE", memberState: huge }), "memberState")).toBe("memberState.invalid");
  });

  it.each([
    ["givenName", 100, "givenName.tooLong"],
    ["familyName", 100, "familyName.tooLong"],
    ["jobTitle", 150, "jobTitle.tooLong"],
    ["accessibilityOther", 1000, "accessibilityOther.tooLong"],
  ])("%s accepts exactly %i characters and refuses one more", (field, max, key) => {
    expect(expectData(parse({ [field]: "x".repeat(max) }))[field as keyof RegistrationInput]).toBe("x".repeat(max));
    expect(firstError(parse({ [field]: "x".repeat(max + 1) }), field)).toBe(key);
  });

  it("organization accepts exactly 200 characters and refuses 201", () => {
    expect(expectData(parse({ category: "ACADEMIA", organization: "o".repeat(200) })).organization).toBe("o".repeat(200));
    expect(firstError(parse({ category: "ACADEMIA", organization: "o".repeat(201) }), "organization")).toBe("organization.tooLong");
  });
});

describe("registrationInputSchema: control characters and bidirectional overrides in one-line fields", () => {
  const hostile: Array<[string, string]> = [
    ["NUL", "Ada\u0000Lovelace"],
    ["a trailing NUL", "Ada\u0000"],
    ["CR/LF with a Bcc header", "Ada\r\nBcc: x@evil.example"],
    ["LF with a Subject header", "Ada\nSubject: You won"],
    ["a lone CR", "Ada\rLovelace"],
    ["a tab", "Ada\tLovelace"],
    ["ESC (terminal escape)", "Ada\u001b[31mred"],
    ["DEL", "Ada\u007fLovelace"],
    ["C1 NEL", "Ada\u0085Lovelace"],
    ["U+2028 line separator", "Ada\u2028Lovelace"],
    ["U+2029 paragraph separator", "Ada\u2029Lovelace"],
    ["U+202E right-to-left override", "Ada\u202Egnp.exe"],
    ["U+202A left-to-right embedding", "\u202AAda"],
    ["U+2066 left-to-right isolate", "Ada\u2066x\u2069"],
    ["a forged log line", "Ada\n2026-01-01 INFO admin login ok"],
  ];
  const fields = ["givenName", "familyName", "organization", "jobTitle"] as const;

  it.each(fields.flatMap((field) => hostile.map(([label, value]) => [field, label, value] as const)))(
    "%s containing %s is refused with '<field>.invalid'",
    (field, _label, value) => {
      const outcome = parse({ category: "SECTOR_MEMBER", [field]: value });
      expect(firstError(outcome, field)).toBe(`${field}.invalid`);
    },
  );

  it.each([
    ["NUL", "Needs\u0000captions"],
    ["ESC", "Needs\u001b[2Jcaptions"],
    ["U+202E right-to-left override", "Needs \u202Ecaptions"],
    ["U+2028 line separator", "Needs\u2028captions"],
  ])("accessibilityOther containing %s is refused with 'accessibilityOther.invalid'", (_label, value) => {
    expect(firstError(parse({ accessibilityOther: value }), "accessibilityOther")).toBe("accessibilityOther.invalid");
  });

  it("accessibilityOther, a free-text field, keeps line breaks", () => {
    const text = "Captions please.\r\nAlso a seat near the door.\nThank you";
    expect(expectData(parse({ accessibilityOther: text })).accessibilityOther).toBe(text);
  });

  it.each([
    ["a Devanagari conjunct with U+200D", "\u0915\u094D\u200D\u0937\u093E"],
    ["an emoji ZWJ sequence", "Ada \u{1F469}\u200D\u{1F4BB}"],
    ["a Persian name with U+200C (ZWNJ)", "\u0645\u06CC\u200C\u0631\u0632\u0627"],
  ])("allows zero-width joiners: %s is stored unchanged", (_label, value) => {
    expect(expectData(parse({ givenName: value })).givenName).toBe(value.normalize("NFC"));
  });
});

describe("registrationInputSchema: Unicode normalisation", () => {
  it("stores 'é' typed as NFC and as NFD identically, in NFC", () => {
    const composed = expectData(parse({ givenName: "Ren\u00e9", familyName: "Ch\u00e9rie", organization: "\u00c9cole" }));
    const decomposed = expectData(parse({ givenName: "Rene\u0301", familyName: "Che\u0301rie", organization: "E\u0301cole" }));
    expect(decomposed.givenName).toBe("Ren\u00e9");
    expect(decomposed.givenName).toBe(composed.givenName);
    expect(decomposed.familyName).toBe(composed.familyName);
    expect(decomposed.organization).toBe(composed.organization);
  });

  it("normalises jobTitle and accessibilityOther to NFC too", () => {
    const data = expectData(parse({ jobTitle: "Charge\u0301e de mission", accessibilityOther: "Caf\u0065\u0301" }));
    expect(data.jobTitle).toBe("Charg\u00e9e de mission");
    expect(data.accessibilityOther).toBe("Caf\u00e9");
  });

  it("counts the length after normalisation (100 NFD 'é' fit in a 100-character name)", () => {
    expect(expectData(parse({ givenName: "e\u0301".repeat(100) })).givenName).toBe("\u00e9".repeat(100));
  });
});

describe("registrationInputSchema: real names are accepted as typed", () => {
  it.each([
    ["apostrophe, hyphen and diacritics", "Zoë O'Connor-Ñúñez"],
    ["Chinese", "李小龙"],
    ["Arabic", "محمد"],
    ["Hebrew", "דוד"],
    ["Vietnamese", "Nguyễn Thị Minh Khai"],
    ["typographic apostrophe", "N\u2019Dour"],
    ["an emoji", "Ada \u{1F600}"],
    ["astral mathematical letters", "\u{1D504}\u{1D521}\u{1D51E}"],
    ["a single letter", "X"],
    ["digits and dots", "Ada 2. Lovelace Jr."],
  ])("%s: %s", (_label, name) => {
    const data = expectData(parse({ givenName: name, familyName: name }));
    expect(data.givenName).toBe(name.normalize("NFC"));
    expect(data.familyName).toBe(name.normalize("NFC"));
  });
});

describe("registrationInputSchema: injection payloads are accepted but stored verbatim", () => {
  const payloads = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<a href=https://evil.example>Join here</a>",
    "[Join](https://evil.example)",
    "{{7*7}}",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the payload
    "${7*7}",
    "' OR 1=1--",
    "Robert'); DROP TABLE registrations;--",
    '=HYPERLINK("https://evil.example","x")',
    "=?UTF-8?B?QmNjOiB4QGV2aWwuZXhhbXBsZQ==?=",
    '@ : , " < >',
  ];

  it.each(payloads)("%s is stored unchanged in every text field", (payload) => {
    const data = expectData(
      parse({
        category: "SECTOR_MEMBER",
        givenName: payload,
        familyName: payload,
        organization: payload,
        jobTitle: payload,
        accessibilityOther: payload,
      }),
    );
    expect(data.givenName).toBe(payload);
    expect(data.familyName).toBe(payload);
    expect(data.organization).toBe(payload);
    expect(data.jobTitle).toBe(payload);
    expect(data.accessibilityOther).toBe(payload);
  });
});

describe("registrationInputSchema: wrong types are errors, not crashes", () => {
  it.each([
    ["email", 42, "email.required"],
    ["email", true, "email.required"],
    ["email", ["a@example.org", "b@example.org"], "email.required"],
    ["email", { address: "a@example.org" }, "email.required"],
    ["email", null, "email.required"],
    ["givenName", 42, "givenName.required"],
    ["givenName", false, "givenName.required"],
    ["givenName", ["Ada"], "givenName.required"],
    ["familyName", { toString: "x" }, "familyName.required"],
    ["familyName", 1e21, "familyName.required"],
    ["category", 1, "category.required"],
    ["category", ["INDIVIDUAL"], "category.required"],
    ["country", ["CH"], "country.required"],
    ["country", 756, "country.required"],
    ["organization", 7, "organization.invalid"],
    ["organization", ["ITU"], "organization.invalid"],
    ["jobTitle", true, "jobTitle.invalid"],
    ["accessibilityOther", { text: "x" }, "accessibilityOther.invalid"],
    ["memberState", 756, "memberState.invalid"],
  ])("%s = %j is refused with %s", (field, value, key) => {
    const run = () => parse({ [field]: value });
    expect(run).not.toThrow();
    expect(firstError(run(), field)).toBe(key);
  });

  it.each([null, undefined, "a string", 42, ["array"]])("a whole submission of %j is refused without throwing", (input) => {
    expect(() => registrationInputSchema.safeParse(input)).not.toThrow();
    expect(registrationInputSchema.safeParse(input).success).toBe(false);
  });

  it.each([
    ["an array", ["yes"]],
    ["an object", { checked: true }],
    ["a number", 1],
  ])("a checkbox sent as %s counts as not ticked", (_label, value) => {
    expect(expectData(parse({ needsCaptioning: value, listConsent: value })).needsCaptioning).toBe(false);
    expect(firstError(parse({ privacyAccepted: value }), "privacyAccepted")).toBe("privacyAccepted.required");
  });

  it("a checkbox sent as the string 'true' (a hidden input react-hook-form filled) counts as ticked", () => {
    expect(expectData(parse({ needsCaptioning: "true", privacyAccepted: "true" })).needsCaptioning).toBe(true);
  });
});

describe("registrationInputSchema: extra fields are never stored", () => {
  const EXPECTED_KEYS = [
    "accessibilityOther",
    "category",
    "country",
    "email",
    "familyName",
    "givenName",
    "jobTitle",
    "listConsent",
    "memberState",
    "needsCaptioning",
    "needsSignLanguage",
    "organization",
    "privacyAccepted",
  ];

  it("drops status, meetingId, role, id and createdAt", () => {
    const data = expectData(
      parse({
        status: "CONFIRMED",
        meetingId: "other-meeting",
        role: "organizer",
        id: "00000000-0000-0000-0000-000000000001",
        createdAt: "2000-01-01T00:00:00Z",
        manageTokenHash: "abc",
      }),
    );
    expect(Object.keys(data).filter((key) => !EXPECTED_KEYS.includes(key))).toEqual([]);
    for (const key of ["status", "meetingId", "role", "id", "createdAt", "manageTokenHash"]) {
      expect(Object.hasOwn(data, key)).toBe(false);
    }
  });

  it("ignores __proto__ and constructor keys and does not pollute Object.prototype", () => {
    const hostile: unknown = JSON.parse(
      JSON.stringify({ ...VALID }).replace(
        /^\{/,
        '{"__proto__":{"polluted":"yes","status":"CONFIRMED"},"constructor":{"prototype":{"polluted":"yes"}},',
      ),
    );
    const data = expectData(parseRaw(hostile));
    expect(Object.keys(data).filter((key) => !EXPECTED_KEYS.includes(key))).toEqual([]);
    expect(data.email).toBe("ada@example.org");
    expect(Object.hasOwn(data, "__proto__")).toBe(false);
    expect(Object.hasOwn(data, "constructor")).toBe(false);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect((data as Record<string, unknown>).status).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
  });
});

describe("registrationInputSchema: email addresses", () => {
  it.each([
    ["a@b (no dot in the domain)", "a@b"],
    ["a trailing dot", "ada@example.org."],
    ["a leading dot in the domain", "ada@.example.org"],
    ["two dots in the domain", "ada@example..org"],
    ["a numeric top-level label", "ada@example.123"],
    ["a leading dot in the local part", ".ada@example.org"],
    ["a trailing dot in the local part", "ada.@example.org"],
    ["two dots in the local part", "a..da@example.org"],
    ["no local part", "@example.org"],
    ["no domain", "ada@"],
    ["no @", "ada.example.org"],
    ["two @", "ada@lovelace@example.org"],
    ["a space in the local part", "ada lovelace@example.org"],
    ["a domain label starting with a hyphen", "ada@-example.org"],
    ["a 65-character local part", `${"a".repeat(65)}@example.org`],
    ["an IPv4 host", "ada@127.0.0.1"],
    ["a single-label host", "ada@localhost"],
    ["a NUL", "ada@example.org\u0000"],
    // The nodemailer address-parser cases: all must be refused at validation.
    ["a quoted local part with a space", '"a@b.com x"@internal.domain'],
    ["a quoted local part and a comment", '"user"@example.com(x)evil.com'],
    ["a trailing comment", "a@b.com(comment)"],
    ["a group", "g: a@evil.com;"],
    ["a list of two addresses", "a@b.com, c@evil.com"],
    ["a display name", "Name <a@evil.com>"],
    ["an IP literal", "a@[127.0.0.1]"],
    ["CR/LF with a Bcc header", "a@b.com\r\nBcc: victim@x"],
    ["LF alone", "a@b.com\nBcc: victim@x"],
    ["a semicolon list", "a@b.com;c@evil.com"],
  ])("refuses %s with 'email.invalid'", (_label, email) => {
    expect(normalizeEmailAddress(email)).toBeNull();
    expect(firstError(parse({ email }), "email")).toBe("email.invalid");
  });

  it("refuses 255 characters and more with 'email.tooLong'", () => {
    const email = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.org`;
    expect(email).toHaveLength(255);
    expect(firstError(parse({ email }), "email")).toBe("email.tooLong");
    expect(normalizeEmailAddress(email)).toBeNull();
  });

  it("accepts exactly 254 characters with a 64-character local part", () => {
    const email = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.org`;
    expect(email).toHaveLength(254);
    expect(expectData(parse({ email })).email).toBe(email);
  });

  it.each([
    ["mixed case", "Ada@Example.ORG", "ada@example.org"],
    ["a +tag", "ada+itu-t@example.org", "ada+itu-t@example.org"],
    ["surrounding spaces", "  ada@example.org  ", "ada@example.org"],
    ["an IDN domain", "user@bücher.de", "user@xn--bcher-kva.de"],
    ["an upper-case IDN domain", "User@BÜCHER.DE", "user@xn--bcher-kva.de"],
    ["a punycode domain", "user@xn--bcher-kva.de", "user@xn--bcher-kva.de"],
    ["a punycode top-level label", "user@example.xn--p1ai", "user@example.xn--p1ai"],
    ["dots and RFC 5322 atext", "a.b!#$%&'*/=?^_`{|}~-c@mail.example.org", "a.b!#$%&'*/=?^_`{|}~-c@mail.example.org"],
  ])("accepts %s: %s → %s", (_label, email, stored) => {
    expect(normalizeEmailAddress(email)).toBe(stored);
    expect(expectData(parse({ email })).email).toBe(stored);
  });

  it("makes Ada@Example.ORG and ada@example.org the same stored address (duplicate detection)", () => {
    expect(expectData(parse({ email: "Ada@Example.ORG" })).email).toBe(expectData(parse({ email: "ada@example.org" })).email);
  });

  // The IDN branch hands the domain to the WHATWG URL parser, which strips tabs and line breaks
  // and ignores anything after the host: what was typed is not what is stored.
  it.each([
    ["a path", "user@bücher.de/evil"],
    ["a port", "user@bücher.de:25"],
    ["a query", "user@bücher.de?x=1"],
    ["a fragment", "user@bücher.de#x"],
    ["a backslash path", "user@bücher.de\\evil.example"],
    ["CR/LF inside the domain", "user@bü\r\ncher.de"],
    ["a tab inside the domain", "user@bü\tcher.de"],
  ])("refuses an IDN address with %s", (_label, email) => {
    expect(normalizeEmailAddress(email)).toBeNull();
    expect(firstError(parse({ email }), "email")).toBe("email.invalid");
  });

  it("refuses the ReDoS input 'a@' + 50,000 × 'a' + '!' before any regular expression reads it", () => {
    const email = `a@${"a".repeat(50_000)}!`;
    // Every test, match, replace and split of a regular expression goes through RegExp#exec.
    const exec = vi.spyOn(RegExp.prototype, "exec");
    const seen: Array<{ pattern: string; length: number }> = [];
    let normalized: string | null;
    let outcome: ParseOutcome;
    try {
      /a+/.test("probe");
      normalized = normalizeEmailAddress(email);
      outcome = parse({ email });
      exec.mock.calls.forEach(([input], index) => {
        seen.push({ pattern: (exec.mock.contexts[index] as RegExp).source, length: String(input).length });
      });
    } finally {
      exec.mockRestore();
    }
    expect(seen[0]).toEqual({ pattern: "a+", length: 5 }); // the spy sees what the patterns are given
    expect(normalized).toBeNull();
    expect(firstError(outcome, "email")).toBe("email.tooLong");
    // The length limit comes first: no pattern that repeats (and so could backtrack) is given more
    // than 254 characters. (zod's own length check scans with a one-character class, which cannot.)
    const repeats = (pattern: string) => /[*+?{]/.test(pattern.replaceAll(/\\./g, "").replaceAll(/\[[^\]]*\]/g, ""));
    expect(seen.filter(({ pattern, length }) => repeats(pattern) && length > 254)).toEqual([]);
  });

  it("every regular expression that the registration checks run is free of super-linear backtracking (recheck), and backtracking-prone addresses are refused", async () => {
    const probes = [
      `${"a.".repeat(60)}@example.org`,
      `a@${"a-".repeat(120)}!`,
      `a@${"a.".repeat(125)}1`,
      `${"a".repeat(64)}@${"a".repeat(185)}`,
    ];
    // Every test, match, replace and split of a regular expression goes through RegExp#exec: the
    // spy collects each pattern that a valid registration and the probes reach.
    const exec = vi.spyOn(RegExp.prototype, "exec");
    const normalized: Array<string | null> = [];
    const patterns = new Map<string, { source: string; flags: string }>();
    try {
      for (const email of probes) normalized.push(normalizeEmailAddress(email));
      for (const email of probes) parse({ email });
      parse({ email: "Délégué@Exemple.例え.jp", givenName: "Amani Ochieng", organization: "ACME Ltd" });
      parse();
      for (const context of exec.mock.contexts) {
        const pattern = context as RegExp;
        patterns.set(`/${pattern.source}/${pattern.flags}`, { source: pattern.source, flags: pattern.flags });
      }
    } finally {
      exec.mockRestore();
    }
    expect(normalized).toEqual([null, null, null, null]);
    // Including the address's local part and domain patterns (lib/forms/email-address.ts).
    expect(patterns.size).toBeGreaterThanOrEqual(2);
    expect([...patterns.keys()].some((key) => key.includes("xn--"))).toBe(true);
    // recheck's pure JavaScript analyser (no native binary): "vulnerable" names the attack string.
    process.env.RECHECK_BACKEND = "pure";
    const verdicts = await Promise.all(
      [...patterns].map(async ([key, { source, flags }]) => {
        const result = await check(source, flags, { timeout: 20_000 });
        return { key, status: result.status, attack: result.status === "vulnerable" ? result.attack.pattern : undefined };
      }),
    );
    expect(verdicts.filter(({ status }) => status !== "safe")).toEqual([]);
  }, 120_000);

  it("recheck, as the test above uses it, does find a pattern that backtracks exponentially", async () => {
    process.env.RECHECK_BACKEND = "pure";
    const result = await check("^(a+)+$", "");
    expect(result.status).toBe("vulnerable");
  });
});

describe("registrationInputSchema: participant category rules", () => {
  it.each([
    ["missing", undefined, "memberState.required"],
    ["empty", "", "memberState.required"],
    ["whitespace", "   ", "memberState.required"],
    ["not a country", "XX", "memberState.invalid"],
    ["Taiwan (not an ITU Member State)", "TW", "memberState.invalid"],
    ["Palestine (an observer)", "PS", "memberState.invalid"],
  ])("MEMBER_STATE with a memberState that is %s is refused with %s", (_label, memberState, key) => {
    expect(firstError(parse({ category: "MEMBER_STATE", memberState }), "memberState")).toBe(key);
  });

  it.each([
    ["CH", "CH"],
    ["ch", "CH"],
    [" va ", "VA"],
    ["PW", "PW"],
  ])("MEMBER_STATE with memberState %j is stored as %s", (memberState, stored) => {
    expect(expectData(parse({ category: "MEMBER_STATE", memberState })).memberState).toBe(stored);
  });

  it.each(["SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA", "INDIVIDUAL"])("drops memberState for category %s", (category) => {
    const data = expectData(parse({ category, memberState: "CH", organization: "ITU" }));
    expect(data.memberState).toBeUndefined();
  });

  it.each(["SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA"])("%s requires an organization", (category) => {
    expect(firstError(parse({ category }), "organization")).toBe("organization.required");
    expect(firstError(parse({ category, organization: "   " }), "organization")).toBe("organization.required");
    expect(expectData(parse({ category, organization: " Example Ltd " })).organization).toBe("Example Ltd");
  });

  it.each(["MEMBER_STATE", "INDIVIDUAL"])("%s does not require an organization", (category) => {
    expect(expectData(parse({ category, memberState: "CH" })).organization).toBeUndefined();
  });

  it.each([
    ["TW", "country.notMember"],
    ["PS", "country.notMember"],
    ["HK", "country.notMember"],
    ["GL", "country.notMember"],
    ["XX", "country.invalid"],
    ["EU", "country.invalid"],
    ["UK", "country.invalid"],
    ["CHE", "country.invalid"],
  ])("INDIVIDUAL from %s is refused with %s", (country, key) => {
    expect(firstError(parse({ category: "INDIVIDUAL", country }), "country")).toBe(key);
  });

  it.each([
    ["CH", "CH"],
    ["ch", "CH"],
    ["PW", "PW"],
    ["VA", "VA"],
  ])("INDIVIDUAL from %j is accepted as %s", (country, stored) => {
    expect(expectData(parse({ category: "INDIVIDUAL", country })).country).toBe(stored);
  });

  it("only individuals need an ITU Member State as country (a sector member in TW is accepted)", () => {
    expect(expectData(parse({ category: "SECTOR_MEMBER", organization: "Example Ltd", country: "TW" })).country).toBe("TW");
  });
});

describe("registrationInputSchema: checkboxes", () => {
  it.each([
    ["'yes' (form post)", "yes"],
    ["true (react-hook-form)", true],
    ["'on' (browser default value)", "on"],
  ])("%s means ticked", (_label, value) => {
    const data = expectData(parse({ needsCaptioning: value, needsSignLanguage: value, listConsent: value, privacyAccepted: value }));
    expect([data.needsCaptioning, data.needsSignLanguage, data.listConsent, data.privacyAccepted]).toEqual([true, true, true, true]);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["'no'", "no"],
    ["false", false],
    ["'YES' (wrong case)", "YES"],
  ])("%s means not ticked", (_label, value) => {
    const data = expectData(parse({ needsCaptioning: value, needsSignLanguage: value, listConsent: value }));
    expect([data.needsCaptioning, data.needsSignLanguage, data.listConsent]).toEqual([false, false, false]);
  });

  it.each([
    ["missing", undefined],
    ["'no'", "no"],
    ["false", false],
  ])("privacyAccepted %s is refused with 'privacyAccepted.required'", (_label, value) => {
    expect(firstError(parse({ privacyAccepted: value }), "privacyAccepted")).toBe("privacyAccepted.required");
  });
});

describe("normalizeEmailAddress", () => {
  it.each([
    ["", null],
    ["   ", null],
    ["@", null],
    ["ADA@EXAMPLE.ORG", "ada@example.org"],
    ["\tada@example.org\n", "ada@example.org"],
    ["ada@sub.example.co.uk", "ada@sub.example.co.uk"],
    ["ada@bücher.example", "ada@xn--bcher-kva.example"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeEmailAddress(input)).toBe(expected);
  });

  it("refuses an IDN address whose punycode form exceeds 254 characters", () => {
    // 17 distinct CJK characters: 17 characters typed, a 51-character punycode label.
    const label = "日本語漢字仮名交文書本語漢字仮名交";
    const email = `ada@${[label, label, label, label, label].join(".")}.de`;
    expect(email.length).toBeLessThan(100);
    expect(normalizeEmailAddress(email)).toBeNull();
    expect(normalizeEmailAddress(`ada@${label}.de`)).toMatch(/^ada@xn--[a-z0-9-]{47}\.de$/);
  });

  it("returns only plain lower-case addr-specs for every accepted input", () => {
    for (const input of ["Ada@Example.ORG", "user@bücher.de", "x+y@EXAMPLE.com"]) {
      const normalized = normalizeEmailAddress(input);
      expect(normalized).toMatch(/^[^\s@<>()[\]",;:\\]+@[a-z0-9.-]+$/);
    }
  });
});

describe("firstErrorPerField", () => {
  it("keeps the first error of each field and ignores fields not asked for", () => {
    const result = registrationInputSchema.safeParse({
      ...VALID,
      givenName: `${"x".repeat(101)}\n`,
      familyName: `${"y".repeat(101)}\u0000`,
      country: "TW",
    });
    expect(result.success).toBe(false);
    const error = result.error ?? expect.fail("expected an error");
    // familyName has two issues (too long, then invalid): only the first is kept.
    expect(error.issues.filter((issue) => issue.path[0] === "familyName").map((issue) => issue.message)).toEqual([
      "familyName.tooLong",
      "familyName.invalid",
    ]);
    expect(firstErrorPerField(error, REGISTRATION_FIELDS)).toEqual({
      givenName: "givenName.tooLong",
      familyName: "familyName.tooLong",
      country: "country.notMember",
    });
    expect(firstErrorPerField(error, ["email", "country"] as const)).toEqual({ country: "country.notMember" });
  });

  it("maps a field error and an email error to their fields", () => {
    const error = registrationInputSchema.safeParse({ ...VALID, email: "not an address", givenName: "" }).error ?? expect.fail("no error");
    expect(firstErrorPerField(error, REGISTRATION_FIELDS)).toEqual({ email: "email.invalid", givenName: "givenName.required" });
  });

  it("returns an empty object when no issue belongs to a listed field", () => {
    const error = registrationInputSchema.safeParse(null).error ?? expect.fail("expected an error");
    expect(firstErrorPerField(error, REGISTRATION_FIELDS)).toEqual({});
  });
});

describe("registrationInputSchema: every error key exists in messages/en.json", () => {
  it("has a registration.errors catalogue", () => {
    expect(typeof errorMessages).toBe("object");
  });

  it("every key written in schema.ts resolves to an English message", () => {
    const keys = [...new Set([...schemaSource.matchAll(/"([a-zA-Z]+\.[a-zA-Z]+)"/g)].map((match) => match[1] ?? ""))];
    expect(keys.length).toBeGreaterThanOrEqual(20);
    const missing = keys.filter((key) => typeof lookup(errorMessages, key) !== "string");
    expect(missing).toEqual([]);
  });

  it("every key emitted for a corpus of bad field values resolves to an English message", () => {
    const corpus: Array<Record<string, unknown>> = [
      {},
      { email: "", givenName: " ", familyName: "", category: "", country: "", privacyAccepted: "no" },
      { email: "x".repeat(300), givenName: "x".repeat(300), familyName: "x".repeat(300), jobTitle: "x".repeat(300) },
      { email: "a@b", givenName: "a\nb", familyName: "\u202E", jobTitle: "\u0000", accessibilityOther: "\u0000" },
      { accessibilityOther: "x".repeat(1001), organization: "x".repeat(201), category: "SECTOR_MEMBER" },
      { category: "SECTOR_MEMBER", organization: "a\rb" },
      { category: "ASSOCIATE" },
      { category: "MEMBER_STATE" },
      { category: "MEMBER_STATE", memberState: "TW" },
      { category: "MEMBER_STATE", memberState: 5 },
      { category: "INDIVIDUAL", country: "TW" },
      { country: "XX" },
      { email: 1, givenName: 2, familyName: 3, category: 4, country: 5, organization: 6, jobTitle: 7, accessibilityOther: 8 },
    ];
    const emitted = new Set<string>();
    for (const overrides of corpus) {
      const outcome = parse(overrides);
      if (outcome.ok) continue;
      for (const [field, keys] of Object.entries(outcome.errors)) {
        if (field) for (const key of keys) emitted.add(key);
      }
    }
    expect(emitted.size).toBeGreaterThanOrEqual(20);
    const missing = [...emitted].filter((key) => typeof lookup(errorMessages, key) !== "string");
    expect(missing).toEqual([]);
  });
});
