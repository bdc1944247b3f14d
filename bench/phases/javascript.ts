// Phase 6: what a visitor's browser downloads to run the registration page: every
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
