// Child processes the bench starts: the app's production web server and the bare Node baseline.
// Both run outside the bench process so that the load generator never shares an event loop with
// the server it measures.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sleep } from "./stats.ts";

export type ServerProcess = {
  pid: number;
  port: number;
  /** Why the process is gone, or null while it runs. */
  exitReason: () => string | null;
  stop: () => Promise<void>;
};

function supervise(child: ChildProcess, port: number, name: string): ServerProcess {
  let exitReason: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exitReason = `${name} exited (code ${code}, signal ${signal})`;
      resolve();
    });
  });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const pid = child.pid;
  return {
    pid,
    port,
    exitReason: () => exitReason,
    async stop() {
      if (exitReason) return;
      // SIGTERM lets scripts/server.ts drain; SIGKILL after 15 s so the bench never hangs here.
      child.kill("SIGTERM");
      const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
      if (!stopped) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** The app as production runs it: scripts/server.ts (Next.js behind the project's own http server). */
export function startAppServer(options: {
  port: number;
  env: Record<string, string>;
  logFile: string;
  /** Node options before the script, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}): ServerProcess {
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", path.join("scripts", "server.ts")], {
    cwd: process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log); // the child holds its own descriptor
  return supervise(child, options.port, "web server");
}

/** The baseline: a hello-world node:http server (bench/bare-server.ts) in its own process. */
export function startBareServer(port: number): ServerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("bench", "bare-server.ts")], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return supervise(child, port, "bare node server");
}

function ownResidentSetBytes(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function childPids(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/**
 * Resident set size in bytes (Linux /proc) of a process and all its descendants (the web server
 * forks one process per WEB_CONCURRENCY), or null once it is gone.
 */
export function residentSetBytes(pid: number): number | null {
  const own = ownResidentSetBytes(pid);
  if (own === null) return null;
  return childPids(pid).reduce((sum, child) => sum + (residentSetBytes(child) ?? 0), own);
}

/** Sample a process's RSS every `intervalMs` until stopped; reports the peak and the samples. */
export function sampleResidentSet(pid: number, intervalMs: number) {
  const samples: Array<{ atMs: number; bytes: number }> = [];
  const start = performance.now();
  const take = () => {
    const bytes = residentSetBytes(pid);
    if (bytes !== null) samples.push({ atMs: Math.round(performance.now() - start), bytes });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakBytes: Math.max(...samples.map((sample) => sample.bytes)), samples };
    },
  };
}
