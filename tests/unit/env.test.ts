// Configuration: a wrong value stops start-up with one line that names the variable.
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env.ts";

const GOOD: Readonly<Record<string, string>> = Object.freeze({ DATABASE_URL: "postgresql://quorum:s3cret@db:5432/quorum" });
const SECRET = "k9Zq2vX7pL4mN8rT1wY6bH3cF5gJ0dS2aE7uI9oP";

/** The ConfigError that parseEnv throws for `source`, or a test failure if it does not throw one. */
function configError(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv: invalid configuration", () => {
  it.each<[string, string, Record<string, string | undefined>]>([
    ["DATABASE_URL", "missing", { DATABASE_URL: undefined }],
    ["DATABASE_URL", "empty", { DATABASE_URL: "" }],
    ["DATABASE_URL", "a MySQL URL", { DATABASE_URL: "mysql://quorum:hunter2@db:3306/quorum" }],
    ["DATABASE_URL", "not a URL", { DATABASE_URL: "db:5432/quorum" }],
    ["DATABASE_URL", "a URL with a space", { DATABASE_URL: "postgresql://quorum@db host:5432/quorum" }],
    ["APP_URL", "a URL with a path", { APP_URL: "https://register.example.org/quorum" }],
    ["APP_URL", "an ftp:// URL", { APP_URL: "ftp://register.example.org" }],
    ["APP_URL", "a URL with a query", { APP_URL: "https://register.example.org/?x=1" }],
    ["APP_URL", "a URL with a fragment", { APP_URL: "https://register.example.org/#top" }],
    ["APP_URL", "a host without a scheme", { APP_URL: "register.example.org" }],
    ["APP_URL", "a javascript: URL", { APP_URL: "javascript:alert(1)" }],
    ["SMTP_URL", "an http:// URL", { SMTP_URL: "http://mail.example.org:587" }],
    ["SMTP_URL", "a host and port only", { SMTP_URL: "mail.example.org:587" }],
    ["SMTP_URL", "a URL with a space", { SMTP_URL: "smtp://user:pass@mail example.org:587" }],
    ["AUTH_SECRET", "a short secret in production", { NODE_ENV: "production", AUTH_SECRET: "short-secret" }],
    ["AUTH_SECRET", "a missing secret in production", { NODE_ENV: "production", AUTH_SECRET: undefined }],
    ["AUTH_SECRET", "a short secret in development", { AUTH_SECRET: "x".repeat(31) }],
    ["ORGANIZER_EMAILS", "a non-address in the list", { ORGANIZER_EMAILS: "ada@example.org, not-an-address" }],
    ["ORGANIZER_EMAILS", "a display name", { ORGANIZER_EMAILS: "Ada <ada@example.org>" }],
    ["PORT", "not a number", { PORT: "http" }],
    ["PORT", "out of range", { PORT: "70000" }],
    ["MAIL_FROM", "not an address", { MAIL_FROM: "Quorum <quorum@example.org>" }],
    ["TRUST_PROXY", "not a boolean", { TRUST_PROXY: "yes" }],
    ["NODE_ENV", "unknown", { NODE_ENV: "staging" }],
  ])("%s that is %s throws a one-line ConfigError naming it", (name, _label, overrides) => {
    const error = configError({ ...GOOD, ...overrides });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.name).toBe("ConfigError");
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message).toMatch(/^Invalid configuration: /);
    expect(error.message).toContain(name);
  });

  it("says a missing DATABASE_URL is required", () => {
    expect(configError({}).message).toBe("Invalid configuration: DATABASE_URL is required");
  });

  it("does not repeat the value, so passwords in URLs stay out of logs", () => {
    const error = configError({ ...GOOD, DATABASE_URL: "mysql://quorum:hunter2@db/quorum", SMTP_URL: "http://u:mailpass@mail" });
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("mailpass");
    expect(configError({ ...GOOD, NODE_ENV: "production", AUTH_SECRET: "tooShortSecret" }).message).not.toContain("tooShortSecret");
  });

  it("names every invalid variable on the same line", () => {
    const error = configError({ DATABASE_URL: "mysql://db", APP_URL: "ftp://x.example", SMTP_URL: "http://mail", PORT: "0" });
    expect(error.message).not.toMatch(/[\r\n]/);
    for (const name of ["DATABASE_URL", "APP_URL", "SMTP_URL", "PORT"]) expect(error.message).toContain(name);
  });
});

