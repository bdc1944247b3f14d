// A production web server (scripts/server.ts, on the build in .next) that a browser test starts
// itself, on a port of its own and with exactly the configuration it is given: nothing is
// inherited from the test's environment but PATH and HOME. Its output is kept for assertions.
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { expect } from "./support.ts";

export type SpawnedServer = {
  child: ChildProcess;
  appUrl: string;
  output: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM (or `signal`), then the exit code; a no-op once exited. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

export function spawnServer(port: number, env: Record<string, string>): SpawnedServer {
  const appUrl = `http://localhost:${port}`;
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(process.cwd(), "scripts", "server.ts")],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        HOST: "localhost",
        APP_URL: appUrl,
        AUTH_URL: `${appUrl}/api/auth`,
        AUTH_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
        WORKER_IN_PROCESS: "false",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    appUrl,
    output: () => output,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Until GET `path` answers `status` (the server has started, or recovered). */
export async function waitForStatus(appUrl: string, path = "/healthz", status = 200, timeout = 60_000): Promise<void> {
  await expect.poll(async () => (await fetch(`${appUrl}${path}`).catch(() => null))?.status ?? 0, { timeout }).toBe(status);
}

/** Whether a process with this id is still running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A form post whose body is only half sent: the server has the request (it is in flight) but
 * cannot finish it until `finish()` sends the rest.
 */
export async function halfSentPost(url: string, form: FormData, headers: Record<string, string>) {
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const request = http.request(url, {
    method: "POST",
    headers: { ...headers, "content-type": encoded.headers.get("content-type") ?? "", "content-length": String(body.length) },
  });
  const status = new Promise<number>((resolve) => {
    request.once("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once("error", () => resolve(0));
  });
  const half = Math.floor(body.length / 2);
  request.write(body.subarray(0, half));
  return { status, finish: () => request.end(body.subarray(half)) };
}
