// The app's configuration, validated once. Every module reads settings from here, never from
// process.env directly, so a wrong value stops start-up with a message that names it.
import { z } from "zod";
import { normalizeAddress } from "./security/client-address.ts";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
    message: "must be a postgres:// or postgresql:// URL, e.g. postgresql://user:pass@db:5432/quorum",
  });

const httpOrigin = z
  .string()
  .trim()
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.pathname === "/" && !url.search && !url.hash;
    },
    { message: "must be an http(s) origin without a path, e.g. https://register.example.org" },
  )
  .transform((value) => new URL(value).origin);

const smtpUrl = z
  .string()
  .trim()
  .refine((value) => /^smtps?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
    message: "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587",
  });

const booleanFlag = z.enum(["true", "false", "1", "0", ""]).transform((value) => value === "true" || value === "1");

const emailList = z
  .string()
  .transform((value) =>
    value
      .split(/[\s,;]+/)
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ message: "must be a comma-separated list of email addresses" })));

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl),
  /** Number of database connections each app process may hold. */
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(10)),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  /** Interface the web server listens on; empty for all (localhost while the dev mailbox is on). */
  HOST: z.preprocess(emptyAsUndefined, z.string().trim().max(255).optional()),
  /** Web server processes sharing the port. */
  WEB_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(16).default(1)),
  APP_URL: z.preprocess(emptyAsUndefined, httpOrigin.optional()),
  SMTP_URL: z.preprocess(emptyAsUndefined, smtpUrl.optional()),
  MAIL_FROM: z.preprocess(
    emptyAsUndefined,
    z.email({ message: "must be a plain email address, e.g. meetings@example.org" }).default("quorum@localhost.localdomain"),
  ),
  MAIL_FROM_NAME: z.preprocess(emptyAsUndefined, z.string().max(75).default("Quorum")),
  /** Emails per minute the worker may hand to the mail server (providers throttle, e.g. 30/min). */
  MAIL_RATE_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(600)),
  /** Emails the worker sends at the same time. */
  MAIL_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(50).default(4)),
  /** Show the built-in dev mailbox at /dev/mailbox (never on by default in production; only on a loopback HOST). */
  DEV_MAILBOX: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
  AUTH_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, { message: "must be at least 32 characters (e.g. `openssl rand -base64 33`)" }).optional(),
  ),
  ORGANIZER_EMAILS: z.preprocess(emptyAsUndefined, emailList.default([])),
  /** Trust X-Forwarded-For from a reverse proxy for the client address (rate limits). */
  TRUST_PROXY: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
  /** Run the email worker inside the web process (default) or only through `npm run worker`. */
  WORKER_IN_PROCESS: z.preprocess(emptyAsUndefined, booleanFlag.default(true)),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string };

/** Parse an environment; throws one line per invalid variable, each naming it. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "configuration");
      const message = issue.code === "invalid_type" && source[name] === undefined ? "is required" : issue.message;
      return `${name} ${message}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
    throw new ConfigError("Invalid configuration: AUTH_SECRET is required in production (at least 32 characters)");
  }
  // The dev mailbox shows every email, sign-in links included, to whoever can open the page: it
  // is on without SMTP_URL (npm start turns it on whatever NODE_ENV) or with DEV_MAILBOX, and then
  // the server listens on this machine only — by default, and a HOST that is not loopback stops
  // start-up.
  const devMailbox = env.DEV_MAILBOX || !env.SMTP_URL;
  const host = env.HOST ?? (devMailbox ? "localhost" : undefined);
  if (devMailbox && host !== undefined && !isLoopbackHost(host)) {
    throw new ConfigError(
      "Invalid configuration: HOST must be a loopback address (localhost, 127.0.0.1 or ::1) while the dev mailbox is on (no SMTP_URL, or DEV_MAILBOX=true): it shows sign-in links to anyone who can reach the port",
    );
  }
  return { ...env, HOST: host, APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}` };
}

/** localhost, 127.0.0.0/8 or ::1, in any spelling (brackets, IPv4-mapped, expanded). */
export function isLoopbackHost(host: string): boolean {
  if (host.toLowerCase() === "localhost") return true;
  const address = normalizeAddress(host);
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

let cached: Env | undefined;

/** The validated configuration of this process (parsed on first use, then cached). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
