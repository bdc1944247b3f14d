// A small HTTP client on node:http (keep-alive agent, per-request timing) and the helpers to
// post the registration form as a browser without JavaScript does. node:http rather than fetch:
// it costs less CPU per request on this 2-core machine, where the load generator shares the
// cores with the server it measures, and it reports time to first byte.
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { sleep } from "./stats.ts";

export type HttpResult = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body, unless `keepBody` was false. */
  body: Buffer;
  bytes: number;
  ttfbMs: number;
  totalMs: number;
};

export type HttpOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  agent?: http.Agent;
  timeoutMs?: number;
  /** False for large downloads: only count the bytes (and pass them to onData). */
  keepBody?: boolean;
  onData?: (chunk: Buffer) => void;
};

export function httpRequest(url: string, options: HttpOptions = {}): Promise<HttpResult> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body) headers["content-length"] = String(options.body.length);
    const request = http.request(url, { method: options.method ?? "GET", headers, agent: options.agent ?? false }, (response) => {
      const ttfbMs = performance.now() - start;
      const chunks: Buffer[] = [];
      let bytes = 0;
      response.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (options.keepBody !== false) chunks.push(chunk);
        options.onData?.(chunk);
      });
      response.once("end", () => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
          bytes,
          ttfbMs,
          totalMs: performance.now() - start,
        });
      });
      response.once("error", reject);
    });
    // A bounded wait: a hung request becomes a counted error, never a hung bench.
    request.setTimeout(options.timeoutMs ?? 30_000, () => request.destroy(new Error(`timeout after ${options.timeoutMs ?? 30_000} ms`)));
    request.once("error", reject);
    request.end(options.body);
  });
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on host:port. */
export function isListening(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Poll `url` until it answers `expectStatus`, the process dies (`gaveUp`) or `timeoutMs` passes. */
export async function waitForHttp(url: string, options: { timeoutMs: number; expectStatus?: number; gaveUp?: () => string | null }) {
  const deadline = Date.now() + options.timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    const reason = options.gaveUp?.();
    if (reason) throw new Error(`${url} will not answer: ${reason}`);
    try {
      const result = await httpRequest(url, { timeoutMs: 5000 });
      if (result.status === (options.expectStatus ?? 200)) return;
      last = `HTTP ${result.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${options.timeoutMs} ms (last: ${last})`);
}

/** multipart/form-data, as a browser sends a form with encType="multipart/form-data". */
export function multipartBody(fields: ReadonlyArray<readonly [string, string]>): { body: Buffer; contentType: string } {
  const boundary = `----QuorumBench${randomBytes(12).toString("hex")}`;
  let text = "";
  for (const [name, value] of fields) {
    text += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  text += `--${boundary}--\r\n`;
  return { body: Buffer.from(text, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

const ENTITIES: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'", "#x27": "'", "#39": "'" };

function decodeAttribute(value: string): string {
  return value.replace(/&(quot|amp|lt|gt|apos|#x27|#39);/g, (_match, name: string) => ENTITIES[name] ?? "");
}

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([A-Za-z][\w:-]*)="([^"]*)"/g)) {
    const [, name, value] = match;
    if (name) result[name.toLowerCase()] = decodeAttribute(value ?? "");
  }
  return result;
}

/**
 * The hidden inputs React renders into a server action's form for browsers without JavaScript
 * ($ACTION_REF_n, $ACTION_n:k, $ACTION_KEY): posting them with the fields runs the same action
 * as the hydrated form. Returns them in page order; throws when the page has no such form.
 */
export function extractServerActionInputs(html: string): Array<[string, string]> {
  for (const form of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const formTag = form[0].slice(0, form[0].indexOf(">") + 1);
    const formAttributes = attributes(formTag);
    if (formAttributes.enctype !== "multipart/form-data" || (formAttributes.method ?? "").toUpperCase() !== "POST") continue;
    const inputs: Array<[string, string]> = [];
    for (const input of form[0].matchAll(/<input\b[^>]*>/g)) {
      const field = attributes(input[0]);
      if (field.type === "hidden" && field.name?.startsWith("$ACTION")) inputs.push([field.name, field.value ?? ""]);
    }
    if (inputs.some(([name]) => name.startsWith("$ACTION_REF_"))) return inputs;
  }
  throw new Error("no server-action form (<form encType=multipart/form-data> with $ACTION_REF_ inputs) in the page");
}

/** 10.x.y.z for the n-th synthetic client: only ever sent as a header, over loopback. */
export function syntheticClientAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
