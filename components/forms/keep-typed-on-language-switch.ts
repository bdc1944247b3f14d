"use client";
// Switching language reloads the page in the new language (the switcher's links are plain links,
// so that they work without JavaScript): what was typed would be lost. With JavaScript, a click
// on a language link keeps the form's values in this tab's sessionStorage for the next page to
// put back, once, within ten minutes; then they are deleted. Without JavaScript nothing is kept
// ("where the platform allows"). Hidden fields named in `skip` (one-time keys, the honeypot) are
// never kept.
import { type RefObject, useEffect } from "react";

const PREFIX = "quorum:typed:";
const MAX_AGE_MS = 10 * 60_000;

type Kept = { at: number; values: Record<string, string> };

function storageKey(): string {
  return `${PREFIX}${window.location.pathname}`;
}

/** Values kept by a language switch on this page, taken out of storage (so used once). */
function takeKept(): Record<string, string> | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey());
    if (raw === null) return null;
    window.sessionStorage.removeItem(storageKey());
    const kept = JSON.parse(raw) as Partial<Kept>;
    if (typeof kept.at !== "number" || Date.now() - kept.at > MAX_AGE_MS || typeof kept.values !== "object" || kept.values === null)
      return null;
    return Object.fromEntries(Object.entries(kept.values).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return null; // storage refused (private mode, quota): nothing is kept, nothing breaks
  }
}

export function useKeepTypedOnLanguageSwitch(
  formRef: RefObject<HTMLFormElement | null>,
  restore: (values: Record<string, string>) => void,
  skip: readonly string[],
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per page; restore and skip are read then
  useEffect(() => {
    const kept = takeKept();
    if (kept) restore(kept);
    const keep = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[hreflang]") : null;
      const form = formRef.current;
      if (!link || !form) return;
      const values: Record<string, string> = {};
      for (const [name, value] of new FormData(form))
        if (typeof value === "string" && value !== "" && !skip.includes(name)) values[name] = value;
      try {
        window.sessionStorage.setItem(storageKey(), JSON.stringify({ at: Date.now(), values } satisfies Kept));
      } catch {
        // storage refused: the switch goes ahead without the values
      }
    };
    document.addEventListener("click", keep);
    return () => document.removeEventListener("click", keep);
  }, []);
}
