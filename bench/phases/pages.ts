// Phases 6 and 7, the registration page as a delegate on a phone gets it: the JavaScript a
// browser downloads (javascript.ts), the Nu HTML Checker on the public pages (6b, valid-html.ts)
// and Lighthouse's mobile profile (lighthouse.ts). They put no
// load on the server, so `npm run bench:pages` runs them alone (bench/pages.ts) while the load
// phases would be meaningless on a busy machine; `npm run bench` runs them too.
import type { IssueTarget, ResultRow } from "../lib/report.ts";
import { type BrowserJavaScript, type JavaScriptSize, measureBrowserJavaScript, measurePageJavaScript } from "./javascript.ts";
import { type LighthouseResult, measureLighthouse } from "./lighthouse.ts";
import { measureValidHtml, type ValidHtmlResult } from "./valid-html.ts";
import type { Database } from "@/lib/db/client.ts";

export const REGISTRATION_PAGE = "/meetings/practice/register";

export const PAGE_TARGETS = {
  /** gzip kB a browser with ES modules downloads to load the page (Chromium, until the network is idle). */
  javascriptKb: 160,
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
  lcpMs: 2000,
  tbtMs: 200,
} as const;

export type PageMeasurements = {
  html: JavaScriptSize;
  browser: BrowserJavaScript;
  lighthouse: LighthouseResult | { error: string };
  validHtml: ValidHtmlResult;
};

export async function measurePages(
  baseUrl: string,
  db: Database,
  log: (line: string) => void,
  lighthouseRuns = 3,
): Promise<PageMeasurements> {
  log("6. registration page JavaScript (HTML script list, then Chromium)");
  const html = await measurePageJavaScript(baseUrl, REGISTRATION_PAGE);
  const browser = await measureBrowserJavaScript(baseUrl, REGISTRATION_PAGE);
  log(`   ${kB(browser.onLoad.gzipBytes)} kB on load, ${kB(browser.onFirstSubmit.gzipBytes)} kB more on the first submit`);
  log(`7. Lighthouse, mobile profile, ${lighthouseRuns} run(s)`);
  let lighthouse: PageMeasurements["lighthouse"];
  try {
    lighthouse = await measureLighthouse(baseUrl, REGISTRATION_PAGE, lighthouseRuns);
    log(
      `   median performance ${lighthouse.median.performance}, LCP ${Math.round(lighthouse.median.lcpMs)} ms, TBT ${Math.round(lighthouse.median.tbtMs)} ms`,
    );
  } catch (error) {
    // A machine without Chromium still gets the rest of the bench; the target shows NOT MEASURED.
    lighthouse = { error: (error as Error).message };
    log(`   Lighthouse failed: ${lighthouse.error}`);
  }
  log("6b. valid HTML: the Nu HTML Checker on every public page, the error states and the manage page");
  const validHtml = await measureValidHtml(baseUrl, db);
  log(
    "error" in validHtml
      ? `   could not check: ${validHtml.error}`
      : `   ${validHtml.errors.length} error(s) in ${validHtml.documents} documents${validHtml.errors
          .slice(0, 5)
          .map((e) => `\n   ${e}`)
          .join("")}`,
  );
  return { html, browser, lighthouse, validHtml };
}

const kB = (bytes: number) => Math.round(bytes / 100) / 10;

