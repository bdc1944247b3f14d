// The bench counts emails at the SMTP sink per address and per Message-ID (issue 15), so that a
// duplicate and a loss in the same run cannot cancel out in a total.
import { describe, expect, it } from "vitest";
import { countAtSink } from "@/bench/lib/mail.ts";

const message = (to: string, messageId: string) => ({ envelopeTo: [to], parsed: { messageId: `<${messageId}>` } });
const owed = (toAddress: string, messageId: string) => ({ toAddress, messageId: `<${messageId}>` });

describe("countAtSink", () => {
  it("counts nothing off when every owed email arrived once", () => {
    const count = countAtSink([message("a@x.example", "1"), message("b@x.example", "2")], "x.example", [
      owed("a@x.example", "1"),
      owed("b@x.example", "2"),
    ]);
    expect(count).toEqual({ received: 2, repeatedMessageIds: 0, extraForAddress: 0, missing: 0 });
  });

  it("reports one duplicate and one loss when they would cancel out in a total", () => {
    // Two messages arrived and two were owed, but a's arrived twice and b's never.
    const count = countAtSink([message("a@x.example", "1"), message("a@x.example", "1")], "x.example", [
      owed("a@x.example", "1"),
      owed("b@x.example", "2"),
    ]);
    expect(count).toEqual({ received: 2, repeatedMessageIds: 1, extraForAddress: 1, missing: 1 });
  });

  it("sees a duplicate sent under a new Message-ID by the address it reached", () => {
    const count = countAtSink([message("a@x.example", "1"), message("a@x.example", "3")], "x.example", [owed("a@x.example", "1")]);
    expect(count).toMatchObject({ repeatedMessageIds: 0, extraForAddress: 1, missing: 0 });
  });

  it("counts only the run's own domain", () => {
    const count = countAtSink([message("a@other.example", "9")], "x.example", []);
    expect(count).toEqual({ received: 0, repeatedMessageIds: 0, extraForAddress: 0, missing: 0 });
  });
});
