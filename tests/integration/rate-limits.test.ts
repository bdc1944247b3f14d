// Per-address rate limits on a real database: the counter a client hits is its IPv4 address or
// its IPv6 /64, however it writes or rotates the address.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addressBucket, clientAddress } from "@/lib/security/client-address.ts";
import { hitRateLimit } from "@/lib/security/rate-limit.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase(4);
});
afterAll(async () => {
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

const RULE = { name: "test", limit: 3, windowMs: 60 * 60 * 1000 };
const NOW = new Date("2026-11-30T10:00:00Z");

/** The bucket proxy.ts counts a request from `forwardedFor` in (behind a trusted proxy). */
function subject(forwardedFor: string): string {
  return addressBucket(clientAddress(new Headers({ "x-forwarded-for": forwardedFor }), true));
}

describe("hitRateLimit with client addresses", () => {
  it("two addresses of one IPv6 /64 share one bucket", async () => {
    const rotating = ["2001:db8:aa:bb::1", "2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb:dead:beef:0:1", "[2001:DB8:AA:BB::9]:443"];
    const verdicts = [];
    for (const address of rotating) verdicts.push(await hitRateLimit(test.db, RULE, subject(address), NOW));
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, true, false]);
    expect(await test.db.rateLimitBucket.findMany({ select: { key: true, hits: true } })).toEqual([
      { key: "test:2001:db8:aa:bb::/64", hits: 4 },
    ]);
  });

  it("a client in the next /64 has its own bucket", async () => {
    for (let index = 0; index < 3; index++) await hitRateLimit(test.db, RULE, subject(`2001:db8:aa:bb::${index + 1}`), NOW);
    expect((await hitRateLimit(test.db, RULE, subject("2001:db8:aa:bc::1"), NOW)).allowed).toBe(true);
    expect((await test.db.rateLimitBucket.findMany({ orderBy: { key: "asc" } })).map((row) => [row.key, row.hits])).toEqual([
      ["test:2001:db8:aa:bb::/64", 3],
      ["test:2001:db8:aa:bc::/64", 1],
    ]);
  });

  it("an IPv4 client counts the same through an IPv4-mapped IPv6 address", async () => {
    for (const address of ["203.0.113.7", "::ffff:203.0.113.7", "::ffff:cb00:7107"])
      await hitRateLimit(test.db, RULE, subject(address), NOW);
    expect((await hitRateLimit(test.db, RULE, subject("203.0.113.7:5555"), NOW)).allowed).toBe(false);
    expect(await test.db.rateLimitBucket.findMany({ select: { key: true, hits: true } })).toEqual([{ key: "test:203.0.113.7", hits: 4 }]);
  });
});
