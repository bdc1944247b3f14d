import { html, type SafeHtml } from "@/emails/html.ts";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type RenderedEmail = { subject: string; text: string; html: string };

/** Subjects and other header text must stay on one line whatever went into them. */
export function oneLine(text: string, maxLength = 250): string {
  const flat = text
    .replaceAll(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replaceAll(/\s+/g, " ")
    .trim();
  // Cut by code points, never through the middle of an emoji's surrogate pair.
  return Array.from(flat).slice(0, maxLength).join("");
}

/** Wrap an email body in the shared shell: a heading, the content, and a quiet footer. */
export function emailDocument(options: { title: string; body: SafeHtml; footer: string; lang: string }): string {
  return html`<!doctype html>
<html lang="${options.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${options.title}</title></head>
<body style="margin:0;padding:24px;background:#f3f2f1;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">
<div style="max-width:640px;margin:0 auto;background:#ffffff;padding:24px">
<h1 style="font-size:24px;margin:0 0 16px">${options.title}</h1>
${options.body}
<hr style="border:0;border-top:1px solid #b1b4b6;margin:24px 0 12px">
<p style="font-size:14px;color:#505a5f;margin:0">${options.footer}</p>
</div>
</body>
</html>`.toString();
}

/** Label/value rows as an HTML table and as aligned plain text. */
export function factRows(rows: Array<[string, string | null | undefined]>): { html: SafeHtml; text: string } {
  const present = rows.filter((row): row is [string, string] => Boolean(row[1]));
  return {
    html: html`<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${present.map(
      ([label, value]) =>
        html`<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:bold">${label}</th><td style="padding:4px 0">${value}</td></tr>`,
    )}</table>`,
    text: present.map(([label, value]) => `${label}: ${value}`).join("\n"),
  };
}
