// Exact percentiles over every recorded sample (nearest-rank). The runs are short enough to keep
// all samples, so no histogram rounding hides a tail.

export type LatencySummary = { count: number; mean: number; p50: number; p95: number; p99: number; max: number };

/** Nearest-rank percentile of an ascending array; NaN when there are no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Run `task` `warmup` times unmeasured, then `runs` times one after another; returns each run's wall time (ms). */
export async function timeRuns(task: () => Promise<unknown>, options: { warmup: number; runs: number }): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
