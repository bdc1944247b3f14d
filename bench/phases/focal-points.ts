// Phase 11: focal-point decisions (issue #12). `count` registrations of a meeting in FOCAL_POINT
// approval mode await their Member State's focal point; each is routed by the real routing
// (routeRegistration: the focal points in scope, primary and backup) and gets one decision link
// per focal point asked (issueDecisionLink: a fresh random token, only its hash stored), as
// askFocalPoints does, without rendering the request emails (their tokens would be unknown here).
// Then `connections` clients decide them all over HTTP through the real path, as a focal point's
// browser without JavaScript does: GET /fp/<token> (the page and its form's server-action inputs),
// then POST the approve (or reject) form; the app answers 303 to /fp/<token>?answer=…. Counting is
// by the answers AND by the rows afterwards: each registration decided exactly once, each used link
// once, one audit entry and one registrant email per decision.
import http from "node:http";
import type { Database } from "@/lib/db/client.ts";
import { scopeKey } from "@/lib/focal-points/rules.ts";
import { practiceMeeting } from "@/lib/meetings/seed-data.ts";
import { decisionLinkExpiry } from "@/lib/notices/approval-rules.ts";
import { issueDecisionLink, routeRegistration } from "@/lib/notices/focal-point-requests.ts";
import { extractServerActionInputs, httpRequest, multipartBody, syntheticClientAddress } from "../lib/http.ts";
import type { ResultRow } from "../lib/report.ts";
import { type LatencySummary, summarize } from "../lib/stats.ts";

const DOMAIN = "focal-points.bench.example";
/** Twenty administrations, each with a primary and a backup focal point. */
const MEMBER_STATES = [
  "KE",
  "CH",
  "FR",
  "BR",
  "IN",
  "JP",
  "NG",
  "EG",
  "MX",
  "CA",
  "DE",
  "ES",
  "AR",
  "CN",
  "RU",
  "SA",
  "ZA",
  "AU",
  "ID",
  "TR",
];
/** Every tenth decision is a rejection with a reason, the rest approvals. */
const REJECT_EVERY = 10;

type Pending = { registrationId: string; token: string; decision: "approve" | "reject" };

type Outcome = { ok: boolean; openMs: number | null; decideMs: number | null; problem?: string };

export type FocalPointDecisionsResult = {
  /** Decisions measured; `warmup` more were decided first, unmeasured, and are counted in `stored`. */
  registrations: number;
  warmup: number;
  connections: number;
  linksIssued: number;
  seedSeconds: number;
  elapsedSec: number;
  decisionsPerSecond: number;
  /** Measured decisions answered 303 to /fp/<token>?answer=<the decision>. */
  acknowledged: number;
  errors: number;
  errorSamples: string[];
  /** POST of the decision form, the decision itself. */
  decide: LatencySummary;
  /** GET of the link's page (what the POST needs first). */
  open: LatencySummary;
  /** GET + POST, one focal point's whole visit. */
  visit: LatencySummary;
  stored: {
    stillAwaiting: number;
    approvedByFocalPoint: number;
    rejected: number;
    /** Registrations with no focal-point decision recorded (must be 0). */
    lost: number;
    /** Registrations with more than one decision audit entry, or links used more than once per registration (must be 0). */
    decidedTwice: number;
    linksUsed: number;
    auditEntries: number;
  };
  /** Emails the decisions (warm-up included) queued in the outbox, by kind. */
  emailsQueued: Record<string, number>;
};

