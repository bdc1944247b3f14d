import "server-only";
// Spreadsheets as organizers download them (the list of participants, the input documents): an
// XLSX workbook of one sheet, written with exceljs's streaming writer (each row committed as it is
// written, so memory does not grow with a model of the whole sheet). Every cell is a string value,
// never a formula: a name like "=HYPERLINK(…)" is stored as text (a shared string, t="s", no `<f>`
// element) and shows as typed; only a { formula } value would become one. The header row is bold
// and frozen.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

export async function xlsxSheet(
  rows: string[][],
  options: {
    /** The sheet's tab name (characters Excel refuses are replaced; at most 31 kept). */
    sheetName: string;
    /** Used when nothing is left of `sheetName`. */
    fallbackName: string;
    /** Width of each column, in characters. */
    columnWidth: (index: number) => number;
    /** How it prints, e.g. A4 landscape, one page wide. */
    pageSetup?: Partial<ExcelJS.PageSetup>;
  },
): Promise<Uint8Array<ArrayBuffer>> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: true });
  workbook.creator = "Quorum";
  const sheet = workbook.addWorksheet(options.sheetName.replaceAll(/[\\/?*[\]:]/g, " ").slice(0, 31) || options.fallbackName, {
    ...(options.pageSetup ? { pageSetup: options.pageSetup } : {}),
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = (rows[0] ?? []).map((_, index) => ({ width: options.columnWidth(index) }));
  rows.forEach((values, index) => {
    const row = sheet.addRow(values);
    if (index === 0) row.font = { bold: true };
    row.commit();
  });
  sheet.commit();
  await workbook.commit();
  await finished;
  const bytes = Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}
