// Is the production build in .next older than the sources it was built from?
import fs from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "lib",
  "components",
  "emails",
  "messages",
  "i18n",
  "proxy.ts",
  "next.config.ts",
  "prisma/schema.prisma",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
];

function newestModification(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestModification(path.join(entry, child)));
  return newest;
}

export function isBuildCurrent(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestModification(path.join(root, source)) <= builtAt);
}

export function isPrismaClientCurrent(root: string): boolean {
  const client = path.join(root, "generated", "prisma", "client.ts");
  if (!fs.existsSync(client)) return false;
  return fs.statSync(client).mtimeMs >= fs.statSync(path.join(root, "prisma", "schema.prisma")).mtimeMs;
}
