// Phase 6: what a visitor's browser downloads to run the registration page. measureBrowserJavaScript
// (Chromium, below) is the figure the target is judged on; measurePageJavaScript lists every
// <script src="/_next/static/…"> of its HTML, fetched and gzipped here (zlib, default level 6,
// as a server compressing on the fly would), so the figure does not depend on how the server
// happens to compress.
import { gzipSync } from "node:zlib";
import { httpRequest } from "../lib/http.ts";

export type ScriptSize = { src: string; noModule: boolean; rawBytes: number; gzipBytes: number };
export type JavaScriptSize = {
  page: string;
  scripts: ScriptSize[];
  rawBytes: number;
  /** Every <script src>, as the issue counts it. */
  gzipBytes: number;
  /** Without `noModule` scripts (legacy polyfills), which browsers with ES modules never download. */
  gzipBytesModuleBrowsers: number;
  inlineScriptBytes: number;
};

export async function measurePageJavaScript(baseUrl: string, page: string): Promise<JavaScriptSize> {
  const response = await httpRequest(`${baseUrl}${page}`, { headers: { accept: "text/html" } });
  if (response.status !== 200) throw new Error(`GET ${page} answered ${response.status}`);
  const html = response.body.toString("utf8");
  const sources = new Map<string, { noModule: boolean }>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    const src = match[1]?.replaceAll("&amp;", "&");
    if (src && new URL(src, baseUrl).pathname.startsWith("/_next/static/")) sources.set(src, { noModule: /\bnomodule\b/i.test(match[0]) });
  }
  if (sources.size === 0) throw new Error(`no <script src="/_next/static/…"> in ${page}`);
  const scripts: ScriptSize[] = [];
  for (const [src, { noModule }] of sources) {
    const script = await httpRequest(new URL(src, baseUrl).toString());
    if (script.status !== 200) throw new Error(`GET ${src} answered ${script.status}`);
    scripts.push({ src, noModule, rawBytes: script.body.length, gzipBytes: gzipSync(script.body).length });
  }
  // Inline scripts (React's flight data for hydration) are part of the HTML, not counted above;
  // reported so that a shift of code into them would be noticed.
  let inlineScriptBytes = 0;
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g))
    inlineScriptBytes += Buffer.byteLength(match[1] ?? "");
  const sum = (list: ScriptSize[], key: "rawBytes" | "gzipBytes") => list.reduce((total, script) => total + script[key], 0);
  return {
    page,
    scripts,
    rawBytes: sum(scripts, "rawBytes"),
    gzipBytes: sum(scripts, "gzipBytes"),
    gzipBytesModuleBrowsers: sum(
      scripts.filter((script) => !script.noModule),
      "gzipBytes",
    ),
    inlineScriptBytes,
  };
}

export type BrowserJavaScript = {
  page: string;
  /** Every script Chromium fetched while loading the page, until the network was idle. */
  onLoad: { scripts: Array<{ path: string; rawBytes: number; gzipBytes: number }>; rawBytes: number; gzipBytes: number };
  /** What the first submit of the empty form fetched beyond that (the schema, loaded on demand). */
  onFirstSubmit: { scripts: Array<{ path: string; rawBytes: number; gzipBytes: number }>; rawBytes: number; gzipBytes: number };
};

/**
 * What a browser with ES modules really downloads for the registration page: Chromium (Debian's,
 * as the browser tests use) loads it, and every script response's body is gzipped here as above.
 * This counts the chunks a page loads after its HTML (the bundler may load a page's own code that
 * way), and leaves out `noModule` scripts, which such a browser never fetches. Then the form is
 * submitted empty once, and what that fetched is reported apart.
 */
export async function measureBrowserJavaScript(baseUrl: string, page: string): Promise<BrowserJavaScript> {
  const { chromium } = await import("@playwright/test");
  const { CHROMIUM_ARGS } = await import("../../playwright.config.ts");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage();
    const fetched: Array<Promise<{ path: string; rawBytes: number; gzipBytes: number }>> = [];
    tab.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      const path = new URL(response.url()).pathname;
      fetched.push(response.body().then((body) => ({ path, rawBytes: body.length, gzipBytes: gzipSync(body).length })));
    });
    const answer = await tab.goto(`${baseUrl}${page}`, { waitUntil: "networkidle" });
    if (answer?.status() !== 200) throw new Error(`GET ${page} answered ${answer?.status()} in Chromium`);
    const onLoad = await Promise.all(fetched);
    const loadedCount = onLoad.length;
    await tab.locator("main form button[type=submit]").click();
    await tab.locator(".error-summary").waitFor({ timeout: 30_000 });
    await tab.waitForLoadState("networkidle");
    const onFirstSubmit = (await Promise.all(fetched)).slice(loadedCount);
    const total = (scripts: typeof onLoad) => ({
      scripts,
      rawBytes: scripts.reduce((sum, script) => sum + script.rawBytes, 0),
      gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
    });
    return { page, onLoad: total(onLoad), onFirstSubmit: total(onFirstSubmit) };
  } finally {
    await browser.close();
  }
}
