// `npm run bench:pages`: phases 6 and 7 of the bench alone (bench/phases/pages.ts): the
// registration page's JavaScript, valid HTML and Lighthouse, on a fresh database and a fresh production
// server, in about two minutes. They measure what one browser gets, not throughput, so they mean
// something on a shared machine too. Exits non-zero when a target is missed.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { applyMigrations } from "@/lib/db/migrate.ts";
import { createDatabaseClient } from "@/lib/db/client.ts";
import { seedMeetings } from "@/lib/meetings/seed.ts";
import { provisionDatabase } from "./lib/database.ts";
import { freePort, waitForHttp } from "./lib/http.ts";
import { assertSameBuild, buildStamp, ensureCurrentBuild } from "./lib/machine.ts";
import { startAppServer } from "./lib/processes.ts";
import { computeRows, markdownTable } from "./lib/report.ts";
import { measurePages, pageRows, pageTargets } from "./phases/pages.ts";

const log = (line: string) => console.log(`[bench:pages] ${line}`);
const cleanups: Array<() => Promise<void>> = [];

try {
  ensureCurrentBuild(log);
  fs.mkdirSync(path.join("bench", "results"), { recursive: true });
  const build = buildStamp();
  const database = await provisionDatabase(log);
  cleanups.push(database.drop);
  await applyMigrations(database.url);
  const db = createDatabaseClient(database.url, 2);
  cleanups.push(() => db.$disconnect());
  await seedMeetings(db, new Date());
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const app = startAppServer({
    port,
    logFile: path.join("bench", "results", `pages-${Date.now()}.server-log.tmp`),
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "localhost",
      DATABASE_URL: database.url,
      APP_URL: baseUrl,
      AUTH_URL: `${baseUrl}/api/auth`,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      WORKER_IN_PROCESS: "false",
    },
  });
  cleanups.push(app.stop);
  await waitForHttp(`${baseUrl}/healthz`, { timeoutMs: 90_000, gaveUp: app.exitReason });
  const pages = await measurePages(baseUrl, db, log);
  assertSameBuild(build, "the page phases");
  console.log(`\n${markdownTable(computeRows(pageRows(pages), null))}\n`);
  const targets = pageTargets(pages);
  console.log(
    targets.map((t) => `  ${t.met === null ? "NOT MEASURED" : t.met ? "met    " : "NOT MET"}  ${t.text} (${t.measured})`).join("\n"),
  );
  if (!targets.every((target) => target.met === true)) process.exitCode = 1;
} catch (error) {
  console.error(`[bench:pages] failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 2;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(`[bench:pages] cleanup: ${error}`));
}
