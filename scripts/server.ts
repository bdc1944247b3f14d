// The production web server: Next.js behind a small Node http server that we control, so that
// - forwarded headers are only believed from a trusted reverse proxy (TRUST_PROXY): otherwise
//   X-Forwarded-* from the client are dropped and X-Forwarded-For is the socket's address, which
//   the rate limits use;
// - request bodies are bounded before Next reads them;
// - SIGTERM drains: no new connections, in-flight requests complete, then the process exits;
// - WEB_CONCURRENCY > 1 runs that many processes sharing the port (node:cluster), because one
//   Node process is CPU-bound at roughly 100 registrations/s on this hardware.
import cluster from "node:cluster";
import http from "node:http";
import next from "next";
import { ConfigError, getEnv } from "../lib/env.ts";
import { sanitizeForwardedHeaders } from "../lib/security/forwarded-headers.ts";
import { chooseLocale, localeCookieIn } from "../lib/i18n/config.ts";
import { renderPlainPage } from "../lib/security/plain-page.ts";

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[web] ${error.message}`);
  process.exit(1);
}
const port = env.PORT;
const hostname = env.HOST;
const trustProxy = env.TRUST_PROXY;
/**
 * Largest request body accepted (bytes): every form posts to a Server Action, whose own limit
 * (next.config.ts, serverActions.bodySizeLimit "64kb") answers with a 500 when passed. Refusing
 * here, before Next reads the body, gives the sender a clear 413 instead.
 */
const MAX_BODY_BYTES = 64 * 1024;
/**
 * The exceptions: uploads, which go to route handlers rather than Server Actions, each with the
 * most it may send here. Each route refuses, on its own form, a file just over its own limit: an
 * attendance report (10 MB, lib/attendance/report-file.ts) and a focal-point list (512 kB,
 * lib/focal-points/import.ts).
 */
const UPLOAD_LIMITS: readonly { path: RegExp; maxBytes: number }[] = [
  { path: /^\/admin\/meetings\/[0-9a-f-]{36}\/attendance\/upload(?:\?|$)/, maxBytes: 16 * 1024 * 1024 },
  { path: /^\/admin\/focal-points\/import(?:\?|$)/, maxBytes: 1024 * 1024 },
  // Input documents: the largest a meeting may allow (50 MB) and a little more, so that a file
  // over a meeting's own limit is refused in words by the route (lib/documents/upload.ts).
  { path: /^\/manage\/[A-Za-z0-9_-]{20,100}\/documents\/upload(?:\?|$)/, maxBytes: 51 * 1024 * 1024 },
];
const DRAIN_TIMEOUT_MS = 25_000;

const processes = env.WEB_CONCURRENCY;

if (cluster.isPrimary && processes > 1) {
  let stopping = false;
  for (let index = 0; index < processes; index++) cluster.fork();
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGTERM"));
  cluster.on("exit", (worker, code) => {
    if (!stopping) {
      console.error(`[web] process ${worker.process.pid} exited (${code}); starting another`);
      cluster.fork();
    } else if (Object.keys(cluster.workers ?? {}).length === 0) {
      process.exit(0);
    }
  });
} else {
  await serve();
}

async function serve() {
  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();

  let inFlight = 0;
  let draining = false;

  const server = http.createServer((request, response) => {
    sanitizeForwardedHeaders(request.headers, request.socket.remoteAddress, trustProxy);
    const declaredLength = Number(request.headers["content-length"] ?? 0);
    const upload = request.method === "POST" ? UPLOAD_LIMITS.find(({ path }) => path.test(request.url ?? "")) : undefined;
    const bodyLimit = upload?.maxBytes ?? MAX_BODY_BYTES;
    if (declaredLength > bodyLimit) {
      response
        .writeHead(413, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", connection: "close" })
        .end(
          renderPlainPage(
            "tooLarge",
            chooseLocale({ cookie: localeCookieIn(request.headers.cookie), acceptLanguage: request.headers["accept-language"] }),
          ),
        );
      request.resume();
      return;
    }
    if (
      request.method &&
      !["GET", "HEAD", "OPTIONS"].includes(request.method) &&
      request.headers["transfer-encoding"] &&
      !request.headers["content-length"]
    ) {
      response.writeHead(411, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end("Length required.");
      request.resume();
      return;
    }
    // Once draining, a request arriving on a kept-alive connection is refused whole (nothing done,
    // safe to retry elsewhere) rather than started on a server that is about to stop.
    if (draining) {
      response
        .writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "2", connection: "close" })
        .end("Shutting down; try again.");
      request.resume();
      return;
    }
    inFlight++;
    response.once("close", () => {
      inFlight--;
    });
    handle(request, response).catch((error: unknown) => {
      console.error(JSON.stringify({ time: new Date().toISOString(), event: "server.unhandled", message: (error as Error).message }));
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  server.listen(port, hostname, () => {
    console.log(`[web] listening on ${hostname ?? "*"}:${port} (pid ${process.pid})`);
  });

  async function drain(signal: string) {
    if (draining) return;
    draining = true;
    console.log(`[web] ${signal}: draining ${inFlight} request(s)`);
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    server.closeAllConnections();
    await app.close?.();
    console.log(`[web] stopped (${inFlight} request(s) cut off)`);
    process.exit(0);
  }
  process.on("SIGTERM", () => void drain("SIGTERM"));
  process.on("SIGINT", () => void drain("SIGINT"));
}
