// Client components get only part of the catalogue (lib/i18n/messages.ts, CLIENT_NAMESPACES):
// a namespace missing there would only show in a browser, as a raw key. This test reads every
// "use client" module under app/ and components/, and every component they import (those run in
// the browser too), and holds each useTranslations("…") to the namespaces its layout passes: the
// console's (app/admin, components/admin) or the public ones.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, CONSOLE_CLIENT_NAMESPACES } from "@/lib/i18n/messages.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(ROOT, directory)).flatMap((name) => {
    const relative = path.join(directory, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(name) ? [relative] : [];
  });
}

const clientRoots = ["app", "components"]
  .flatMap(sourceFiles)
  .filter((file) => /^\s*(?:\/\/[^\n]*\n\s*)*["']use client["']/.test(readFileSync(path.join(ROOT, file), "utf8")));

const isConsole = (file: string) => file.startsWith(path.join("app", "admin")) || file.startsWith(path.join("components", "admin"));

/** The components a module imports through "@/components/…", followed to the end. */
function withImports(roots: readonly string[]): string[] {
  const seen = new Set(roots);
  const queue = [...roots];
  for (let file = queue.shift(); file; file = queue.shift()) {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    for (const [, target] of source.matchAll(/from\s+["']@\/(components\/[^"']+\.tsx?)["']/g)) {
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen];
}

// A component the public pages' client code reaches gets the public namespaces, even if the console uses it too.
const publicModules = new Set(withImports(clientRoots.filter((file) => !isConsole(file))));
const clientModules = [...new Set([...publicModules, ...withImports(clientRoots.filter(isConsole))])].sort();

describe("client components read only the namespaces their layout passes", () => {
  it("finds the client components (the registration form among them) and what they import (the meeting form's reminders)", () => {
    expect(clientModules).toContain(path.join("components", "registration", "registration-form.tsx"));
    expect(clientModules).toContain(path.join("components", "admin", "reminder-choices.tsx"));
  });

  it.each(clientModules)("%s", (file) => {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const passed: readonly string[] = publicModules.has(file) ? CLIENT_NAMESPACES : CONSOLE_CLIENT_NAMESPACES;
    // useTranslations() without a namespace would need the whole catalogue.
    expect(source).not.toMatch(/useTranslations\(\s*\)/);
    const used = [...source.matchAll(/useTranslations\(\s*["']([^"'.]+)/g)].map((match) => match[1]);
    expect(used.filter((namespace) => !passed.includes(namespace ?? ""))).toEqual([]);
  });
});
