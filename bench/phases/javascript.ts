// Phase 6: what a visitor's browser downloads to run the registration page: every
// <script src="/_next/static/…"> of its HTML, fetched and gzipped here (zlib, default level 6,
// as a server compressing on the fly would), so the figure does not depend on how the server
// happens to compress.
import { gzipSync } from "node:zlib";
import { httpRequest } from "../lib/http.ts";

export type ScriptSize = { src: string; rawBytes: number; gzipBytes: number };
export type JavaScriptSize = { page: string; scripts: ScriptSize[]; rawBytes: number; gzipBytes: number; inlineScriptBytes: number };

export async function measurePageJavaScript(baseUrl: string, page: string): Promise<JavaScriptSize> {
  const response = await httpRequest(`${baseUrl}${page}`, { headers: { accept: "text/html" } });
  if (response.status !== 200) throw new Error(`GET ${page} answered ${response.status}`);
  const html = response.body.toString("utf8");
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    const src = match[1]?.replaceAll("&amp;", "&");
    if (src && new URL(src, baseUrl).pathname.startsWith("/_next/static/")) sources.add(src);
  }
  if (sources.size === 0) throw new Error(`no <script src="/_next/static/…"> in ${page}`);
  const scripts: ScriptSize[] = [];
  for (const src of sources) {
    const script = await httpRequest(new URL(src, baseUrl).toString());
    if (script.status !== 200) throw new Error(`GET ${src} answered ${script.status}`);
    scripts.push({ src, rawBytes: script.body.length, gzipBytes: gzipSync(script.body).length });
  }
  // Inline scripts (React's flight data for hydration) are part of the HTML, not counted above;
  // reported so that a shift of code into them would be noticed.
  let inlineScriptBytes = 0;
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g))
    inlineScriptBytes += Buffer.byteLength(match[1] ?? "");
  return {
    page,
    scripts,
    rawBytes: scripts.reduce((total, script) => total + script.rawBytes, 0),
    gzipBytes: scripts.reduce((total, script) => total + script.gzipBytes, 0),
    inlineScriptBytes,
  };
}