async function seed(db: Database, count: number, now: Date): Promise<{ pending: Pending[]; linksIssued: number; meetingId: string }> {
  const meeting = await db.meeting.create({
    data: {
      ...practiceMeeting(now),
      slug: "bench-focal-points",
      shortName: "BENCH-FP",
      isPractice: false,
      approvalMode: "FOCAL_POINT",
      confirmFocalPointApprovals: false,
    },
  });
  for (const [index, memberState] of MEMBER_STATES.entries()) {
    for (const role of ["PRIMARY", "BACKUP"] as const) {
      await db.focalPoint.create({
        data: {
          email: `${role.toLowerCase()}-${memberState.toLowerCase()}@${DOMAIN}`,
          name: `${role === "PRIMARY" ? "Primary" : "Backup"} focal point ${memberState}`,
          memberState,
          scopeKey: scopeKey({ memberState }),
          role,
          locale: (["en", "fr", "es", "ru", "zh", "ar"] as const)[index % 6],
        },
      });
    }
  }
  const states = `{${MEMBER_STATES.join(",")}}`;
  await db.$executeRaw`
    INSERT INTO "Registration" (id, reference, "meetingId", email, "givenName", "familyName", country, "memberState", category, status,
      locale, "privacyAcceptedAt", "focalPointAskedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), 'FP-' || lpad(g::text, 7, '0'), ${meeting.id}::uuid, 'r' || g || '@' || ${DOMAIN},
      'Given' || g, 'Family', s.code, s.code, 'MEMBER_STATE', 'AWAITING_FOCAL_POINT',
      (ARRAY['en','fr','es','ru','zh','ar'])[1 + g % 6], ${now}, ${now}, ${now}, ${now}
    FROM generate_series(1, ${count}::int) AS g,
      LATERAL (SELECT (${states}::text[])[1 + g % ${MEMBER_STATES.length}::int] AS code) AS s`;
  const registrations = await db.registration.findMany({
    where: { meetingId: meeting.id },
    select: { id: true, email: true, category: true, memberState: true, organization: true },
    orderBy: { reference: "asc" },
  });
  const expiresAt = decisionLinkExpiry(now, meeting.endsAt);
  const pending: Pending[] = [];
  let linksIssued = 0;
  // The real routing and link issuing, one transaction per registration as registration does.
  for (const [index, registration] of registrations.entries()) {
    await db.$transaction(async (tx) => {
      const route = await routeRegistration(tx, { meeting, applicant: registration, now });
      if (route.status !== "AWAITING_FOCAL_POINT" || route.ask.length === 0) {
        throw new Error(`registration ${registration.id} routed to ${route.status} with ${route.ask.length} focal point(s)`);
      }
      const tokens: string[] = [];
      for (const focalPoint of route.ask) {
        tokens.push(await issueDecisionLink(tx, { focalPointId: focalPoint.id, registrationId: registration.id, now, expiresAt }));
        linksIssued++;
      }
      // The primary decides on even registrations, the backup on odd ones (primaries come first).
      const token = tokens[index % tokens.length] ?? tokens[0];
      if (!token) throw new Error("no link issued");
      pending.push({ registrationId: registration.id, token, decision: index % REJECT_EVERY === REJECT_EVERY - 1 ? "reject" : "approve" });
    });
  }
  await db.$executeRawUnsafe(`ANALYZE "Registration", "FocalPointDecisionLink", "FocalPoint"`);
  return { pending, linksIssued, meetingId: meeting.id };
}

// Each visit is its own client (X-Forwarded-For, believed with TRUST_PROXY=true): the per-address
// limit on /fp/ (60 per 10 minutes) would otherwise stop the bench, not the app.
let nextClient = 1;

async function decideOne(baseUrl: string, item: Pending, agent: http.Agent): Promise<Outcome> {
  const url = `${baseUrl}/fp/${item.token}`;
  const client = syntheticClientAddress(nextClient++ + 200_000);
  const origin = new URL(baseUrl).origin;
  let openMs: number | null = null;
  try {
    const page = await httpRequest(url, { agent, headers: { accept: "text/html", "x-forwarded-for": client } });
    openMs = page.totalMs;
    if (page.status !== 200) return { ok: false, openMs, decideMs: null, problem: `GET answered ${page.status}` };
    const html = page.body.toString("utf8");
    // The page has two forms, approve then reject: each carries its own server-action inputs.
    const forms = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((match) => match[0]);
    const form = forms.find((text) => text.includes(`name="decision" value="${item.decision}"`));
    if (!form) return { ok: false, openMs, decideMs: null, problem: `no ${item.decision} form on the page` };
    const fields: Array<[string, string]> = [...extractServerActionInputs(form), ["decision", item.decision]];
    if (item.decision === "reject") fields.push(["reason", "Not a member of this administration's delegation (bench)."]);
    const { body, contentType } = multipartBody(fields);
    const start = performance.now();
    const response = await httpRequest(url, {
      method: "POST",
      agent,
      body,
      headers: {
        "content-type": contentType,
        accept: "text/html",
        // The app refuses cross-site POSTs (proxy.ts): a same-origin browser form sends both.
        origin,
        "sec-fetch-site": "same-origin",
        "x-forwarded-for": client,
      },
    });
    const decideMs = performance.now() - start;
    const location = typeof response.headers.location === "string" ? response.headers.location : "";
    const ok = response.status === 303 && location.endsWith(`/fp/${item.token}?answer=${item.decision}`);
    return {
      ok,
      openMs,
      decideMs,
      problem: ok ? undefined : `POST answered ${response.status}${location ? ` → ${location.replace(item.token, "<token>")}` : ""}`,
    };
  } catch (error) {
    return { ok: false, openMs, decideMs: null, problem: (error as Error).message };
  }
}

