// The meeting form's two settings of personal join links: radios "yes"/"no" (on unless the
// organizer says no) and the minutes before the start they open (0 to 1440, 30 when left empty).
import { describe, expect, it } from "vitest";
import { firstErrorPerField } from "@/lib/forms/errors.ts";
import { MEETING_FIELDS, meetingInputSchema } from "@/lib/meetings/schema.ts";
import { MEETING_FORM_POST as FORM } from "../helpers/factories.ts";

describe("the meeting form's personal join link settings", () => {
  it("'no' turns personal links off, 'yes' keeps them on, and a form without the field keeps them on", () => {
    expect(meetingInputSchema.parse({ ...FORM, personalJoinLinks: "no" }).personalJoinLinks).toBe(false);
    expect(meetingInputSchema.parse({ ...FORM, personalJoinLinks: "yes" }).personalJoinLinks).toBe(true);
    expect(meetingInputSchema.parse(FORM).personalJoinLinks).toBe(true);
  });

  it("refuses any other answer to the radios", () => {
    const result = meetingInputSchema.safeParse({ ...FORM, personalJoinLinks: "on" });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(firstErrorPerField(result.error, MEETING_FIELDS)).toEqual({ personalJoinLinks: "personalJoinLinks.required" });
  });

  it("takes whole minutes from 0 to 1440, and 30 when the field is empty", () => {
    expect(meetingInputSchema.parse({ ...FORM, joinOpensMinutesBefore: "45" }).joinOpensMinutesBefore).toBe(45);
    expect(meetingInputSchema.parse({ ...FORM, joinOpensMinutesBefore: "0" }).joinOpensMinutesBefore).toBe(0);
    expect(meetingInputSchema.parse({ ...FORM, joinOpensMinutesBefore: "1440" }).joinOpensMinutesBefore).toBe(1440);
    expect(meetingInputSchema.parse({ ...FORM, joinOpensMinutesBefore: " " }).joinOpensMinutesBefore).toBe(30);
  });

  it.each(["-1", "1441", "1.5", "ten"])("refuses %s minutes on its field", (minutes) => {
    const result = meetingInputSchema.safeParse({ ...FORM, joinOpensMinutesBefore: minutes });
    expect(result.success).toBe(false);
    if (!result.success) expect(firstErrorPerField(result.error, MEETING_FIELDS)).toEqual({ joinOpensMinutesBefore: "joinOpens.invalid" });
  });
});
