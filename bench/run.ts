// `npm run bench`: the whole performance run (see bench/main.ts). The bench imports the app's
// server modules, which import "server-only"; that package only loads under the react-server
// export condition. Started without it (as by `node --import tsx bench/run.ts`), this launcher
// runs the bench again in a child node with the condition, so both script lines work.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

async function hasReactServerCondition(): Promise<boolean> {
  try {
    await import("server-only");
    return true;
  } catch {
    return false;
  }
}

if (await hasReactServerCondition()) {
  await import("./main.ts");
} else {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", fileURLToPath(import.meta.url)], {
    stdio: "inherit",
  });
  // The child cleans up on these itself; forwarding lets Ctrl-C reach it once.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.once("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