export async function benchFocalPointDecisions(
  db: Database,
  options: { baseUrl: string; count: number; warmup: number; connections: number; log: (line: string) => void },
): Promise<FocalPointDecisionsResult> {
  const seedStart = performance.now();
  const { pending, linksIssued, meetingId } = await seed(db, options.warmup + options.count, new Date());
  const seedSeconds = (performance.now() - seedStart) / 1000;
  options.log(
    `   seeded ${pending.length} registrations awaiting a focal point, ${linksIssued} links, in ${Math.round(seedSeconds * 10) / 10} s`,
  );

  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  /** `connections` clients, each deciding one registration after another until none is left. */
  const decideAll = async (items: Pending[]) => {
    const queue = [...items];
    const answers: Outcome[] = [];
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) answers.push(await decideOne(options.baseUrl, item, agent));
      }),
    );
    return answers;
  };
  // The first `warmup` registrations warm the page and the action up (the server's first requests
  // load code): decided the same way, checked in the rows like the others, left out of the timings.
  const warmupOutcomes = await decideAll(pending.slice(0, options.warmup));
  const measured = pending.slice(options.warmup);
  const start = performance.now();
  const outcomes = await decideAll(measured);
  const elapsedMs = performance.now() - start;
  agent.destroy();

  const [counts] = await db.$queryRaw<
    Array<{ awaiting: number; approved: number; rejected: number; lost: number; linksUsed: number; twice: number; audits: number }>
  >`
    SELECT
      (SELECT count(*) FROM "Registration" WHERE "meetingId" = ${meetingId}::uuid AND status = 'AWAITING_FOCAL_POINT')::int AS awaiting,
      (SELECT count(*) FROM "Registration" WHERE "meetingId" = ${meetingId}::uuid AND status = 'APPROVED_BY_FOCAL_POINT')::int AS approved,
      (SELECT count(*) FROM "Registration" WHERE "meetingId" = ${meetingId}::uuid AND status = 'REJECTED')::int AS rejected,
      (SELECT count(*) FROM "Registration" WHERE "meetingId" = ${meetingId}::uuid AND "focalPointDecidedAt" IS NULL)::int AS lost,
      (SELECT count(*) FROM "FocalPointDecisionLink" l JOIN "Registration" r ON r.id = l."registrationId"
        WHERE r."meetingId" = ${meetingId}::uuid AND l."usedAt" IS NOT NULL)::int AS "linksUsed",
      (SELECT count(*) FROM (
        SELECT r.id FROM "Registration" r
        LEFT JOIN "FocalPointDecisionLink" l ON l."registrationId" = r.id AND l."usedAt" IS NOT NULL
        WHERE r."meetingId" = ${meetingId}::uuid GROUP BY r.id HAVING count(l."tokenHash") > 1
        UNION ALL
        SELECT a."entityId"::uuid FROM "AuditEntry" a
        WHERE a."meetingId" = ${meetingId}::uuid AND a.action IN ('registration.focal-point-approved', 'registration.focal-point-rejected')
        GROUP BY a."entityId" HAVING count(*) > 1
      ) AS twice)::int AS twice,
      (SELECT count(*) FROM "AuditEntry" WHERE "meetingId" = ${meetingId}::uuid
        AND action IN ('registration.focal-point-approved', 'registration.focal-point-rejected'))::int AS audits`;
  const emails = await db.outboxEmail.groupBy({ by: ["kind"], where: { meetingId }, _count: { _all: true } });

  const errorSamples = [
    ...new Set([...warmupOutcomes, ...outcomes].filter((outcome) => outcome.problem).map((outcome) => outcome.problem as string)),
  ].slice(0, 5);
  const acknowledged = outcomes.filter((outcome) => outcome.ok).length;
  const warmupErrors = warmupOutcomes.filter((outcome) => !outcome.ok).length;
  const numbers = (pick: (outcome: Outcome) => number | null) => outcomes.map(pick).filter((value): value is number => value !== null);
  return {
    registrations: measured.length,
    warmup: options.warmup,
    connections: options.connections,
    linksIssued,
    seedSeconds,
    elapsedSec: elapsedMs / 1000,
    decisionsPerSecond: acknowledged / (elapsedMs / 1000),
    acknowledged,
    errors: outcomes.length - acknowledged + warmupErrors,
    errorSamples,
    decide: summarize(numbers((outcome) => outcome.decideMs)),
    open: summarize(numbers((outcome) => outcome.openMs)),
    visit: summarize(
      numbers((outcome) => (outcome.openMs !== null && outcome.decideMs !== null ? outcome.openMs + outcome.decideMs : null)),
    ),
    stored: {
      stillAwaiting: counts?.awaiting ?? -1,
      approvedByFocalPoint: counts?.approved ?? -1,
      rejected: counts?.rejected ?? -1,
      lost: counts?.lost ?? -1,
      decidedTwice: counts?.twice ?? -1,
      linksUsed: counts?.linksUsed ?? -1,
      auditEntries: counts?.audits ?? -1,
    },
    emailsQueued: Object.fromEntries(emails.map((entry) => [entry.kind, entry._count._all])),
  };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Every decision answered, stored exactly once, with its audit entry and its one registrant email. */
