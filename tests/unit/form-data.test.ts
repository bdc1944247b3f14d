// Reading posted forms: only owned fields, duplicates reported, files ignored, no prototype games.
import { describe, expect, it } from "vitest";
import { readFormFields } from "@/lib/forms/form-data.ts";
import { REGISTRATION_FIELDS } from "@/lib/registration/fields.ts";
import { registrationInputSchema } from "@/lib/registration/schema.ts";

const FIELDS = ["email", "givenName", "familyName"] as const;

function formData(entries: Array<[string, string | Blob]>): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("readFormFields: only the fields the form owns are read", () => {
  it("returns the owned fields and nothing else", () => {
    const { values, duplicated } = readFormFields(
      formData([
        ["email", "ada@example.org"],
        ["givenName", "Ada"],
        ["familyName", "Lovelace"],
        ["status", "CONFIRMED"],
        ["meetingId", "another-meeting"],
        ["role", "organizer"],
        ["id", "1"],
        ["createdAt", "2000-01-01"],
      ]),
      FIELDS,
    );
    expect({ ...values }).toEqual({ email: "ada@example.org", givenName: "Ada", familyName: "Lovelace" });
    expect(Object.keys(values).sort()).toEqual(["email", "familyName", "givenName"]);
    expect(duplicated).toEqual([]);
  });

  it("leaves a missing field absent and keeps an empty one as an empty string", () => {
    const { values } = readFormFields(formData([["email", ""]]), FIELDS);
    expect(Object.keys(values)).toEqual(["email"]);
    expect(values.email).toBe("");
    expect(values.givenName).toBeUndefined();
    expect("givenName" in values).toBe(false);
  });

  it("keeps values verbatim (no trimming or decoding)", () => {
    const raw = "  <b>Ada</b>\r\n%41&amp; ";
    expect(readFormFields(formData([["givenName", raw]]), FIELDS).values.givenName).toBe(raw);
  });

  it("reads 10,000 extra fields without leaking any of them into the result", () => {
    const data = formData([["email", "ada@example.org"]]);
    for (let index = 0; index < 10_000; index++) data.append(`extra${index}`, `value${index}`);
    const { values, duplicated } = readFormFields(data, FIELDS);
    expect(Object.keys(values)).toEqual(["email"]);
    expect(values.email).toBe("ada@example.org");
    expect(duplicated).toEqual([]);
  });
});

describe("readFormFields: duplicated fields (parameter pollution)", () => {
  it("reports email=a&email=b as a duplicate", () => {
    const { values, duplicated } = readFormFields(
      formData([
        ["email", "a@example.org"],
        ["email", "b@example.org"],
        ["givenName", "Ada"],
      ]),
      FIELDS,
    );
    expect(duplicated).toEqual(["email"]);
    expect(values.givenName).toBe("Ada");
  });

  it("reports every duplicated field, in the order of the field list", () => {
    const { duplicated } = readFormFields(
      formData([
        ["familyName", "A"],
        ["email", "a@example.org"],
        ["familyName", "B"],
        ["email", "b@example.org"],
        ["givenName", "Ada"],
      ]),
      FIELDS,
    );
    expect(duplicated).toEqual(["email", "familyName"]);
  });

  it("reports a field sent 10,000 times once", () => {
    const data = new FormData();
    for (let index = 0; index < 10_000; index++) data.append("email", `a${index}@example.org`);
    expect(readFormFields(data, FIELDS).duplicated).toEqual(["email"]);
  });

  it("does not report duplicates of fields it does not own", () => {
    const { duplicated } = readFormFields(
      formData([
        ["status", "a"],
        ["status", "b"],
      ]),
      FIELDS,
    );
    expect(duplicated).toEqual([]);
  });
});

describe("readFormFields: file uploads", () => {
  it("ignores a File sent where a text field is expected", () => {
    const { values, duplicated } = readFormFields(
      formData([["givenName", new File(["<script>"], "name.html", { type: "text/html" })]]),
      FIELDS,
    );
    expect(values.givenName).toBeUndefined();
    expect(Object.keys(values)).toEqual([]);
    expect(duplicated).toEqual([]);
  });

  it("ignores a Blob sent as a file and still reports it mixed with text as a duplicate", () => {
    const { values, duplicated } = readFormFields(
      formData([
        ["email", new Blob(["a@example.org"])],
        ["email", "b@example.org"],
      ]),
      FIELDS,
    );
    expect(values.email).toBeUndefined();
    expect(duplicated).toEqual(["email"]);
  });
});

describe("readFormFields: prototype-pollution field names", () => {
  it("ignores __proto__, __proto__[x] and constructor[prototype][x] fields", () => {
    const { values } = readFormFields(
      formData([
        ["__proto__", "polluted"],
        ["__proto__[polluted]", "1"],
        ["constructor[prototype][polluted]", "1"],
        ["constructor", "x"],
        ["email", "ada@example.org"],
      ]),
      FIELDS,
    );
    expect(Object.keys(values)).toEqual(["email"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
  });

  it("stores even a field named __proto__ as plain data when a form owns it", () => {
    const { values } = readFormFields(formData([["__proto__", "polluted"]]), ["__proto__"] as const);
    expect(Object.hasOwn(values, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(values, "__proto__")?.value).toBe("polluted");
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("readFormFields with the registration schema", () => {
  it("produces values the registration schema accepts, without the extra fields", () => {
    const { values, duplicated } = readFormFields(
      formData([
        ["email", "Ada@Example.ORG"],
        ["givenName", "Ada"],
        ["familyName", "Lovelace"],
        ["category", "INDIVIDUAL"],
        ["country", "ch"],
        ["privacyAccepted", "yes"],
        ["needsCaptioning", "yes"],
        ["status", "CONFIRMED"],
        ["__proto__[status]", "CONFIRMED"],
      ]),
      REGISTRATION_FIELDS,
    );
    expect(duplicated).toEqual([]);
    const parsed = registrationInputSchema.safeParse(values);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ email: "ada@example.org", country: "CH", needsCaptioning: true, privacyAccepted: true });
    expect(Object.hasOwn(parsed.data ?? {}, "status")).toBe(false);
  });
});
