// Phases 2 and 3: registrations through the real form path, the server action behind
// /meetings/<slug>/register, posted as a browser without JavaScript posts it (multipart form with
// the action's hidden inputs). Counting is by the answer of every request AND by the database
// afterwards: a registration counts as done only when the app answered 303 to /register/sent, and
// the rows and owed emails are then checked one by one against what was acknowledged.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { Database } from "@/lib/db/client.ts";
import { extractServerActionInputs, httpRequest, multipartBody, syntheticClientAddress } from "../lib/http.ts";
import type { MailSide, SinkCount } from "../lib/mail.ts";
import { type LatencySummary, summarize } from "../lib/stats.ts";

export type RegistrationForm = { baseUrl: string; slug: string; actionInputs: Array<[string, string]> };

type Submission = { email: string; submissionKey: string; duplicate: boolean };

type Outcome = { submission: Submission; ok: boolean; status: number | null; latencyMs: number; problem?: string };

export type LoadSummary = {
  connections: number;
  issued: number;
  /** Planned submissions never sent because the time window closed first. */
  notIssued: number;
  acknowledged: number;
  errors: number;
  statusCodes: Record<string, number>;
  errorSamples: string[];
  elapsedSec: number;
  registrationsPerSecond: number;
  latency: LatencySummary;
};

// Each request gets its own synthetic client address (X-Forwarded-For, believed because the
// server runs with TRUST_PROXY=true), so the per-address registration limit (20 per 10 minutes)
// measures nothing here; one counter for the whole run keeps addresses distinct across phases.
let nextClient = 1;

/** GET the register page once and keep the server action's hidden inputs of its no-JS form. */
export async function loadRegistrationForm(baseUrl: string, slug: string): Promise<RegistrationForm> {
  const page = await httpRequest(`${baseUrl}/meetings/${slug}/register`);
  if (page.status !== 200) throw new Error(`GET /meetings/${slug}/register answered ${page.status}`);
  return { baseUrl, slug, actionInputs: extractServerActionInputs(page.body.toString("utf8")) };
}

function describeFailure(status: number, location: string | undefined, body: Buffer): string {
  const title = /<title>([^<]*)<\/title>/.exec(body.toString("utf8"))?.[1];
  return `HTTP ${status}${location ? ` → ${location}` : ""}${title ? ` "${title}"` : ""}`;
}

async function postRegistration(form: RegistrationForm, submission: Submission, agent: http.Agent): Promise<Outcome> {
  const { body, contentType } = multipartBody([
    ...form.actionInputs,
    ["submissionKey", submission.submissionKey],
    ["email", submission.email],
    ["givenName", "Bench"],
    ["familyName", `Load ${submission.email.split("@")[0]}`],
    ["category", "ACADEMIA"],
    ["organization", "University of Benchmarks"],
    ["country", "CH"],
    ["privacyAccepted", "yes"],
  ]);
  const origin = new URL(form.baseUrl).origin;
  const start = performance.now();
  try {
    const response = await httpRequest(`${form.baseUrl}/meetings/${form.slug}/register`, {
      method: "POST",
      agent,
      body,
      headers: {
        "content-type": contentType,
        accept: "text/html",
        // The app refuses cross-site POSTs (proxy.ts): a same-origin browser form sends both.
        origin,
        "sec-fetch-site": "same-origin",
        "x-forwarded-for": syntheticClientAddress(nextClient++),
      },
    });
    const location = typeof response.headers.location === "string" ? response.headers.location : undefined;
    // A JS-less form post that succeeds is answered by the action's redirect() as a 303.
    const ok = response.status === 303 && location?.endsWith(`/meetings/${form.slug}/register/sent`) === true;
    return {
      submission,
      ok,
      status: response.status,
      latencyMs: performance.now() - start,
      problem: ok ? undefined : describeFailure(response.status, location, response.body),
    };
  } catch (error) {
    return { submission, ok: false, status: null, latencyMs: performance.now() - start, problem: (error as Error).message };
  }
}

/**
 * `connections` virtual users, each posting one submission after another (closed loop, like
 * autocannon's connections) until `next` runs dry or the window closes. No request starts after
 * the window; requests in flight are awaited, so every submission sent has a known answer.
 */
async function runClosedLoop(
  form: RegistrationForm,
  options: { connections: number; windowMs: number; next: () => Submission | null },
): Promise<{ outcomes: Outcome[]; elapsedMs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const outcomes: Outcome[] = [];
  const start = performance.now();
  const lanes = Array.from({ length: options.connections }, async () => {
    while (performance.now() - start < options.windowMs) {
      const submission = options.next();
      if (!submission) return;
      outcomes.push(await postRegistration(form, submission, agent));
    }
  });
  await Promise.all(lanes);
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return { outcomes, elapsedMs };
}

