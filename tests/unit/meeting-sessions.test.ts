// The meeting form's sessions (lib/meetings/session-rows.ts through the form's schema): rows of
// date, start and end in the meeting's time zone; blank rows ignored; each problem reported on
// the input of the row it is about; a session's id kept so that its calendar UID stays.
import { describe, expect, it } from "vitest";
import { firstErrorPerField } from "@/lib/forms/errors.ts";
import { MEETING_FIELDS, meetingInputSchema } from "@/lib/meetings/schema.ts";
import { sessionFormValues, sessionRowCount } from "@/lib/meetings/session-rows.ts";
import { MEETING_FORM_POST as FORM } from "../helpers/factories.ts";

const ID = "2b0f8a52-5c1e-4a57-9d6e-0f1a2b3c4d5e";

function row(index: number, date: string, start: string, end: string, id = ""): Record<string, string> {
  return { [`session-${index}-id`]: id, [`session-${index}-date`]: date, [`session-${index}-start`]: start, [`session-${index}-end`]: end };
}

function errorsOf(post: Record<string, unknown>) {
  const result = meetingInputSchema.safeParse(post);
  if (result.success) throw new Error("expected the form to be refused");
  return firstErrorPerField(result.error, MEETING_FIELDS);
}

describe("sessions in the meeting form", () => {
  it("filled rows become sessions at the Geneva times typed, blank rows are ignored, and ids are kept", () => {
    const parsed = meetingInputSchema.parse({
      ...FORM,
      ...row(0, "2027-03-01", "13:00", "16:00", ID),
      ...row(1, "", "", ""),
      ...row(2, "2027-03-02", "13:00", "16:00"),
    });
    expect(parsed.sessions).toEqual([
      { id: ID, startsAt: new Date("2027-03-01T12:00:00.000Z"), endsAt: new Date("2027-03-01T15:00:00.000Z") },
      { id: null, startsAt: new Date("2027-03-02T12:00:00.000Z"), endsAt: new Date("2027-03-02T15:00:00.000Z") },
    ]);
    // Nothing of the rows ends up among the meeting's columns.
    expect(Object.keys(parsed).some((key) => key.startsWith("session-"))).toBe(false);
  });

  it("a form without session rows gives a meeting without sessions", () => {
    expect(meetingInputSchema.parse(FORM).sessions).toEqual([]);
  });

  it("each problem is reported on the input of its own row", () => {
    const errors = errorsOf({
      ...FORM,
      ...row(0, "2027-03-01", "13:00", ""),
      ...row(1, "2027-03-02", "16:00", "13:00"),
      ...row(2, "2027-04-01", "13:00", "16:00"),
      ...row(3, "2027-03-03", "09:00", "12:00"),
      ...row(4, "2027-03-03", "11:00", "14:00"),
      ...row(5, "2027-02-30", "10:00", "11:00"),
      ...row(6, "2027-03-04", "9h", "11:00"),
    });
    expect(errors).toMatchObject({
      "session-0-end": "session.endRequired",
      "session-1-end": "session.endBeforeStart",
      "session-2-date": "session.outsideMeeting",
      "session-4-start": "session.overlaps",
      "session-5-date": "session.dateInvalid",
      "session-6-start": "session.timeInvalid",
    });
    expect(errors["session-3-start"]).toBeUndefined();
  });

  it("sessions must lie within the meeting's start and end, to the minute", () => {
    // The meeting runs 1 March 09:00 to 5 March 17:00, Zurich time.
    expect(errorsOf({ ...FORM, ...row(0, "2027-03-01", "08:30", "10:00") })["session-0-date"]).toBe("session.outsideMeeting");
    expect(errorsOf({ ...FORM, ...row(0, "2027-03-05", "16:00", "17:30") })["session-0-date"]).toBe("session.outsideMeeting");
    expect(meetingInputSchema.parse({ ...FORM, ...row(0, "2027-03-01", "09:00", "17:00") }).sessions).toHaveLength(1);
  });

  it("an end of 00:00 is the midnight that closes the session's day", () => {
    const parsed = meetingInputSchema.parse({ ...FORM, endsAt: "2027-03-06T00:00", ...row(0, "2027-03-05", "20:00", "00:00") });
    expect(parsed.sessions[0]?.endsAt).toEqual(new Date("2027-03-05T23:00:00.000Z"));
  });

  it("an id that is not a UUID, or one given twice, makes a new session instead", () => {
    const parsed = meetingInputSchema.parse({
      ...FORM,
      ...row(0, "2027-03-01", "13:00", "14:00", "not-an-id"),
      ...row(1, "2027-03-02", "13:00", "14:00", ID),
      ...row(2, "2027-03-03", "13:00", "14:00", ID),
    });
    expect(parsed.sessions.map((session) => session.id)).toEqual([null, ID, null]);
  });

  it("the form shows every row up to the last filled one and one blank row, or as many as asked for", () => {
    expect(sessionRowCount({})).toBe(1);
    expect(sessionRowCount(row(2, "2027-03-01", "", ""))).toBe(4);
    expect(sessionRowCount({ ...row(0, "2027-03-01", "13:00", "14:00"), sessionRows: "5" })).toBe(5);
    expect(sessionRowCount({ sessionRows: "100000" })).toBe(60);
  });

  it("a meeting's sessions fill the rows in time order, in its time zone, with their ids", () => {
    const values = sessionFormValues(
      [
        { id: "b", startsAt: new Date("2027-03-02T12:00:00Z"), endsAt: new Date("2027-03-02T23:00:00Z") },
        { id: "a", startsAt: new Date("2027-03-01T12:00:00Z"), endsAt: new Date("2027-03-01T15:00:00Z") },
      ],
      (instant) => instant.toISOString().slice(0, 16).replace("Z", ""),
    );
    expect(values).toEqual({
      "session-0-id": "a",
      "session-0-date": "2027-03-01",
      "session-0-start": "12:00",
      "session-0-end": "15:00",
      "session-1-id": "b",
      "session-1-date": "2027-03-02",
      "session-1-start": "12:00",
      "session-1-end": "23:00",
    });
  });
});
