// The embedded PostgreSQL (PGlite behind pglite-socket) under concurrent clients: every
// parameterised query gets its own answer, and transactions stay whole.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded.ts";

let embedded: EmbeddedDatabase;
let pools: pg.Pool[];

beforeAll(async () => {
  embedded = await startEmbeddedDatabase("memory://", 0);
  pools = [new pg.Pool({ connectionString: embedded.url, max: 10 }), new pg.Pool({ connectionString: embedded.url, max: 10 })];
  await pools[0]?.query("CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)");
  await pools[0]?.query("INSERT INTO counter VALUES (1, 0)");
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await embedded.stop();
});

describe("embedded PostgreSQL with many connections", () => {
  it("600 concurrent parameterised queries from two pools each get their own answer", async () => {
    const results = await Promise.all(
      Array.from({ length: 600 }, async (_, index) => {
        const pool = pools[index % 2] as pg.Pool;
        const { rows } = await pool.query<{ n: number; s: string }>("SELECT $1::int AS n, $2::text AS s", [index, `value-${index}`]);
        return rows[0]?.n === index && rows[0]?.s === `value-${index}`;
      }),
    );
    expect(results.every(Boolean)).toBe(true);
  });

  it("concurrent read-modify-write transactions with row locks lose no update", async () => {
    await Promise.all(
      Array.from({ length: 40 }, async (_, index) => {
        const client = await (pools[index % 2] as pg.Pool).connect();
        try {
          await client.query("BEGIN");
          const { rows } = await client.query<{ value: number }>("SELECT value FROM counter WHERE id = $1 FOR UPDATE", [1]);
          await client.query("UPDATE counter SET value = $1 WHERE id = $2", [(rows[0]?.value ?? 0) + 1, 1]);
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await (pools[0] as pg.Pool).query<{ value: number }>("SELECT value FROM counter WHERE id = 1");
    expect(rows[0]?.value).toBe(40);
  });
});

// Raw wire-protocol client: lets a test pause between Bind and Execute, as a busy client may.
function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstring = (text: string) => Buffer.from(`${text}\0`, "utf8");
const int16 = (value: number) => Buffer.from([(value >> 8) & 0xff, value & 0xff]);
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};

async function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const net = await import("node:net");
  const socket = net.connect(Number(port), hostname);
  let received = Buffer.alloc(0);
  socket.on("data", (chunk) => {
    received = Buffer.concat([received, chunk]);
  });
  const waitFor = async (predicate: (data: Buffer) => boolean) => {
    const deadline = Date.now() + 5000;
    while (!predicate(received) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    return received;
  };
  await new Promise((resolve) => socket.once("connect", resolve));
  const startup = Buffer.concat([
    int32(196608),
    cstring("user"),
    cstring("postgres"),
    cstring("database"),
    cstring("postgres"),
    Buffer.from([0]),
  ]);
  socket.write(Buffer.concat([int32(startup.length + 4), startup]));
  await waitFor((data) => data.includes(Buffer.from("Z\0\0\0\x05", "latin1")));
  received = Buffer.alloc(0);
  return {
    send: (buffer: Buffer) => socket.write(buffer),
    readUntilReady: () => waitFor((data) => data.includes(Buffer.from("Z\0\0\0\x05", "latin1"))),
    close: () => socket.end(),
  };
}

const parse = (sql: string) => message("P", Buffer.concat([cstring(""), cstring(sql), int16(0)]));
const bind = (value: string) =>
  message(
    "B",
    Buffer.concat([cstring(""), cstring(""), int16(0), int16(1), int32(Buffer.byteLength(value)), Buffer.from(value), int16(0)]),
  );
const execute = () => message("E", Buffer.concat([cstring(""), int32(0)]));
const sync = () => message("S", Buffer.alloc(0));

describe("the embedded server keeps one client's extended query together", () => {
  it("a second client's query waits until the first one's Sync, instead of replacing its portal", async () => {
    const first = await rawConnection(embedded.url);
    const second = await rawConnection(embedded.url);
    first.send(Buffer.concat([parse("SELECT $1::text AS who"), bind("first")]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    second.send(Buffer.concat([parse("SELECT $1::text AS who"), bind("second"), execute(), sync()]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.send(Buffer.concat([execute(), sync()]));
    const [firstAnswer, secondAnswer] = await Promise.all([first.readUntilReady(), second.readUntilReady()]);
    first.close();
    second.close();
    // An ErrorResponse starts with "E"; "portal does not exist" is what the unpatched server says.
    expect(firstAnswer.toString("latin1")).not.toContain("does not exist");
    expect(firstAnswer.toString("latin1")).toContain("first");
    expect(secondAnswer.toString("latin1")).toContain("second");
  });
});
