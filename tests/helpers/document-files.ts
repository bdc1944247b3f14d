// Files for the input-document tests, built in memory: what each allowed type starts with, and
// the bad ones (renamed executables, HTML called .pdf, encrypted files, zip bombs).
import CFB from "cfb";
import yazl from "yazl";

export function pdfBytes(body = "Contribution text", extra = ""): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${body}\ntrailer << /Root 1 0 R ${extra}>>\n%%EOF\n`,
    "latin1",
  );
}

export function zipBytes(entries: Record<string, Buffer | string>, options: { compress?: boolean } = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name, { compress: options.compress ?? true });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream.on("data", (part: Buffer) => parts.push(part));
    zip.outputStream.on("end", () => resolve(Buffer.concat(parts)));
    zip.outputStream.on("error", reject);
  });
}

export const docxBytes = () =>
  zipBytes({ "[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>", "word/document.xml": "<w:document/>" });

/** A ZIP whose entries say they are encrypted (general-purpose flag bit 0, local and central headers). */
export async function encryptedZipBytes(): Promise<Buffer> {
  const bytes = await zipBytes({ "secret.txt": "hidden" });
  for (const [signature, flagOffset] of [
    [0x04034b50, 6],
    [0x02014b50, 8],
  ] as const) {
    for (
      let at = bytes.indexOf(Buffer.from(new Uint32Array([signature]).buffer));
      at >= 0;
      at = bytes.indexOf(Buffer.from(new Uint32Array([signature]).buffer), at + 4)
    ) {
      bytes.writeUInt16LE(bytes.readUInt16LE(at + flagOffset) | 1, at + flagOffset);
    }
  }
  return bytes;
}

/** 40 MB of zeros that deflate to about 40 kB. */
export const zipBombBytes = () => zipBytes({ "zeros.bin": Buffer.alloc(40 * 1024 * 1024) });

const OLE2_HEADER = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ole2 = (streamName: string) => Buffer.concat([OLE2_HEADER, Buffer.alloc(504), Buffer.from(streamName, "utf16le"), Buffer.alloc(512)]);
/**
 * A real (minimal) Word 97–2003 compound file written with `cfb`: a WordDocument stream of 4 kB
 * (kept out of the mini stream) starting with a FIB whose flags word at 0x0A has `fEncrypted`
 * (0x0100) set or not.
 */
export function docBytes(options: { encrypted?: boolean } = {}): Buffer {
  const fib = Buffer.alloc(4096);
  fib.writeUInt16LE(0xa5ec, 0); // wIdent
  fib.writeUInt16LE(0x00c1, 2); // nFib (Word 97)
  fib.writeUInt16LE(0x0200 | (options.encrypted ? 0x0100 : 0), 0x0a); // flags: fWhichTblStm, fEncrypted
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, "/WordDocument", fib);
  CFB.utils.cfb_add(container, "/1Table", Buffer.alloc(4096));
  return Buffer.from(CFB.write(container, { type: "buffer" }) as Uint8Array);
}
/** How Office stores a password-protected docx: an OLE2 file with an EncryptedPackage stream. */
export const encryptedOfficeBytes = () => ole2("EncryptedPackage");
export const exeBytes = () =>
  Buffer.concat([
    Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"),
    Buffer.alloc(200),
    Buffer.from("This program cannot be run in DOS mode."),
  ]);
export const htmlBytes = () => Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

/** An Excel 97 workbook as a compound file: a Workbook stream, no WordDocument. */
export function xls97Bytes(): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, "/Workbook", Buffer.alloc(4096));
  return Buffer.from(CFB.write(container, { type: "buffer" }) as Uint8Array);
}