export function focalPointDecisionsHeld(result: FocalPointDecisionsResult): boolean {
  const queued = Object.values(result.emailsQueued).reduce((sum, value) => sum + value, 0);
  const total = result.registrations + result.warmup;
  return (
    result.errors === 0 &&
    result.acknowledged === result.registrations &&
    result.stored.stillAwaiting === 0 &&
    result.stored.lost === 0 &&
    result.stored.decidedTwice === 0 &&
    result.stored.approvedByFocalPoint + result.stored.rejected === total &&
    result.stored.linksUsed === total &&
    result.stored.auditEntries === total &&
    queued === total
  );
}

/** The report's rows for this phase. */
export function focalPointRows(phase: string, result: FocalPointDecisionsResult): ResultRow[] {
  const n = result.registrations.toLocaleString("en-US");
  const latency = (label: string, summary: LatencySummary, note?: string) =>
    (["p50", "p95", "p99"] as const).map(
      (p): ResultRow => ({
        phase,
        metric: `${label} ${p}`,
        value: round(summary[p], 1),
        unit: "ms",
        compare: { kind: "time", percentile: p },
        note: p === "p50" ? note : undefined,
      }),
    );
  const queued = Object.entries(result.emailsQueued)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
  return [
    ...latency(
      "POST /fp/<token> (one decision, over HTTP)",
      result.decide,
      `${n} decisions by ${result.connections} concurrent clients, the no-JS form post answered 303`,
    ),
    ...latency("GET /fp/<token> (the decision page)", result.open),
    ...latency("GET + POST (a focal point's whole visit)", result.visit),
    {
      phase,
      metric: "decisions per second",
      value: round(result.decisionsPerSecond, 1),
      unit: "count",
      compare: { kind: "none", why: "decisions, each a GET and a POST" },
      note: `${n} in ${round(result.elapsedSec, 2)} s after ${result.warmup} warm-up decisions; ${result.errors} errors${result.errorSamples.length ? `: ${result.errorSamples.join("; ")}` : ""}`,
    },
    {
      phase,
      metric: `lost / decided more than once / still awaiting, of ${(result.registrations + result.warmup).toLocaleString("en-US")} (warm-up included)`,
      value: result.stored.lost + result.stored.decidedTwice + result.stored.stillAwaiting,
      unit: "count",
      compare: { kind: "none", why: "count" },
      target: { text: "0", met: focalPointDecisionsHeld(result) },
      note:
        `${result.stored.lost} lost, ${result.stored.decidedTwice} twice, ${result.stored.stillAwaiting} awaiting; ` +
        `${result.stored.approvedByFocalPoint} approved by a focal point, ${result.stored.rejected} rejected; ` +
        `${result.stored.linksUsed} links used of ${result.linksIssued} issued; ${result.stored.auditEntries} decision audit entries`,
    },
    {
      phase,
      metric: `registrant emails queued by the ${(result.registrations + result.warmup).toLocaleString("en-US")} decisions (warm-up included)`,
      value: Object.values(result.emailsQueued).reduce((sum, value) => sum + value, 0),
      unit: "count",
      compare: { kind: "none", why: "count" },
      note: queued || "none",
    },
  ];
}
