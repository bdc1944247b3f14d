// What else the machine is doing. The bench shares it with other work (here: other engineers'
// builds and servers), so each run records how busy the CPUs were before it started, and stops
// when the production build under the server changes (a concurrent `next build` rewrites .next:
// the running server then serves pages whose chunks no longer exist, and every figure is off).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isBuildCurrent } from "../../scripts/lib/build-state.ts";
import { sleep } from "./stats.ts";

function cpuTimes(): { busy: number; total: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** Share of all CPUs busy over `ms` (Linux /proc/stat), 0–100; null where /proc is missing. */
export async function cpuBusyPercent(ms: number): Promise<number | null> {
  try {
    const before = cpuTimes();
    await sleep(ms);
    const after = cpuTimes();
    return after.total === before.total ? 0 : (100 * (after.busy - before.busy)) / (after.total - before.total);
  } catch {
    return null;
  }
}

export function loadAverage(): string {
  try {
    return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

export type BuildStamp = { id: string; modifiedMs: number };

export function buildStamp(): BuildStamp {
  const file = path.join(".next", "BUILD_ID");
  return { id: fs.readFileSync(file, "utf8").trim(), modifiedMs: fs.statSync(file).mtimeMs };
}

/** Throws when .next/BUILD_ID is not the one the server started with. */
export function assertSameBuild(started: BuildStamp, phase: string): void {
  let now: BuildStamp | null = null;
  try {
    now = buildStamp();
  } catch {
    // missing: being rebuilt right now
  }
  if (!now || now.id !== started.id || now.modifiedMs !== started.modifiedMs) {
    throw new Error(
      `the production build (.next) changed during ${phase}: another \`next build\` ran on this machine. ` +
        "The server no longer matches its files, so this run's figures are discarded; run the bench again when no build is running.",
    );
  }
}

/**
 * Builds when the production build is missing or older than its sources (the test runner's and
 * `npm start`'s own check), so the bench never measures yesterday's code.
 */
export function ensureCurrentBuild(log: (line: string) => void): void {
  if (isBuildCurrent(process.cwd())) return;
  log("the production build is missing or older than the sources: running next build first");
  const result = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}
