// The small, self-contained HTML page of answers given before (or outside) the app renders:
// refused cross-site posts, rate limits, damaged links, oversized bodies. Translated, with no
// script or external resource, so it works under any Content-Security-Policy.
import { type Locale, textDirection } from "@/lib/i18n/config.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The page is a string built before React runs: its few translated texts are escaped here. */
function escapeHtml(text: string): string {
  return text.replaceAll(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** The `common.<kind>Title` / `common.<kind>Body` message pairs such a page can show. */
export type PlainPageKind = "refused" | "tooMany" | "badLink" | "tooLarge";

/** `locale`: as the page would have been answered in (chooseLocale in lib/i18n/config.ts). */
export function renderPlainPage(kind: PlainPageKind, locale: Locale): string {
  const t = getTranslator(locale, "common");
  const title = escapeHtml(t(`${kind}Title`));
  const body = escapeHtml(t(`${kind}Body`));
  return `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5"><main><h1>${title}</h1><p>${body}</p><p><a href="/">${escapeHtml(t("home"))}</a></p></main></body></html>`;
}
