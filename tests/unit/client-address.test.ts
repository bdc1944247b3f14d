// The address a rate limit counts: one IPv6 client owns a whole /64 (it can pick any address in
// it), and an IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) is that IPv4 client.
import { describe, expect, it } from "vitest";
import { addressBucket, clientAddress, normalizeAddress } from "@/lib/security/client-address.ts";

describe("normalizeAddress", () => {
  it.each<[string, string]>([
    ["203.0.113.7", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:203.0.113.7", "203.0.113.7"],
    ["0:0:0:0:0:ffff:203.0.113.7", "203.0.113.7"],
    ["::ffff:cb00:7107", "203.0.113.7"],
    ["[::ffff:203.0.113.7]:443", "203.0.113.7"],
    ["2001:db8::1", "2001:db8::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:db8::1:0:0:1", "2001:db8::1:0:0:1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:8443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["[fe80::1%25eth0]:80", "fe80::1"],
    ["::1", "::1"],
    ["::", "::"],
    ["1::", "1::"],
    ["::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"],
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
    ["2001:db8::192.0.2.33", "2001:db8::c000:221"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each([
    "unknown",
    "",
    "not an address",
    "1.2.3",
    "256.1.1.1",
    "010.1.1.1",
    "2001:db8:::1",
    "1:2:3:4:5:6:7:8:9",
    "[2001:db8::1",
    "a".repeat(100),
  ])("leaves %j as it is (cut to 64 characters): it is not an IP address", (raw) => {
    expect(normalizeAddress(raw)).toBe(raw.slice(0, 64));
  });
});

describe("addressBucket: what one rate-limit counter stands for", () => {
  it.each<[string, string]>([
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8::/64"],
    ["2001:db8:0:0:8000::1", "2001:db8::/64"],
    ["2001:db8:0:1::1", "2001:db8:0:1::/64"],
    ["::1", "::/64"],
    ["fe80::1", "fe80::/64"],
    ["unknown", "unknown"],
  ])("%s counts as %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });

  it("every address of one /64 is one bucket; the next /64 is another", () => {
    const buckets = new Set(
      ["2001:db8:aa:bb::1", "2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb:ffff::", "2001:0db8:00aa:00bb::9"].map(addressBucket),
    );
    expect([...buckets]).toEqual(["2001:db8:aa:bb::/64"]);
    expect(addressBucket("2001:db8:aa:bc::1")).not.toBe("2001:db8:aa:bb::/64");
  });
});

describe("clientAddress gives the normalized address", () => {
  it.each<[boolean, Record<string, string>, string]>([
    [true, { "x-forwarded-for": "6.6.6.6, ::ffff:198.51.100.20" }, "198.51.100.20"],
    [true, { "x-forwarded-for": "[2001:DB8::7]:4711" }, "2001:db8::7"],
    [false, { "x-forwarded-for": "::ffff:203.0.113.7" }, "203.0.113.7"],
    [false, { "x-real-ip": "fe80::1%eth0" }, "fe80::1"],
  ])("trustProxy=%s %j → %s", (trustProxy, headers, expected) => {
    expect(clientAddress(new Headers(headers), trustProxy)).toBe(expected);
  });
});
