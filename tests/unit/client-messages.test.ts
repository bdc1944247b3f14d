// Client components get only part of the catalogue (lib/i18n/messages.ts, CLIENT_NAMESPACES):
// a namespace missing there would only show in a browser, as a raw key. This test reads every
// "use client" module under app/ and components/ and holds each useTranslations("…") to the
// namespaces its layout passes: the console's (app/admin, components/admin) or the public ones.
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

const clientModules = ["app", "components"]
  .flatMap(sourceFiles)
  .filter((file) => /^\s*(?:\/\/[^\n]*\n\s*)*["']use client["']/.test(readFileSync(path.join(ROOT, file), "utf8")));

describe("client components read only the namespaces their layout passes", () => {
  it("finds the client components (the registration form among them)", () => {
    expect(clientModules).toContain(path.join("components", "registration", "registration-form.tsx"));
  });

  it.each(clientModules)("%s", (file) => {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const console = file.startsWith(path.join("app", "admin")) || file.startsWith(path.join("components", "admin"));
    const passed: readonly string[] = console ? CONSOLE_CLIENT_NAMESPACES : CLIENT_NAMESPACES;
    // useTranslations() without a namespace would need the whole catalogue.
    expect(source).not.toMatch(/useTranslations\(\s*\)/);
    const used = [...source.matchAll(/useTranslations\(\s*["']([^"'.]+)/g)].map((match) => match[1]);
    expect(used.filter((namespace) => !passed.includes(namespace ?? ""))).toEqual([]);
  });
});
