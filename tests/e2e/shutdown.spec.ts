// SIGTERM under load: the web server stops taking connections, finishes the requests in flight,
// and leaves no half-written registration (every stored registration has its email queued).
import { spawn } from "node:child_process";
import path from "node:path";
import { halfSentPost } from "./spawned-server.ts";
import { e2eEnvironment, expect, hiddenFormFields, multipart, registrationFields, sql, test } from "./support.ts";

test("SIGTERM under load: in-flight registrations complete, nothing half-written", async () => {
  test.setTimeout(120_000);
  const port = 3199;
  const appUrl = `http://localhost:${port}`;
  const { databaseUrl } = e2eEnvironment();
  const server = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "scripts", "server.ts")], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "localhost",
      DATABASE_URL: databaseUrl,
      APP_URL: appUrl,
      AUTH_URL: `${appUrl}/api/auth`,
      AUTH_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
      TRUST_PROXY: "true",
      WORKER_IN_PROCESS: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
  await expect.poll(async () => (await fetch(`${appUrl}/healthz`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);

  const fields = hiddenFormFields(await (await fetch(`${appUrl}/meetings/practice/register`)).text());
  const run = Date.now().toString(36);
  const emails = Array.from({ length: 60 }, (_, index) => `drain-${run}-${index}@example.org`);
  const attempts = emails.map(async (email, index) => {
    // Spread over ~1.2 s so that some arrive before, some during and some after the SIGTERM.
    await new Promise((resolve) => setTimeout(resolve, index * 20));
    try {
      const response = await fetch(`${appUrl}/meetings/practice/register`, {
        method: "POST",
        headers: { origin: appUrl, "sec-fetch-site": "same-origin", "x-forwarded-for": `198.19.0.${index + 1}` },
        body: multipart([...fields, ...registrationFields(email)]),
        redirect: "manual",
      });
      return { email, status: response.status };
    } catch {
      return { email, status: 0 }; // refused: the server had stopped accepting
    }
  });
  // Five registrations certainly in flight when the signal comes: the server has their headers and
  // half their bodies, and gets the rest only after SIGTERM.
  const inFlightEmails = Array.from({ length: 5 }, (_, index) => `drain-${run}-inflight-${index}@example.org`);
  const inFlight = await Promise.all(
    inFlightEmails.map((email, index) =>
      halfSentPost(`${appUrl}/meetings/practice/register`, multipart([...fields, ...registrationFields(email)]), {
        origin: appUrl,
        "sec-fetch-site": "same-origin",
        "x-forwarded-for": `198.19.1.${index + 1}`,
      }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  server.kill("SIGTERM");
  await expect.poll(() => /draining (\d+) request/.exec(output)?.[1] ?? null, { timeout: 10_000 }).not.toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const post of inFlight) post.finish();
  const inFlightStatuses = await Promise.all(inFlight.map((post) => post.status));
  const results = await Promise.all(attempts);
  expect(await exited).toBe(0);
  if ([...results.map((result) => result.status), ...inFlightStatuses].includes(500)) console.log(output);
  // The server counted them in flight when the signal came, and each one was finished: answered
  // "check your email" (303), stored, its email queued.
  expect(Number(/draining (\d+) request/.exec(output)?.[1])).toBeGreaterThanOrEqual(inFlight.length);
  expect(inFlightStatuses).toEqual(inFlightEmails.map(() => 303));
  const finished = await sql<{ email: string; emails: number }>(
    `SELECT r.email, (SELECT count(*)::int FROM "OutboxEmail" o WHERE o."registrationId" = r.id) AS emails
     FROM "Registration" r WHERE r.email LIKE $1 ORDER BY r.email`,
    [`drain-${run}-inflight-%`],
  );
  expect(finished).toEqual(inFlightEmails.map((email) => ({ email, emails: 1 })));

  // Each request was either completed (303 to the "check your email" page) or refused whole:
  // connection refused, or 503 on a kept-alive connection once draining had begun.
  expect(
    results.every((result) => [0, 303, 503].includes(result.status)),
    JSON.stringify(results),
  ).toBe(true);
  const answered = results.filter((result) => result.status === 303);
  expect(answered.length).toBeGreaterThan(0);
  expect(answered.length).toBeLessThan(results.length);
  const stored = await sql<{ email: string; emails: number }>(
    `SELECT r.email, (SELECT count(*)::int FROM "OutboxEmail" o WHERE o."registrationId" = r.id) AS emails
     FROM "Registration" r WHERE r.email LIKE $1 AND r.email NOT LIKE $2`,
    [`drain-${run}-%`, `drain-${run}-inflight-%`],
  );
  // Exactly the answered requests were stored, each with its confirmation email queued.
  expect(stored.map((row) => row.email).sort()).toEqual(answered.map((result) => result.email).sort());
  expect(stored.every((row) => row.emails === 1)).toBe(true);
});
