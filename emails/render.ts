// Turns a template (a React element) into the two parts an email carries: the HTML document, and
// a plain-text part made from that same HTML the way react-email's `render(…, { plainText: true })`
// makes it (html-to-text with react-email's selectors), so the two never say different things.
import { createRequire } from "node:module";
import { plainTextSelectors } from "@react-email/components";
import { compile } from "html-to-text";
import type { ReactElement } from "react";
import type { renderToStaticMarkup } from "react-dom/server";
import { oneLine } from "@/emails/one-line.ts";
import type { RenderedEmail } from "@/emails/types.ts";

// The same doctype as react-email's render(): the one email clients (Outlook above all) expect.
const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

// Not react-email's render() itself: it imports react-dom/server, which under the react-server
// condition (the email worker and `npm start` run with it, for `server-only`) is a stub that
// throws, so the worker could not render a notice. Next's own copy of react-dom/server for the
// Node.js runtime loads its own client React whatever the condition; it is the module Next maps
// react-dom/server to on the server, so the web server and the worker render with the same code.
// tests/integration/notices.test.ts runs the real worker process to keep that true.
let staticRenderer: typeof renderToStaticMarkup | undefined;
function renderMarkup(element: ReactElement): string {
  staticRenderer ??= (
    createRequire(import.meta.url)("next/dist/compiled/react-dom/server.node") as { renderToStaticMarkup: typeof renderToStaticMarkup }
  ).renderToStaticMarkup;
  return staticRenderer(element);
}

// The plain-text part must read well on its own: headings as written (not shouted), every link
// as its full URL after its label, the facts table as "label   value" lines, and the usual "--"
// line before the footer. Compiled once: react-email's toPlainText compiles these options for
// every email, which was half the time of rendering one.
const toPlainText = compile({
  wordwrap: false,
  selectors: [
    ...plainTextSelectors,
    { selector: "h1", options: { uppercase: false, leadingLineBreaks: 0 } },
    { selector: "h2", options: { uppercase: false, leadingLineBreaks: 2 } },
    { selector: "a", options: { linkBrackets: false, hideLinkHrefIfSameAsText: true } },
    { selector: "table.facts", format: "dataTable", options: { uppercaseHeaderCells: false, colSpacing: 2, maxColumnWidth: 72 } },
    { selector: "hr", options: { length: 2 } },
  ],
});

/** Render a template: `subject` is flattened to one line; HTML and text come from one render. */
export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const markup = renderMarkup(element);
  return {
    subject: oneLine(subject),
    html: `${DOCTYPE}${markup}`,
    text: toPlainText(markup).trim(),
  };
}
