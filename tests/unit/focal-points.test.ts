import { describe, expect, it } from "vitest";
import { EXAMPLE_LIST, MAX_IMPORT_BYTES, parseFocalPointList } from "@/lib/focal-points/import.ts";
import { organizationKey, planImport, registrationScopeKey, scopeKey } from "@/lib/focal-points/rules.ts";
import { focalPointFormSchema } from "@/lib/focal-points/schema.ts";

const HEADER = "email,name,member_state,organization,role";

describe("organizationKey", () => {
  it("matches an organization's name whatever its case, accents, punctuation and trailing legal form", () => {
    expect(organizationKey("Huawei Technologies Co., Ltd.")).toBe("huawei technologies");
    expect(organizationKey("HUAWEI  TECHNOLOGIES")).toBe("huawei technologies");
    expect(organizationKey("Télécom Paris")).toBe(organizationKey("Telecom Paris"));
    expect(organizationKey("AT&T Inc.")).toBe("at and t");
    expect(organizationKey("Ｎｏｋｉａ Oyj")).toBe("nokia oyj");
  });

  it("keeps letters of scripts without case and never empties a name that is only a legal form", () => {
    expect(organizationKey("جامعة القاهرة")).toBe("جامعة القاهرة");
    expect(organizationKey("中国电信")).toBe("中国电信");
    expect(organizationKey("Company")).toBe("company");
    expect(organizationKey("—!")).toBe("");
  });
});

describe("registrationScopeKey", () => {
  it("routes a Member State delegate to their administration, an organization's to it, an individual to nobody", () => {
    expect(registrationScopeKey({ category: "MEMBER_STATE", countryCode: "ke", organization: "Ministry of ICT" })).toBe("ms:KE");
    for (const category of ["SECTOR_MEMBER", "ASSOCIATE", "ACADEMIA"] as const)
      expect(registrationScopeKey({ category, countryCode: "KE", organization: "Safaricom PLC" })).toBe("org:safaricom");
    expect(registrationScopeKey({ category: "INDIVIDUAL", countryCode: "KE", organization: "Safaricom" })).toBeNull();
    expect(registrationScopeKey({ category: "ACADEMIA", countryCode: "KE", organization: null })).toBeNull();
  });
});

describe("parseFocalPointList", () => {
  it("reads a list with a byte-order mark, CRLF lines, upper-case roles and an optional language column", () => {
    const text = `\uFEFF${HEADER},language\r\nDFP@ict.go.ke,Jane Wanjiru,ke,,PRIMARY,fr\r\nbackup@ict.go.ke,John Otieno,KE,,backup,\r\nfp@huawei.com,Li Wei,,Huawei Technologies Co. Ltd,primary,zh\r\n`;
    const parsed = parseFocalPointList(text);
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 2, entry: { email: "dfp@ict.go.ke", name: "Jane Wanjiru", scope: { memberState: "KE" }, role: "PRIMARY", locale: "fr" } },
        { line: 3, entry: { email: "backup@ict.go.ke", name: "John Otieno", scope: { memberState: "KE" }, role: "BACKUP", locale: "en" } },
        {
          line: 4,
          entry: {
            email: "fp@huawei.com",
            name: "Li Wei",
            scope: { organization: "Huawei Technologies Co. Ltd" },
            role: "PRIMARY",
            locale: "zh",
          },
        },
      ],
    });
  });

  it("reads the example the console shows", () => {
    expect(parseFocalPointList(EXAMPLE_LIST)).toMatchObject({ ok: true, rows: [{ line: 2 }, { line: 3 }] });
  });

  it("reads semicolon-separated lists (as spreadsheets in many locales save them)", () => {
    const parsed = parseFocalPointList("email;name;member_state;organization;role\ndfp@ict.go.ke;Jane Wanjiru;KE;;primary\n");
    expect(parsed.ok && parsed.rows[0]?.entry.scope).toEqual({ memberState: "KE" });
  });

  it("reports every bad row with its line and code, and returns no rows at all", () => {
    const text = [
      HEADER,
      "dfp@ict.go.ke,Jane Wanjiru,KE,,primary",
      "not-an-address,Someone,KE,,primary",
      "a@example.org,Someone,KE,Some Org,primary",
      "b@example.org,Someone,,,primary",
      "c@example.org,Someone,XX,,primary",
      "d@example.org,Someone,KE,,chief",
      "e@example.org,,KE,,primary",
      "dfp@ict.go.ke,Jane again,ke,,backup",
    ].join("\n");
    expect(parseFocalPointList(text)).toEqual({
      ok: false,
      errors: [
        { line: 3, code: "email", value: "not-an-address" },
        { line: 4, code: "scope-both" },
        { line: 5, code: "scope-none" },
        { line: 6, code: "member-state", value: "XX" },
        { line: 7, code: "role", value: "chief" },
        { line: 8, code: "name" },
        { line: 9, code: "duplicate", value: "2" },
      ],
    });
  });

  it("refuses a list without the required columns, with an unknown column, with ragged rows, empty or too large", () => {
    expect(parseFocalPointList("email,name,role\nx@example.org,X,primary")).toEqual({
      ok: false,
      errors: [{ line: 1, code: "missing-columns", value: "member_state, organization" }],
    });
    expect(parseFocalPointList(`${HEADER},phone\n`)).toEqual({ ok: false, errors: [{ line: 1, code: "unknown-column", value: "phone" }] });
    expect(parseFocalPointList(`${HEADER}\nx@example.org,X,KE\n`)).toEqual({ ok: false, errors: [{ line: 2, code: "not-csv" }] });
    expect(parseFocalPointList("\uFEFF \n")).toEqual({ ok: false, errors: [{ line: 0, code: "empty" }] });
    expect(parseFocalPointList(`${HEADER}\n`)).toEqual({ ok: false, errors: [{ line: 0, code: "empty" }] });
    expect(parseFocalPointList(`${HEADER}\n${"x".repeat(MAX_IMPORT_BYTES)}`)).toEqual({
      ok: false,
      errors: [{ line: 0, code: "too-large" }],
    });
  });

  it("keeps a formula-looking name as text and refuses names with bidirectional overrides", () => {
    const parsed = parseFocalPointList(
      `${HEADER}\nx@example.org,"=HYPERLINK(""http://evil"")",KE,,primary\ny@example.org,Ev\u202eil,KE,,primary`,
    );
    expect(parsed).toEqual({ ok: false, errors: [{ line: 3, code: "name" }] });
    const formula = parseFocalPointList(`${HEADER}\nx@example.org,"=HYPERLINK(""http://evil"")",KE,,primary`);
    expect(formula.ok && formula.rows[0]?.entry.name).toBe('=HYPERLINK("http://evil")');
  });
});

