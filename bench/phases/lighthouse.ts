// Phase 7: Lighthouse's mobile profile (its default: a mid-range phone, simulated slow 4G and a
// 4× slower CPU) on the registration page, in Debian's Chromium started by chrome-launcher. Three
// runs, each in a fresh browser; the run with the median performance score is reported, as
// Lighthouse's own documentation advises for noisy machines.
import fs from "node:fs";
import path from "node:path";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";

export type LighthouseRun = {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  /** Bytes Lighthouse saw transferred for scripts (compressed as the server sent them). */
  scriptTransferBytes: number;
};

export type LighthouseResult = { page: string; lighthouseVersion: string; runs: LighthouseRun[]; median: LighthouseRun };

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--disable-background-networking",
];

async function runOnce(url: string): Promise<{ run: LighthouseRun; version: string }> {
  const chrome = await launch({
    chromePath: process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: CHROME_FLAGS,
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    // BENCH_LIGHTHOUSE_DETAILS=1: what ran on the main thread (for TBT), kept beside the results.
    if (process.env.BENCH_LIGHTHOUSE_DETAILS === "1") {
      const details = Object.fromEntries(
        ["bootup-time", "main-thread-work-breakdown", "long-tasks", "total-blocking-time"].map((id) => [
          id,
          { numericValue: lhr.audits[id]?.numericValue, details: lhr.audits[id]?.details },
        ]),
      );
      const file = path.join("bench", "results", `${new Date().toISOString().replaceAll(":", "-")}-lighthouse-main-thread.json.tmp`);
      fs.writeFileSync(file, `${JSON.stringify(details, null, 2)}\n`);
    }
    const scripts = (
      lhr.audits["resource-summary"]?.details as { items?: Array<{ resourceType: string; transferSize: number }> } | undefined
    )?.items;
    return {
      version: lhr.lighthouseVersion,
      run: {
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        lcpMs: audit("largest-contentful-paint"),
        tbtMs: audit("total-blocking-time"),
        fcpMs: audit("first-contentful-paint"),
        scriptTransferBytes: scripts?.find((item) => item.resourceType === "script")?.transferSize ?? Number.NaN,
      },
    };
  } finally {
    chrome.kill();
  }
}

export async function measureLighthouse(baseUrl: string, page: string, runs = 3): Promise<LighthouseResult> {
  const results: LighthouseRun[] = [];
  let version = "";
  for (let index = 0; index < runs; index += 1) {
    const { run, version: v } = await runOnce(`${baseUrl}${page}`);
    results.push(run);
    version = v;
  }
  const sorted = [...results].sort((a, b) => a.performance - b.performance);
  const median = sorted[Math.floor(sorted.length / 2)] as LighthouseRun;
  return { page, lighthouseVersion: version, runs: results, median };
}