function summarizeLoad(outcomes: Outcome[], elapsedMs: number, connections: number, notIssued: number): LoadSummary {
  const statusCodes: Record<string, number> = {};
  const errorSamples = new Set<string>();
  for (const outcome of outcomes) {
    const key = outcome.status === null ? "network error" : String(outcome.status);
    statusCodes[key] = (statusCodes[key] ?? 0) + 1;
    if (outcome.problem && errorSamples.size < 5) errorSamples.add(outcome.problem);
  }
  const acknowledged = outcomes.filter((outcome) => outcome.ok);
  return {
    connections,
    issued: outcomes.length,
    notIssued,
    acknowledged: acknowledged.length,
    errors: outcomes.length - acknowledged.length,
    statusCodes,
    errorSamples: [...errorSamples],
    elapsedSec: elapsedMs / 1000,
    registrationsPerSecond: acknowledged.length / (elapsedMs / 1000),
    // Latency of every answered request, failures included: a fast error must not flatter p99.
    latency: summarize(outcomes.map((outcome) => outcome.latencyMs)),
  };
}

export type StoredCheck = {
  rows: number;
  /** Acknowledged (303) registrations with no row: must be 0. */
  lost: number;
  /** Addresses with more than one row, plus registrations owed other than exactly one confirmation email: must be 0. */
  duplicated: number;
  /** Rows for submissions that got no 303 (e.g. a timeout after the commit): reported, not hidden. */
  storedWithoutAcknowledgement: number;
};

async function checkStored(db: Database, meetingId: string, acknowledgedEmails: Set<string>): Promise<StoredCheck> {
  const rows = await db.registration.findMany({ where: { meetingId }, select: { email: true } });
  const stored = new Map<string, number>();
  for (const row of rows) stored.set(row.email, (stored.get(row.email) ?? 0) + 1);
  const [confirmations] = await db.$queryRaw<Array<{ wrong: bigint }>>`
    SELECT count(*) AS wrong FROM (
      SELECT r.id FROM "Registration" r
      LEFT JOIN "OutboxEmail" o ON o."registrationId" = r.id AND o.kind = 'registration-confirmed'
      WHERE r."meetingId" = ${meetingId}::uuid
      GROUP BY r.id HAVING count(o.id) <> 1) AS off`;
  let lost = 0;
  for (const email of acknowledgedEmails) if (!stored.has(email)) lost++;
  let storedWithoutAcknowledgement = 0;
  let duplicatedAddresses = 0;
  for (const [email, count] of stored) {
    if (count > 1) duplicatedAddresses += count - 1;
    if (!acknowledgedEmails.has(email)) storedWithoutAcknowledgement++;
  }
  return { rows: rows.length, lost, duplicated: duplicatedAddresses + Number(confirmations?.wrong ?? 0), storedWithoutAcknowledgement };
}

export type MailCheck = {
  owed: number;
  owedByKind: Record<string, number>;
  delivered: number;
  /** Counted at the SMTP sink per address and Message-ID (duplicates and losses apart). */
  atSink: SinkCount;
  failed: number;
  /** From `since` until no email of the meeting was waiting any more; null if that took too long. */
  drainMs: number | null;
};

async function checkMail(
  db: Database,
  mail: MailSide,
  options: { meetingId: string; domain: string; since: number; drainTimeoutMs: number },
): Promise<MailCheck> {
  const { meetingId } = options;
  const drainedAt = await mail.waitForDrain(db, meetingId, options.drainTimeoutMs);
  const kinds = await db.outboxEmail.groupBy({ by: ["kind"], where: { meetingId }, _count: { _all: true } });
  const owedByKind = Object.fromEntries(kinds.map((kind) => [kind.kind, kind._count._all]));
  const failed = await db.outboxEmail.count({ where: { meetingId, status: "FAILED" } });
  const owed = await db.outboxEmail.findMany({ where: { meetingId }, select: { toAddress: true, messageId: true } });
  return {
    owed: Object.values(owedByKind).reduce((total, count) => total + count, 0),
    owedByKind,
    delivered: mail.deliveredTo(options.domain),
    atSink: mail.countAtSink(options.domain, owed),
    failed,
    drainMs: drainedAt === null ? null : drainedAt - options.since,
  };
}

/** Warm the server's code paths and pools on another meeting before anything is measured. */
export async function warmUpRegistration(form: RegistrationForm, count: number, connections: number, prefix = "w"): Promise<LoadSummary> {
  let n = 0;
  const { outcomes, elapsedMs } = await runClosedLoop(form, {
    connections,
    windowMs: 60_000,
    next: () => (n < count ? { email: `${prefix}${n++}@warmup.bench.example`, submissionKey: randomUUID(), duplicate: false } : null),
  });
  return summarizeLoad(outcomes, elapsedMs, connections, 0);
}