export function pageRows(pages: PageMeasurements): ResultRow[] {
  const { html, browser, lighthouse, validHtml } = pages;
  const size = { kind: "none", why: "size" } as const;
  const P6 = "6 registration page JS";
  const rows: ResultRow[] = [
    {
      phase: P6,
      metric: "JavaScript a browser with ES modules downloads to load the page, gzip (Chromium)",
      value: kB(browser.onLoad.gzipBytes),
      unit: "kB",
      compare: size,
      target: { text: `≤ ${PAGE_TARGETS.javascriptKb} kB`, met: browser.onLoad.gzipBytes <= PAGE_TARGETS.javascriptKb * 1000 },
      note: `${browser.onLoad.scripts.length} scripts, ${kB(browser.onLoad.rawBytes)} kB raw`,
    },
    {
      phase: P6,
      metric: "JavaScript fetched by the first submit, gzip (the form's schema, loaded on demand)",
      value: kB(browser.onFirstSubmit.gzipBytes),
      unit: "kB",
      compare: size,
      note: `${browser.onFirstSubmit.scripts.length} scripts`,
    },
    {
      phase: P6,
      metric: "every <script src> of the HTML, gzip, noModule polyfills included (the issue's first count)",
      value: kB(html.gzipBytes),
      unit: "kB",
      compare: size,
      note: `${html.scripts.filter((script) => script.noModule).length} noModule script(s), which browsers with ES modules skip; inline scripts (RSC payload) ${kB(html.inlineScriptBytes)} kB raw, not counted`,
    },
  ];
  rows.push({
    phase: "6b valid HTML",
    metric: "errors from the Nu HTML Checker (public pages, error states, manage page; English and Arabic)",
    value: "error" in validHtml ? null : validHtml.errors.length,
    unit: "count",
    compare: { kind: "none", why: "count" },
    target: "error" in validHtml ? undefined : { text: "0", met: validHtml.errors.length === 0 },
    note:
      "error" in validHtml
        ? `not checked: ${validHtml.error}`
        : `${validHtml.documents} documents${validHtml.errors.length > 0 ? `; first: ${validHtml.errors[0]}` : ""}`,
  });
  const P7 = `7 Lighthouse mobile (median of ${"runs" in lighthouse ? lighthouse.runs.length : 0})`;
  if ("error" in lighthouse) {
    rows.push({
      phase: P7,
      metric: "performance score",
      value: null,
      unit: "count",
      compare: { kind: "none", why: "score" },
      note: lighthouse.error,
    });
    return rows;
  }
  const { median } = lighthouse;
  const all = (pick: (run: LighthouseResult["median"]) => number) => lighthouse.runs.map((run) => Math.round(pick(run))).join(", ");
  const score = { kind: "none", why: "score" } as const;
  const time = { kind: "none", why: "simulated throttling" } as const;
  rows.push(
    {
      phase: P7,
      metric: "performance score",
      value: median.performance,
      unit: "count",
      compare: score,
      target: { text: `≥ ${PAGE_TARGETS.lighthousePerformance}`, met: median.performance >= PAGE_TARGETS.lighthousePerformance },
      note: `runs ${all((run) => run.performance)}; Lighthouse ${lighthouse.lighthouseVersion}`,
    },
    {
      phase: P7,
      metric: "Largest Contentful Paint",
      value: Math.round(median.lcpMs),
      unit: "ms",
      compare: time,
      target: { text: `≤ ${PAGE_TARGETS.lcpMs} ms`, met: median.lcpMs <= PAGE_TARGETS.lcpMs },
      note: `runs ${all((run) => run.lcpMs)}`,
    },
    {
      phase: P7,
      metric: "Total Blocking Time",
      value: Math.round(median.tbtMs),
      unit: "ms",
      compare: time,
      target: { text: `≤ ${PAGE_TARGETS.tbtMs} ms`, met: median.tbtMs <= PAGE_TARGETS.tbtMs },
      note: `runs ${all((run) => run.tbtMs)}`,
    },
    {
      phase: P7,
      metric: "accessibility score",
      value: median.accessibility,
      unit: "count",
      compare: score,
      target: { text: `${PAGE_TARGETS.lighthouseAccessibility}`, met: median.accessibility >= PAGE_TARGETS.lighthouseAccessibility },
    },
  );
  return rows;
}

export function pageTargets(pages: PageMeasurements): IssueTarget[] {
  const { browser, lighthouse, validHtml } = pages;
  const targets: IssueTarget[] = [
    {
      text: `registration page JS ≤ ${PAGE_TARGETS.javascriptKb} kB gzip on load (Chromium, ES modules)`,
      met: browser.onLoad.gzipBytes <= PAGE_TARGETS.javascriptKb * 1000,
      measured: `${kB(browser.onLoad.gzipBytes)} kB; the first submit fetches ${kB(browser.onFirstSubmit.gzipBytes)} kB more`,
    },
    {
      text: "valid HTML: 0 errors from the Nu HTML Checker on every public page, the error states and the manage page",
      met: "error" in validHtml ? null : validHtml.errors.length === 0,
      measured:
        "error" in validHtml ? `not checked: ${validHtml.error}` : `${validHtml.errors.length} errors in ${validHtml.documents} documents`,
    },
  ];
  if ("error" in lighthouse) {
    targets.push({
      text: "Lighthouse mobile: performance ≥ 95, LCP ≤ 2 s, TBT ≤ 200 ms, accessibility 100",
      met: null,
      measured: lighthouse.error,
    });
    return targets;
  }
  const { median } = lighthouse;
  targets.push({
    text: `Lighthouse mobile (median of ${lighthouse.runs.length}): performance ≥ ${PAGE_TARGETS.lighthousePerformance}, LCP ≤ ${PAGE_TARGETS.lcpMs} ms, TBT ≤ ${PAGE_TARGETS.tbtMs} ms, accessibility ${PAGE_TARGETS.lighthouseAccessibility}`,
    met:
      median.performance >= PAGE_TARGETS.lighthousePerformance &&
      median.lcpMs <= PAGE_TARGETS.lcpMs &&
      median.tbtMs <= PAGE_TARGETS.tbtMs &&
      median.accessibility >= PAGE_TARGETS.lighthouseAccessibility,
    measured: `performance ${median.performance}, LCP ${Math.round(median.lcpMs)} ms, TBT ${Math.round(median.tbtMs)} ms, accessibility ${median.accessibility}`,
  });
  return targets;
}
