// `npm test`: the whole suite, on the embedded PostgreSQL by default or on a real server when
// TEST_DATABASE_URL is set:
//   1. unit and integration tests (vitest), against the database and a real SMTP sink;
//   2. the production build, when it is missing or older than the sources;
//   3. end-to-end tests in Chromium (Playwright), with axe.
// It ends with one line "tests: N passed, M failed, K skipped" and exits non-zero if anything
// failed.
//
// `npm test -- --database-only` runs just the tests whose outcome depends on which PostgreSQL they
// run on (integration and browser tests), for a second pass on another database: unit tests,
// the embedded-database tests and the newcomer's `npm start` (always embedded) run once.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isBuildCurrent, isPrismaClientCurrent } from "./lib/build-state.ts";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const resultsDir = path.join(root, "test-results");
fs.mkdirSync(resultsDir, { recursive: true });

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  console.log(`\n$ ${path.basename(command)} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(`The end-to-end tests need Chromium at ${chromium} (Debian: apt-get install -y chromium), or CHROMIUM_PATH.`);
  process.exit(1);
}
console.log(
  process.env.TEST_DATABASE_URL
    ? `database: ${new URL(process.env.TEST_DATABASE_URL).host} (TEST_DATABASE_URL)`
    : "database: embedded PostgreSQL (PGlite)",
);

if (!isPrismaClientCurrent(root) && run(bin("prisma"), ["generate"]) !== 0) process.exit(1);

const databaseOnly = process.argv.includes("--database-only");
// Tests that give the same answer whatever TEST_DATABASE_URL says.
const DATABASE_INDEPENDENT_VITEST = [
  "tests/integration/embedded-database.test.ts",
  "tests/integration/start-config.test.ts",
  "tests/integration/migrations-drift.test.ts",
];
// Browser tests tagged @database-independent (the newcomer's `npm start`, always embedded).
const DATABASE_INDEPENDENT_TAG = "@database-independent";
if (databaseOnly) console.log("scope: database-dependent tests only (--database-only)");

let passed = 0;
let failed = 0;
let skipped = 0;

const vitestReport = path.join(resultsDir, "vitest-report.json");
fs.rmSync(vitestReport, { force: true });
const vitestScope = databaseOnly ? ["tests/integration", ...DATABASE_INDEPENDENT_VITEST.map((file) => `--exclude=${file}`)] : [];
const vitestStatus = run(bin("vitest"), [
  "run",
  ...vitestScope,
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
if (fs.existsSync(vitestReport)) {
  const report = JSON.parse(fs.readFileSync(vitestReport, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (vitestStatus !== 0 && failed === 0) failed += 1; // a crash before any test reported

if (!isBuildCurrent(root) && run(bin("next"), ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }) !== 0) {
  console.log("\ntests: build failed");
  process.exit(1);
}

const e2eReport = path.join(resultsDir, "e2e-report.json");
fs.rmSync(e2eReport, { force: true });
const e2eStatus = run(bin("playwright"), ["test", ...(databaseOnly ? [`--grep-invert=${DATABASE_INDEPENDENT_TAG}`] : [])]);
if (fs.existsSync(e2eReport)) {
  const report = JSON.parse(fs.readFileSync(e2eReport, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
}
if (e2eStatus !== 0 && failed === 0) failed += 1;

console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
