// The production web server (scripts/server.ts) as it runs without the e2e set-up around it:
// several processes on one port (WEB_CONCURRENCY), the default trust of forwarded headers (none:
// no TRUST_PROXY), and readiness while it drains. Each test starts its own server on its own
// port, on the e2e database.
import net from "node:net";
import { halfSentPost, isRunning, spawnServer, waitForStatus } from "./spawned-server.ts";
import { e2eEnvironment, expect, hiddenFormFields, multipart, registrationFields, sql, test } from "./support.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("WEB_CONCURRENCY=2: two processes serve the port, one that dies is replaced, SIGTERM stops them all", async () => {
  test.setTimeout(240_000);
  const server = spawnServer(3181, { DATABASE_URL: e2eEnvironment().databaseUrl, WEB_CONCURRENCY: "2" });
  const listening = () => [...server.output().matchAll(/\[web\] listening on \S+ \(pid (\d+)\)/g)].map((match) => Number(match[1]));
  try {
    // Forked: two processes listening, neither of them the one started.
    await expect.poll(listening, { timeout: 120_000 }).toHaveLength(2);
    const [first = 0, second = 0] = listening();
    expect(new Set([server.child.pid, first, second]).size).toBe(3);
    await waitForStatus(server.appUrl);

    // One dies: the other serves alone at once (its replacement takes seconds to start), and a
    // replacement is started.
    process.kill(first, "SIGKILL");
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain(`process ${first} exited`);
    expect((await fetch(`${server.appUrl}/healthz`)).status).toBe(200);
    await expect.poll(listening, { timeout: 120_000 }).toHaveLength(3);
    const replacement = listening()[2] ?? 0;
    expect([server.child.pid, first, second]).not.toContain(replacement);

    // Then the other original dies too: the replacement was serving all along.
    process.kill(second, "SIGKILL");
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain(`process ${second} exited`);
    expect((await fetch(`${server.appUrl}/healthz`)).status).toBe(200);
    await expect.poll(listening, { timeout: 120_000 }).toHaveLength(4);
    const running = listening().slice(2);

    // SIGTERM to the first process reaches every web process: each drains, and all exit cleanly.
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.output().match(/\[web\] SIGTERM: draining/g)).toHaveLength(2);
    expect(server.output().match(/\[web\] stopped/g)).toHaveLength(2);
    for (const pid of running) expect(isRunning(pid), `process ${pid}`).toBe(false);
    await expect(fetch(`${server.appUrl}/healthz`)).rejects.toThrow();
  } finally {
    await server.stop("SIGKILL");
    for (const pid of listening()) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  }
});

test("without TRUST_PROXY (the default) a client's forwarded headers are ignored: limits count the socket's address", async () => {
  test.setTimeout(120_000);
  const server = spawnServer(3182, { DATABASE_URL: e2eEnvironment().databaseUrl });
  // The loopback address this test connects from, however "localhost" resolves (lib/security/client-address.ts).
  const loopback = ["register:127.0.0.1", "register:::/64"];
  try {
    await waitForStatus(server.appUrl);
    await sql(`DELETE FROM "RateLimitBucket" WHERE key = ANY($1)`, [loopback]);
    // The limit counts per fixed 10-minute window: start well inside one.
    const windowMs = 10 * 60 * 1000;
    const left = windowMs - (Date.now() % windowMs);
    if (left < 60_000) await sleep(left + 1000);

    const fields = hiddenFormFields(await (await fetch(`${server.appUrl}/meetings/practice/register`)).text());
    const run = Date.now().toString(36);
    const statuses: number[] = [];
    // 21 posts, each claiming another client in every forwarded header there is.
    for (let index = 1; index <= 21; index++) {
      const claimed = `203.0.113.${index}`;
      const response = await fetch(`${server.appUrl}/meetings/practice/register`, {
        method: "POST",
        headers: {
          origin: server.appUrl,
          "sec-fetch-site": "same-origin",
          "x-forwarded-for": claimed,
          "x-real-ip": claimed,
          forwarded: `for=${claimed}`,
        },
        body: multipart([...fields, ...registrationFields(`proxyless-${run}-${index}@example.org`)]),
        redirect: "manual",
      });
      statuses.push(response.status);
    }
    if (statuses.includes(500)) console.log(server.output());
    // RATE_LIMITS.register allows 20 per client in 10 minutes: the 21 "clients" are one.
    expect(statuses).toEqual([...Array.from({ length: 20 }, () => 303), 429]);
    const buckets = await sql<{ key: string; hits: number }>(`SELECT key, hits FROM "RateLimitBucket" WHERE key LIKE 'register:%'`);
    expect(buckets.filter((bucket) => bucket.key.includes("203.0.113."))).toEqual([]);
    expect(buckets.filter((bucket) => loopback.includes(bucket.key)).reduce((sum, bucket) => sum + bucket.hits, 0)).toBe(21);
    expect(await sql(`SELECT 1 FROM "Registration" WHERE email LIKE $1`, [`proxyless-${run}-%`])).toHaveLength(20);
  } finally {
    await server.stop();
  }
});

/** One raw HTTP/1.1 exchange on an open socket: what was written so far, then `rest`; the answer as text. */
function answerOn(socket: net.Socket, rest: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = "";
    socket.on("data", (chunk) => (received += chunk));
    socket.once("end", () => resolve(received));
    socket.once("close", () => resolve(received));
    socket.once("error", reject);
    socket.write(rest);
  });
}

test("/readyz answers 503 once the server is draining; new connections are refused", async () => {
  test.setTimeout(120_000);
  const port = 3183;
  const server = spawnServer(port, { DATABASE_URL: e2eEnvironment().databaseUrl, TRUST_PROXY: "true" });
  try {
    await waitForStatus(server.appUrl, "/readyz");
    expect(await (await fetch(`${server.appUrl}/readyz`)).json()).toEqual({ status: "ready" });

    // A registration in flight keeps the server draining until this test lets it finish.
    const fields = hiddenFormFields(await (await fetch(`${server.appUrl}/meetings/practice/register`)).text());
    const email = `readyz-${Date.now().toString(36)}@example.org`;
    const inFlight = await halfSentPost(
      `${server.appUrl}/meetings/practice/register`,
      multipart([...fields, ...registrationFields(email)]),
      {
        origin: server.appUrl,
        "sec-fetch-site": "same-origin",
        "x-forwarded-for": "198.19.2.1",
      },
    );
    // A load balancer's probe on a connection it holds open: the probe is on its way when the
    // signal comes, and arrives whole after it.
    const probe = net.connect(port, "localhost");
    await new Promise((resolve, reject) => probe.once("connect", resolve).once("error", reject));
    probe.write(`GET /readyz HTTP/1.1\r\nHost: localhost:${port}\r\n`);
    await sleep(500);

    server.child.kill("SIGTERM");
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain("SIGTERM: draining");
    const answer = await answerOn(probe, "Connection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer.toLowerCase()).toContain("retry-after:");
    // A probe on a new connection is refused outright: the listener is closed.
    await expect(fetch(`${server.appUrl}/readyz`)).rejects.toThrow();

    inFlight.finish();
    expect(await inFlight.status).toBe(303);
    expect(await server.exited).toBe(0);
    expect(await sql(`SELECT status FROM "Registration" WHERE email = $1`, [email])).toEqual([{ status: "CONFIRMED" }]);
  } finally {
    await server.stop("SIGKILL");
  }
});
