import { describe, expect, it } from "vitest";
import { MASK, maskSecrets } from "@/lib/audit/mask.ts";

describe("maskSecrets", () => {
  it("replaces the whole value of credential fields, at any depth", () => {
    expect(maskSecrets({ connectionPasscode: "s3cret", nested: { connectionJoinUrl: "https://meet.example.org/j/1" } })).toEqual({
      connectionPasscode: MASK,
      nested: { connectionJoinUrl: MASK },
    });
  });

  it("keeps an empty or missing credential field as it is, so 'removed' still reads as removed", () => {
    expect(maskSecrets({ connectionPasscode: null, passcode: "" })).toEqual({ connectionPasscode: null, passcode: "" });
  });

  it("masks a passcode carried in a link's query in any text field, keeping the rest of the link", () => {
    expect(maskSecrets({ connectionNotes: "Use https://zoom.us/j/123?pwd=AbC123xyz&uname=x or call" })).toEqual({
      connectionNotes: `Use https://zoom.us/j/123?pwd=${MASK}&uname=x or call`,
    });
    for (const name of ["passcode", "password", "PWD", "token", "tk", "key"]) {
      expect(maskSecrets(`https://example.org/a?x=1&${name}=value-1`)).toBe(`https://example.org/a?x=1&${name}=${MASK}`);
    }
  });

  it("masks Quorum's own manage and join links", () => {
    const token = "A".repeat(43);
    expect(maskSecrets(`see https://register.example.org/manage/${token} now`)).toBe(`see https://register.example.org/manage/${MASK} now`);
    expect(maskSecrets([`/join/${token}`])).toEqual([`/join/${MASK}`]);
  });

  it("leaves ordinary values alone", () => {
    const value = { title: "FG-QIT4N-10", capacity: 100, eligibleCategories: ["ACADEMIA"], homePageUrl: "https://itu.int/go/fg?lang=en" };
    expect(maskSecrets(value)).toEqual(value);
  });
});
