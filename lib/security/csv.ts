// CSV as spreadsheets read it safely: RFC 4180 quoting, and cells that a spreadsheet would run as
// a formula (= + - @ tab CR, ASVS 5 1.2.10) prefixed with a single quote so they stay text.
// Every cell is quoted, not only those with a comma: Excel in semicolon (or tab) locales splits
// unquoted text on its own separator, so "ACME;=2+3" would reach it as a cell "=2+3" and run.

const FORMULA_START = /^[=+\-@\t\r\0]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvRow(values: Array<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** The UTF-8 byte order mark, so that Excel reads the file as UTF-8. */
export const UTF8_BOM = "\uFEFF";

/** A file name for Content-Disposition: ASCII fallback plus the RFC 5987 UTF-8 form. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replaceAll(/[^A-Za-z0-9._-]+/g, "-").replaceAll(/^-+|-+$/g, "") || "export";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.replaceAll(/[\r\n"\\/]/g, "-"))}`;
}
