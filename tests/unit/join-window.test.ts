import { describe, expect, it } from "vitest";
import { decideJoin, isForwardableUrl, joinWindow } from "@/lib/attendance/rules.ts";

const startsAt = new Date("2027-03-14T13:00:00Z");
const endsAt = new Date("2027-03-14T16:00:00Z");
const meeting = { startsAt, endsAt, joinOpensMinutesBefore: 30, connectionJoinUrl: "https://meet.example.org/j/123" };
const minutes = (count: number) => count * 60_000;
const at = (offsetMs: number) => new Date(startsAt.getTime() + offsetMs);
const confirmed = { revoked: false, erased: false, status: "CONFIRMED" as const, meeting };

describe("joinWindow", () => {
  it("is 'before' until 30 minutes before the start, and says when it opens", () => {
    expect(joinWindow(meeting, at(-minutes(31)))).toEqual({ state: "before", opensAt: at(-minutes(30)), startsAt });
    expect(joinWindow(meeting, at(-minutes(30) - 1)).state).toBe("before");
  });

  it("is 'open' from exactly 30 minutes before the start until just before the end", () => {
    expect(joinWindow(meeting, at(-minutes(30)))).toEqual({ state: "open", closesAt: endsAt, sessionId: null });
    expect(joinWindow(meeting, at(minutes(60))).state).toBe("open");
    expect(joinWindow(meeting, new Date(endsAt.getTime() - 1)).state).toBe("open");
  });

  it("is 'after' from the end of the meeting", () => {
    expect(joinWindow(meeting, endsAt)).toEqual({ state: "after" });
    expect(joinWindow(meeting, new Date(endsAt.getTime() + minutes(1))).state).toBe("after");
  });

  it("opens as many minutes before the start as the meeting says", () => {
    const early = { ...meeting, joinOpensMinutesBefore: 120 };
    expect(joinWindow(early, at(-minutes(90))).state).toBe("open");
    expect(joinWindow(early, at(-minutes(121))).state).toBe("before");
    const onTime = { ...meeting, joinOpensMinutesBefore: 0 };
    expect(joinWindow(onTime, at(-1))).toEqual({ state: "before", opensAt: startsAt, startsAt });
    expect(joinWindow(onTime, startsAt).state).toBe("open");
  });

  it("keeps a stored value outside 0..1440 minutes within that range", () => {
    expect(joinWindow({ ...meeting, joinOpensMinutesBefore: -60 }, at(-1)).state).toBe("before");
    expect(joinWindow({ ...meeting, joinOpensMinutesBefore: 100_000 }, at(-minutes(24 * 60 + 1))).state).toBe("before");
  });
});

describe("joinWindow with sessions", () => {
  // Two daily slots, 13:00–16:00 UTC on the 14th and the 15th.
  const day = minutes(24 * 60);
  const first = { id: "first", startsAt, endsAt };
  const second = { id: "second", startsAt: new Date(startsAt.getTime() + day), endsAt: new Date(endsAt.getTime() + day) };
  // Given out of order: the rules sort them.
  const sessions = { ...meeting, endsAt: second.endsAt, sessions: [second, first] };

  it("opens 30 minutes before each session and says which session it forwards into", () => {
    expect(joinWindow(sessions, at(-minutes(30)))).toEqual({ state: "open", closesAt: endsAt, sessionId: "first" });
    expect(joinWindow(sessions, at(day - minutes(30)))).toEqual({ state: "open", closesAt: second.endsAt, sessionId: "second" });
  });

  it("closes between sessions and tells when the next one opens", () => {
    expect(joinWindow(sessions, endsAt)).toEqual({ state: "before", opensAt: at(day - minutes(30)), startsAt: second.startsAt });
    expect(joinWindow(sessions, at(day - minutes(31))).state).toBe("before");
  });

  it("is 'after' only from the end of the last session", () => {
    expect(joinWindow(sessions, new Date(second.endsAt.getTime() - 1)).state).toBe("open");
    expect(joinWindow(sessions, second.endsAt)).toEqual({ state: "after" });
  });

  it("forwards into the session under way and records which", () => {
    expect(decideJoin({ ...confirmed, meeting: sessions }, at(day + minutes(5)))).toEqual({
      outcome: "forward",
      url: "https://meet.example.org/j/123",
      sessionId: "second",
    });
  });
});

describe("decideJoin", () => {
  it("forwards a confirmed registration inside the window to the platform link", () => {
    expect(decideJoin(confirmed, at(-minutes(10)))).toEqual({ outcome: "forward", url: "https://meet.example.org/j/123", sessionId: null });
  });

  it("tells a confirmed registration to wait before the window, and that it ended after", () => {
    expect(decideJoin(confirmed, at(-minutes(45)))).toEqual({ outcome: "wait", opensAt: at(-minutes(30)), startsAt });
    expect(decideJoin(confirmed, endsAt)).toEqual({ outcome: "ended" });
  });

  it("refuses, inside the window, an unknown or revoked link and a withdrawn, rejected, pending or erased registration", () => {
    const during = at(minutes(5));
    expect(decideJoin(null, during)).toEqual({ outcome: "refused" });
    expect(decideJoin({ ...confirmed, revoked: true }, during)).toEqual({ outcome: "refused" });
    expect(decideJoin({ ...confirmed, erased: true }, during)).toEqual({ outcome: "refused" });
    for (const status of ["WITHDRAWN", "REJECTED", "PENDING"] as const)
      expect(decideJoin({ ...confirmed, status }, during)).toEqual({ outcome: "refused" });
  });

  it("refuses a withdrawn registration before the window too, without telling when it opens", () => {
    expect(decideJoin({ ...confirmed, status: "WITHDRAWN" }, at(-minutes(45)))).toEqual({ outcome: "refused" });
  });

  it("never forwards to a platform link that is missing or not http(s)", () => {
    for (const connectionJoinUrl of [null, "javascript:alert(1)", "data:text/html,x", "//meet.example.org/j/1", "not a url"])
      expect(decideJoin({ ...confirmed, meeting: { ...meeting, connectionJoinUrl } }, at(minutes(5)))).toEqual({
        outcome: "no-platform-link",
      });
  });
});

describe("isForwardableUrl", () => {
  it("accepts absolute http and https links only", () => {
    expect(isForwardableUrl("https://meet.example.org/j/1")).toBe(true);
    expect(isForwardableUrl("http://127.0.0.1:8080/room")).toBe(true);
    expect(isForwardableUrl("ftp://example.org/")).toBe(false);
    expect(isForwardableUrl("")).toBe(false);
  });
});
