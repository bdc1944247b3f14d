// Pure rules of input documents (issue #14): numbers, the deadline on the server's clock, safe
// file names and download headers; and the meeting form's "Input documents" section.
import { describe, expect, it } from "vitest";
import { attachmentHeader, downloadHeaders, formatDocumentNumber, safeFileName, submissionTiming } from "@/lib/documents/rules.ts";
import { documentFormSchema } from "@/lib/documents/schema.ts";
import { meetingInputSchema } from "@/lib/meetings/schema.ts";
import { MEETING_FORM_POST } from "../helpers/factories.ts";

describe("document numbers", () => {
  it("pads to three digits and appends the revision after the first version", () => {
    expect([formatDocumentNumber("QIT4N-I", 1), formatDocumentNumber("QIT4N-I", 1, 1), formatDocumentNumber("QIT4N-I", 1234, 2)]).toEqual([
      "QIT4N-I-001",
      "QIT4N-I-001R1",
      "QIT4N-I-1234R2",
    ]);
  });
});

describe("submission timing", () => {
  const deadline = new Date("2021-11-05T22:59:59.999Z");
  const meeting = (policy: "REFUSE" | "ACCEPT_LATE") => ({ documentDeadline: deadline, documentLatePolicy: policy });
  it("is on time up to and including the deadline's last millisecond, then refused or late by the meeting's policy", () => {
    expect(submissionTiming(meeting("REFUSE"), null, deadline)).toBe("on-time");
    expect(submissionTiming(meeting("REFUSE"), null, new Date(deadline.getTime() + 1))).toBe("closed");
    expect(submissionTiming(meeting("ACCEPT_LATE"), null, new Date(deadline.getTime() + 1))).toBe("late");
  });
  it("counts an exception as on time until its end, and no deadline as always on time", () => {
    const until = new Date(deadline.getTime() + 86_400_000);
    expect(submissionTiming(meeting("REFUSE"), { until }, until)).toBe("on-time");
    expect(submissionTiming(meeting("REFUSE"), { until }, new Date(until.getTime() + 1))).toBe("closed");
    expect(submissionTiming({ documentDeadline: null, documentLatePolicy: "REFUSE" }, null, new Date("2100-01-01"))).toBe("on-time");
  });
});

describe("safe file names", () => {
  it.each([
    ["../../etc/passwd.pdf", "pdf", "passwd.pdf"],
    ["C:\\Users\\ada\\QKD.docx", "docx", "QKD.docx"],
    ["report.pdf", "docx", "report.docx"],
    ["\u202Egpj.exe", "pdf", "gpj.pdf"],
    ["...", "zip", "document.zip"],
    ["", "pdf", "document.pdf"],
    ["a<b>:c|d?.pdf", "pdf", "abcd.pdf"],
  ] as const)("%s as %s → %s", (sent, kind, expected) => {
    expect(safeFileName(sent, kind)).toBe(expected);
  });
});

describe("download headers", () => {
  it("are an attachment with an ASCII fallback and the UTF-8 name (RFC 6266), nosniff and a sandbox", () => {
    expect(attachmentHeader("QIT4N-I-001 Résumé (v2).pdf")).toBe(
      `attachment; filename="QIT4N-I-001-R-sum-v2-.pdf"; filename*=UTF-8''QIT4N-I-001%20R%C3%A9sum%C3%A9%20%28v2%29.pdf`,
    );
    expect(downloadHeaders("a.pdf", "application/pdf", 10)).toMatchObject({
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "content-length": "10",
    });
  });
});

describe("the document form", () => {
  const base = { title: "Use cases", source: "Switzerland", submissionKey: "a".repeat(32) };
  it("refuses control characters and bidi overrides in the title, and keeps line breaks in the abstract as LF", () => {
    const refused = documentFormSchema.safeParse({ ...base, title: "Use\u0000cases" });
    expect(refused.success ? [] : refused.error.issues.map((issue) => issue.message)).toEqual(["title.invalid"]);
    expect(documentFormSchema.parse({ ...base, abstract: "one\r\ntwo" }).abstract).toBe("one\ntwo");
  });
});

describe("the meeting form's input-document settings", () => {
  it("stores the prefix, the largest file in bytes, the late policy and an https template link", () => {
    const parsed = meetingInputSchema.parse({
      ...MEETING_FORM_POST,
      documentSeriesPrefix: " QIT4N-I ",
      documentMaxMegabytes: "10",
      documentLatePolicy: "ACCEPT_LATE",
      documentTemplateUrl: "https://www.itu.int/template.docx",
    });
    expect(parsed).toMatchObject({
      documentSeriesPrefix: "QIT4N-I",
      documentMaxBytes: 10 * 1024 * 1024,
      documentLatePolicy: "ACCEPT_LATE",
      documentTemplateUrl: "https://www.itu.int/template.docx",
    });
    expect(parsed).not.toHaveProperty("documentMaxMegabytes");
  });
  it("defaults to no series, 25 MB and refusing late documents", () => {
    expect(meetingInputSchema.parse(MEETING_FORM_POST)).toMatchObject({
      documentSeriesPrefix: null,
      documentMaxBytes: 25 * 1024 * 1024,
      documentLatePolicy: "REFUSE",
      documentTemplateUrl: null,
    });
  });
  it("refuses a prefix with spaces, more than 50 MB and a link that is not https", () => {
    const result = meetingInputSchema.safeParse({
      ...MEETING_FORM_POST,
      documentSeriesPrefix: "QIT 4N",
      documentMaxMegabytes: "51",
      documentTemplateUrl: "http://example.org/t.docx",
    });
    expect(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)).toEqual([
      "documentSeriesPrefix: documentSeriesPrefix.invalid",
      "documentMaxMegabytes: documentMaxMegabytes.invalid",
      "documentTemplateUrl: documentTemplateUrl.invalid",
    ]);
  });
});