export type SustainedResult = { load: LoadSummary; stored: StoredCheck; mail: MailCheck; workerDuringLoad: boolean };

/**
 * Phase 2: as many new registrations as `connections` users can make in `durationSec`. The outbox
 * worker is paused during the window (the SMTP sink parses every message in this process and
 * would take CPU from the server and delay the load generator's clock) and drains afterwards.
 */
export async function sustainedRegistration(options: {
  form: RegistrationForm;
  db: Database;
  mail: MailSide;
  meetingId: string;
  connections: number;
  durationSec: number;
  drainTimeoutMs: number;
  /** Where the addresses are: each run its own, so the sink counts each apart. */
  domain: string;
}): Promise<SustainedResult> {
  const { domain } = options;
  let n = 0;
  const { outcomes, elapsedMs } = await runClosedLoop(options.form, {
    connections: options.connections,
    windowMs: options.durationSec * 1000,
    next: () => ({ email: `s${n++}@${domain}`, submissionKey: randomUUID(), duplicate: false }),
  });
  const load = summarizeLoad(outcomes, elapsedMs, options.connections, 0);
  const acknowledged = new Set(outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.submission.email));
  const stored = await checkStored(options.db, options.meetingId, acknowledged);
  const since = performance.now();
  options.mail.startWorker();
  const mail = await checkMail(options.db, options.mail, {
    meetingId: options.meetingId,
    domain,
    since,
    drainTimeoutMs: options.drainTimeoutMs,
  });
  return { load, stored, mail, workerDuringLoad: false };
}

export type SpikeResult = SustainedResult & {
  distinct: number;
  duplicates: number;
  /** Drain measured from the spike's first request (mail.drainMs counts from its last answer). */
  drainFromStartMs: number | null;
};

/**
 * Phase 3: the deadline spike. `distinct` new registrations and `duplicates` resends of earlier
 * addresses (new submissionKey, so each is a real second attempt, answered with an "already
 * registered" email) from `connections` users within `windowSec`, with the outbox worker running.
 */
export async function deadlineSpike(options: {
  form: RegistrationForm;
  db: Database;
  mail: MailSide;
  meetingId: string;
  connections: number;
  distinct: number;
  duplicates: number;
  windowSec: number;
  drainTimeoutMs: number;
}): Promise<SpikeResult> {
  const domain = "spike.bench.example";
  const originals: Submission[] = Array.from({ length: options.distinct }, (_, i) => ({
    email: `k${i}@${domain}`,
    submissionKey: randomUUID(),
    duplicate: false,
  }));
  // Each duplicate resends a different address, queued well after its original, so it normally
  // meets the stored row (a concurrent one must be answered the same way by the app anyway).
  const stride = Math.max(1, Math.floor(options.distinct / options.duplicates));
  const queue: Submission[] = [];
  const resendAfter = new Map<number, Submission[]>();
  for (let j = 0; j < options.duplicates; j++) {
    const original = originals[(j * stride) % options.distinct];
    if (!original) continue;
    const at = Math.min(options.distinct - 1, j * stride + 2 * options.connections);
    resendAfter.set(at, [...(resendAfter.get(at) ?? []), { email: original.email, submissionKey: randomUUID(), duplicate: true }]);
  }
  for (const [i, original] of originals.entries()) queue.push(original, ...(resendAfter.get(i) ?? []));

  let next = 0;
  const { outcomes, elapsedMs } = await runClosedLoop(options.form, {
    connections: options.connections,
    windowMs: options.windowSec * 1000,
    next: () => queue[next++] ?? null,
  });
  const end = performance.now();
  const load = summarizeLoad(outcomes, elapsedMs, options.connections, Math.max(0, queue.length - outcomes.length));
  const acknowledged = new Set(outcomes.filter((outcome) => outcome.ok && !outcome.submission.duplicate).map((o) => o.submission.email));
  const stored = await checkStored(options.db, options.meetingId, acknowledged);
  const mail = await checkMail(options.db, options.mail, {
    meetingId: options.meetingId,
    domain,
    since: end,
    drainTimeoutMs: options.drainTimeoutMs,
  });
  const drainFromStartMs = mail.drainMs === null ? null : mail.drainMs + elapsedMs;
  return {
    load,
    stored,
    mail,
    workerDuringLoad: true,
    distinct: options.distinct,
    duplicates: options.duplicates,
    drainFromStartMs,
  };
}
