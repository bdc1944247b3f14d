import { describe, expect, it } from "vitest";
import { attachmentDisposition, csvCell, csvRow } from "@/lib/security/csv.ts";

describe("csvCell: RFC 4180 quoting and formula-safe cells (ASVS 5 1.2.10)", () => {
  it.each([
    ['=HYPERLINK("https://evil","x")', `"'=HYPERLINK(""https://evil"",""x"")"`],
    ["+cmd|' /C calc'!A0", `"'+cmd|' /C calc'!A0"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(1)", `"'@SUM(1)"`],
    ["\tTab first", `"'\tTab first"`],
    ["\rCarriage", `"'\rCarriage"`],
    ["\0Null", `"'\0Null"`],
    ["Smith, John", `"Smith, John"`],
    ['He said "hi"', `"He said ""hi"""`],
    ["line\nbreak", `"line\nbreak"`],
    [" padded ", `" padded "`],
    ["Zoë O'Connor", `"Zoë O'Connor"`],
    ["plain", `"plain"`],
    ["", `""`],
  ])("%j → %s", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("quotes every cell, so a separator of any locale (ACME;=2+3) stays inside one text cell", () => {
    // Excel in semicolon locales splits unquoted text on ";": "=2+3" would become a cell of its own,
    // run as a formula. Quoted, the whole value is one cell and the formula guard still applies.
    expect(csvCell("ACME;=2+3")).toBe('"ACME;=2+3"');
    expect(csvCell("ACME\t=2+3")).toBe('"ACME\t=2+3"');
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvRow(["ACME;=2+3", "=1+1", 42])).toBe('"ACME;=2+3","\'=1+1","42"\r\n');
  });

  it("renders null, undefined, numbers and booleans", () => {
    expect(csvRow([null, undefined, 42, true, "x"])).toBe('"","","42","true","x"\r\n');
  });

  it("round-trips through a strict RFC 4180 reader", () => {
    const values = ["a,b", 'q"uote', "multi\nline", "=1+1", "-x", "ok"];
    const line = csvRow(values);
    const parsed: string[] = [];
    let field = "";
    let quoted = false;
    for (let index = 0; index < line.length; index++) {
      const character = line[index];
      if (quoted) {
        if (character === '"' && line[index + 1] === '"') {
          field += '"';
          index++;
        } else if (character === '"') quoted = false;
        else field += character;
      } else if (character === '"') quoted = true;
      else if (character === ",") {
        parsed.push(field);
        field = "";
      } else if (character === "\r" && line[index + 1] === "\n") {
        parsed.push(field);
        break;
      } else field += character;
    }
    expect(parsed).toEqual(["a,b", 'q"uote', "multi\nline", "'=1+1", "'-x", "ok"]);
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII fallback and the UTF-8 name, with no header-breaking characters", () => {
    const header = attachmentDisposition('FG-QIT4N "10"\r\nX-Evil: 1/ü-registrants.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(header.split("''")[1] ?? "")).not.toContain('"');
  });
});