describe("parseEnv: valid configuration", () => {
  it("applies the defaults", () => {
    expect(parseEnv({ ...GOOD })).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: GOOD.DATABASE_URL,
      DATABASE_POOL_SIZE: 10,
      PORT: 3000,
      // The dev mailbox is on (no SMTP_URL): it serves sign-in links, so only to this machine.
      HOST: "localhost",
      WEB_CONCURRENCY: 1,
      APP_URL: "http://localhost:3000",
      SMTP_URL: undefined,
      MAIL_FROM: "quorum@localhost.localdomain",
      MAIL_FROM_NAME: "Quorum",
      MAIL_RATE_PER_MINUTE: 600,
      MAIL_CONCURRENCY: 4,
      DEV_MAILBOX: false,
      AUTH_SECRET: undefined,
      ORGANIZER_EMAILS: [],
      TRUST_PROXY: false,
      WORKER_IN_PROCESS: true,
    });
  });

  it.each(["0", "17", "two"])("refuses WEB_CONCURRENCY=%s with one line naming it", (value) => {
    expect(() => parseEnv({ ...GOOD, WEB_CONCURRENCY: value })).toThrow(/^Invalid configuration: WEB_CONCURRENCY [^\n]+$/);
  });

  it("defaults APP_URL to http://localhost:PORT", () => {
    expect(parseEnv({ ...GOOD, PORT: "8080" }).APP_URL).toBe("http://localhost:8080");
    expect(parseEnv({ ...GOOD, PORT: "8080", APP_URL: "" }).APP_URL).toBe("http://localhost:8080");
  });

  it.each([
    ["https://register.example.org", "https://register.example.org"],
    ["https://register.example.org/", "https://register.example.org"],
    ["https://Register.Example.ORG", "https://register.example.org"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["https://register.example.org:443", "https://register.example.org"],
    [" https://register.example.org ", "https://register.example.org"],
  ])("reduces APP_URL %j to the origin %s", (value, origin) => {
    expect(parseEnv({ ...GOOD, APP_URL: value }).APP_URL).toBe(origin);
  });

  it("splits ORGANIZER_EMAILS on commas, semicolons and whitespace and lower-cases them", () => {
    const env = parseEnv({ ...GOOD, ORGANIZER_EMAILS: " Ada@Example.ORG, bob@example.org;CAROL@example.org\n dave@example.org ,, " });
    expect(env.ORGANIZER_EMAILS).toEqual(["ada@example.org", "bob@example.org", "carol@example.org", "dave@example.org"]);
  });

  it("accepts postgres:// and postgresql:// database URLs and smtp(s):// mail URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@db/quorum" }).DATABASE_URL).toBe("postgres://u:p@db/quorum");
    expect(parseEnv({ ...GOOD, SMTP_URL: "smtps://user:pass@mail.example.org:465" }).SMTP_URL).toBe(
      "smtps://user:pass@mail.example.org:465",
    );
    expect(parseEnv({ ...GOOD, SMTP_URL: "smtp://mail.example.org:587" }).SMTP_URL).toBe("smtp://mail.example.org:587");
  });

  it("accepts a 32+ character AUTH_SECRET in production", () => {
    const env = parseEnv({ ...GOOD, NODE_ENV: "production", AUTH_SECRET: SECRET, APP_URL: "https://register.example.org" });
    expect(env.NODE_ENV).toBe("production");
    expect(env.AUTH_SECRET).toBe(SECRET);
    expect(env.APP_URL).toBe("https://register.example.org");
  });

  it.each([
    ["true", true],
    ["1", true],
    ["false", false],
    ["0", false],
    ["", false],
  ])("reads TRUST_PROXY=%j as %s", (value, expected) => {
    expect(parseEnv({ ...GOOD, TRUST_PROXY: value }).TRUST_PROXY).toBe(expected);
  });

  it.each<[string, Record<string, string>]>([
    ["the dev mailbox (no SMTP_URL)", {}],
    ["DEV_MAILBOX=true beside an SMTP_URL", { SMTP_URL: "smtp://mail.example.org:587", DEV_MAILBOX: "true" }],
  ])("HOST defaults to localhost with %s, never all interfaces", (_label, overrides) => {
    expect(parseEnv({ ...GOOD, ...overrides }).HOST).toBe("localhost");
  });

  it("HOST defaults to all interfaces (undefined) when mail goes to an SMTP server", () => {
    expect(parseEnv({ ...GOOD, SMTP_URL: "smtp://mail.example.org:587" }).HOST).toBeUndefined();
    expect(parseEnv({ ...GOOD, SMTP_URL: "smtp://mail.example.org:587", HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
  });

  it("coerces numeric settings", () => {
    const env = parseEnv({ ...GOOD, DATABASE_POOL_SIZE: "25", MAIL_RATE_PER_MINUTE: "30", MAIL_CONCURRENCY: "2" });
    expect([env.DATABASE_POOL_SIZE, env.MAIL_RATE_PER_MINUTE, env.MAIL_CONCURRENCY]).toEqual([25, 30, 2]);
  });
});

describe("parseEnv: the dev mailbox only on a loopback HOST", () => {
  const SMTP = "smtp://mail.example.org:587";

  it.each<[string, Record<string, string>]>([
    ["0.0.0.0 without SMTP_URL", { HOST: "0.0.0.0" }],
    [":: without SMTP_URL", { HOST: "::" }],
    ["a LAN address without SMTP_URL", { HOST: "192.168.1.20" }],
    ["a public IPv6 address without SMTP_URL", { HOST: "2001:db8::10" }],
    ["a host name without SMTP_URL", { HOST: "register.example.org" }],
    ["a name that only starts like localhost", { HOST: "localhost.example.org" }],
    ["an IPv4-mapped public address", { HOST: "::ffff:192.0.2.1" }],
    ["0.0.0.0 with DEV_MAILBOX=true beside an SMTP_URL", { HOST: "0.0.0.0", SMTP_URL: SMTP, DEV_MAILBOX: "true" }],
    [
      "0.0.0.0 without SMTP_URL in production (npm start still turns the dev mailbox on)",
      { HOST: "0.0.0.0", NODE_ENV: "production", AUTH_SECRET: SECRET },
    ],
  ])("refuses %s with one line naming HOST", (_label, overrides) => {
    const error = configError({ ...GOOD, ...overrides });
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message).toMatch(/^Invalid configuration: HOST /);
    expect(error.message).toContain("dev mailbox");
  });

  it.each(["localhost", "LOCALHOST", "127.0.0.1", "127.10.20.30", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"])(
    "accepts the loopback HOST %s with the dev mailbox",
    (host) => {
      expect(parseEnv({ ...GOOD, HOST: host }).HOST).toBe(host);
      expect(parseEnv({ ...GOOD, HOST: host, SMTP_URL: SMTP, DEV_MAILBOX: "true" }).HOST).toBe(host);
    },
  );

  it("accepts any HOST when mail goes to an SMTP server and the dev mailbox is off", () => {
    expect(parseEnv({ ...GOOD, HOST: "0.0.0.0", SMTP_URL: SMTP }).HOST).toBe("0.0.0.0");
    expect(parseEnv({ ...GOOD, HOST: "::", SMTP_URL: SMTP, DEV_MAILBOX: "false" }).HOST).toBe("::");
  });
});
