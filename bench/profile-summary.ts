// Summarize a V8 CPU profile (`node --cpu-prof`, e.g. from `BENCH_CPU_PROF=1 npm run
// bench:registrations`): the share of self time per package or area of the app, and the top
// functions by self time. Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]
import fs from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };

// The production build's server chunks bundle the app with its libraries; their source maps
// (.next/server/**/*.js.map) say which source file a frame came from.
const sourceMaps = new Map<string, SourceMap | null>();
function originalSource(frame: CallFrame): string | null {
  if (!frame.url.includes("/.next/server/")) return null;
  let map = sourceMaps.get(frame.url);
  if (map === undefined) {
    try {
      const file = frame.url.startsWith("file:") ? fileURLToPath(frame.url) : frame.url;
      map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8")));
    } catch {
      map = null;
    }
    sourceMaps.set(frame.url, map);
  }
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string } | undefined;
  return entry?.originalSource ? decodeURIComponent(entry.originalSource) : null;
}
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Where a frame is: its source file (through the build's source map) and line, shortened. */
function shortPlace(frame: CallFrame): string {
  const original = originalSource(frame);
  const file = (original ?? frame.url).replace(/^.*node_modules\//, "").replace(/^.*?\/(\.next|lib|app|scripts|proxy\.ts)/, "$1");
  return original ? file : `${file}:${frame.lineNumber + 1}`;
}

/** The area a frame belongs to, from its script's path. */
function areaOf(frame: CallFrame): string {
  const url = originalSource(frame) ?? frame.url;
  if (!url) {
    if (frame.functionName === "(idle)") return "(idle)";
    if (frame.functionName === "(garbage collector)") return "(garbage collector)";
    if (frame.functionName === "(program)") return "(program: V8 and native)";
    return "(native)";
  }
  if (url.startsWith("node:")) return "node: core";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) {
    const name = modules[1];
    if (name === "next") {
      if (url.includes("react-dom")) return "next: react-dom (render)";
      if (url.includes("react-server-dom")) return "next: react-server-dom (RSC / action decoding)";
      return "next: server and action machinery";
    }
    return name;
  }
  const inBuild = /\.next\/server\/(.*)$/.exec(url);
  if (inBuild) {
    if (url.includes("chunks")) return ".next/server chunks (bundled app code and libraries)";
    return `.next/server ${inBuild[1]?.split("/")[0] ?? ""}`;
  }
  const inApp = /\/(lib|app|scripts|generated|components|emails)\//.exec(url);
  return inApp ? `app: ${inApp[1]}/` : url;
}

const file = process.argv[2];
if (!file) {
  console.error("usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(process.argv[3] ?? 30) || 30;
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
// PROFILE_FROM_S: leave out the first seconds (the server's start-up: module loading, compiling).
const fromUs = (Number(process.env.PROFILE_FROM_S ?? 0) || 0) * 1e6;
const idleId = profile.nodes.find((node) => node.callFrame.functionName === "(idle)")?.id;
const selfUs = new Map<number, number>();
const busyPerSecond: number[] = [];
let elapsedUs = 0;
for (let index = 0; index < profile.samples.length; index++) {
  const id = profile.samples[index] as number;
  const delta = profile.timeDeltas[index] ?? 0;
  elapsedUs += delta;
  const second = Math.floor(elapsedUs / 1e6);
  if (id !== idleId) busyPerSecond[second] = (busyPerSecond[second] ?? 0) + delta;
  if (elapsedUs < fromUs) continue;
  selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
}
console.log(`busy ms per second of the profile: ${Array.from(busyPerSecond, (us) => Math.round((us ?? 0) / 1000)).join(" ")}`);
const totalUs = [...selfUs.values()].reduce((sum, value) => sum + value, 0);
const idleUs = [...selfUs].filter(([id]) => byId.get(id)?.callFrame.functionName === "(idle)").reduce((sum, [, us]) => sum + us, 0);
const busyUs = totalUs - idleUs;

const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const area = areaOf(node.callFrame);
  areas.set(area, (areas.get(area) ?? 0) + us);
  if (area === "(idle)") continue;
  const where = node.callFrame.url
    ? `${node.callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(\.next|lib|app)\//, "$1/")}:${node.callFrame.lineNumber + 1}`
    : "";
  const key = `${node.callFrame.functionName || "(anonymous)"} ${where}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
}
const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
const share = (us: number) => `${((100 * us) / busyUs).toFixed(1)} %`;
console.log(`profile ${file}: ${ms(totalUs)} sampled, ${ms(busyUs)} not idle (${((100 * busyUs) / totalUs).toFixed(0)} %)\n`);
console.log("| area (self time) | time | share of non-idle |\n| --- | ---: | ---: |");
for (const [area, us] of [...areas].sort((a, b) => b[1] - a[1])) {
  if (area !== "(idle)" && us / busyUs >= 0.005) console.log(`| ${area} | ${ms(us)} | ${share(us)} |`);
}
console.log(`\n| top ${top} functions (self time) | time | share of non-idle |\n| --- | ---: | ---: |`);
for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`| \`${name.replaceAll("|", "\\|")}\` | ${ms(us)} | ${share(us)} |`);
}

// Inclusive time: a sample counts for every area and every named function on its stack (once
// each), so these shares overlap; they say how much of the time was spent under a frame.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const areaInclusive = new Map<string, number>();
const functionInclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  if (byId.get(id)?.callFrame.functionName === "(idle)") continue;
  const seenAreas = new Set<string>();
  const seenFunctions = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame) break;
    seenAreas.add(areaOf(frame));
    if (frame.url) seenFunctions.add(`${frame.functionName || "(anonymous)"} ${shortPlace(frame)}`);
  }
  for (const area of seenAreas) areaInclusive.set(area, (areaInclusive.get(area) ?? 0) + us);
  for (const name of seenFunctions) functionInclusive.set(name, (functionInclusive.get(name) ?? 0) + us);
}
console.log("\n| area (inclusive: under any of its frames) | time | share of non-idle |\n| --- | ---: | ---: |");
for (const [area, us] of [...areaInclusive].sort((a, b) => b[1] - a[1])) {
  if (us / busyUs >= 0.01) console.log(`| ${area} | ${ms(us)} | ${share(us)} |`);
}
const pattern = process.env.PROFILE_FUNCTIONS ? new RegExp(process.env.PROFILE_FUNCTIONS) : null;
console.log(
  `\n| functions (inclusive)${pattern ? ` matching ${pattern}` : `, top ${top}`} | time | share of non-idle |\n| --- | ---: | ---: |`,
);
for (const [name, us] of [...functionInclusive]
  .filter(([name]) => !pattern || pattern.test(name))
  .sort((a, b) => b[1] - a[1])
  .slice(0, pattern ? 200 : top)) {
  console.log(`| \`${name.replaceAll("|", "\\|")}\` | ${ms(us)} | ${share(us)} |`);
}
