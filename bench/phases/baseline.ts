// Phase 1: the ceilings of this machine in this run. autocannon drives a bare node:http server
// and the app's /privacy page (Next.js rendering without the database) with the same settings.
import type { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import { type LatencySummary, summarize } from "../lib/stats.ts";

// autocannon ships no types and @types/autocannon is not a dependency: describe the little we use.
type AutocannonResult = { start: Date; finish: Date; errors: number; timeouts: number };
type AutocannonInstance = EventEmitter & PromiseLike<AutocannonResult>;
type AutocannonOptions = { url: string; connections: number; duration: number; headers?: Record<string, string> };
const autocannon = createRequire(import.meta.url)("autocannon") as (options: AutocannonOptions) => AutocannonInstance;

export type LoadResult = {
  url: string;
  connections: number;
  durationSec: number;
  responses: number;
  ok: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  requestsPerSecond: number;
  latency: LatencySummary;
};

/**
 * A warm-up run, then the measured run. Every response's latency is recorded (autocannon's own
 * summary has no p95), and requests/s counts 2xx answers over the run's real duration.
 */
export async function measureEndpoint(
  url: string,
  options: { connections: number; durationSec: number; warmupSec: number },
): Promise<LoadResult> {
  if (options.warmupSec > 0) await autocannon({ url, connections: options.connections, duration: options.warmupSec });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let responses = 0;
  const instance = autocannon({ url, connections: options.connections, duration: options.durationSec });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    responses++;
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
  });
  const result = await instance;
  const durationSec = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    url,
    connections: options.connections,
    durationSec,
    responses,
    ok: latencies.length,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    requestsPerSecond: latencies.length / durationSec,
    latency: summarize(latencies),
  };
}
