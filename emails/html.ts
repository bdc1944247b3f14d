// A tiny HTML builder for emails: every interpolated value is escaped unless it was itself built
// by `html` (or explicitly marked safe), so registrant-typed text can never become markup.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

type Interpolation = SafeHtml | string | number | null | undefined | false | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Plain text with line breaks kept, for multi-line organizer text in the HTML part. */
export function multiline(text: string): SafeHtml {
  return new SafeHtml(escapeHtml(text).replaceAll(/\r?\n/g, "<br>"));
}

/** A link whose target is known to be safe (http/https only); anything else renders as text. */
export function link(href: string, label: string): SafeHtml {
  if (!/^https?:\/\//i.test(href)) return new SafeHtml(escapeHtml(label));
  return html`<a href="${href}" style="color:#1d70b8">${label}</a>`;
}