describe("planImport", () => {
  const existing = [
    { id: "1", email: "dfp@ict.go.ke", name: "Jane Wanjiru", scopeKey: "ms:KE", role: "PRIMARY" as const, locale: "en" },
    { id: "2", email: "old@ict.go.ke", name: "Old", scopeKey: "ms:KE", role: "BACKUP" as const, locale: "en" },
  ];
  it("adds the new, updates the changed, leaves the same and never removes those the list leaves out", () => {
    const entry = (email: string, name: string, role: "PRIMARY" | "BACKUP") => ({
      email,
      name,
      scope: { memberState: "KE" },
      role,
      locale: "en",
    });
    const plan = planImport(existing, [
      { line: 2, entry: entry("dfp@ict.go.ke", "Jane Wanjiru", "PRIMARY") },
      { line: 3, entry: entry("new@ict.go.ke", "New", "BACKUP") },
    ]);
    expect(plan.map((change) => change.change)).toEqual(["unchanged", "add"]);
    const renamed = planImport(existing, [{ line: 2, entry: entry("dfp@ict.go.ke", "Jane W. Wanjiru", "PRIMARY") }]);
    expect(renamed).toEqual([
      {
        change: "update",
        line: 2,
        id: "1",
        entry: entry("dfp@ict.go.ke", "Jane W. Wanjiru", "PRIMARY"),
        before: { name: "Jane Wanjiru", role: "PRIMARY", locale: "en" },
      },
    ]);
    // The same person for another scope is another focal point.
    expect(
      planImport(existing, [{ line: 2, entry: { ...entry("dfp@ict.go.ke", "Jane", "PRIMARY"), scope: { memberState: "UG" } } }])[0]?.change,
    ).toBe("add");
    expect(scopeKey({ organization: "Safaricom PLC" })).toBe("org:safaricom");
  });
});

describe("focalPointFormSchema", () => {
  const form = {
    email: "DFP@ict.go.ke",
    name: "Jane Wanjiru",
    scopeType: "memberState",
    memberState: "ke",
    organization: "ignored",
    aliases: "ignored",
    role: "PRIMARY",
    locale: "en",
    meetings: "all",
    meetingIds: [],
  };
  it("keeps only the scope chosen, and aliases only for an organization", () => {
    expect(focalPointFormSchema.parse(form)).toMatchObject({
      email: "dfp@ict.go.ke",
      scope: { memberState: "KE" },
      aliases: [],
      allMeetings: true,
    });
    const organization = focalPointFormSchema.parse({
      ...form,
      scopeType: "organization",
      organization: "Safaricom PLC",
      aliases: "Safaricom\n\nSafaricom Ltd\nSafaricom",
    });
    expect(organization).toMatchObject({ scope: { organization: "Safaricom PLC" }, aliases: ["Safaricom", "Safaricom Ltd"] });
  });

  it("reports a missing or unknown Member State, and selected meetings with none chosen, on their fields", () => {
    const issues = (input: object) =>
      focalPointFormSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues({ ...form, memberState: "" })).toEqual([["memberState", "memberState.required"]]);
    expect(issues({ ...form, memberState: "XX" })).toEqual([["memberState", "memberState.invalid"]]);
    expect(issues({ ...form, meetings: "selected" })).toEqual([["meetingIds", "meetingIds.required"]]);
  });
});
