// When a meeting's reminders are due (a fake clock: every instant is an argument), and the meeting
// form's reminder checkboxes. Who counts as confirmed by then: tests/integration/reminders.test.ts.
import { describe, expect, it } from "vitest";
import { firstErrorPerField } from "@/lib/forms/errors.ts";
import { MEETING_FIELDS, meetingInputSchema } from "@/lib/meetings/schema.ts";
import { dueReminderOffset, type QueuedReminder, reminderDueAt } from "@/lib/notices/reminders.ts";
import { MEETING_FORM_POST as FORM } from "../helpers/factories.ts";

const MINUTE = 60_000;
const START = new Date("2027-03-01T08:00:00Z");
const OFFSETS = [10080, 1440, 60];
const minutesBefore = (minutes: number) => new Date(START.getTime() - minutes * MINUTE);
const due = (now: Date, queued: QueuedReminder[] = [], offsets = OFFSETS, firstStartsAt = START) =>
  dueReminderOffset({ firstStartsAt, offsets, queued }, now);
const job = (offsetMins: number, startsAt: Date, queued = 10, status = "DONE"): QueuedReminder => ({
  offsetMins,
  startsAt,
  queued,
  status,
});

describe("when a reminder is due", () => {
  it("is the first session's start minus the offset", () => {
    expect(reminderDueAt(START, 1440).toISOString()).toBe("2027-02-28T08:00:00.000Z");
    expect(reminderDueAt(START, 60).toISOString()).toBe("2027-03-01T07:00:00.000Z");
  });

  it("nothing is due before the 7-day reminder's time; each reminder is due from its time on, to the minute", () => {
    expect(due(minutesBefore(10080 + 1))).toBeNull();
    expect(due(minutesBefore(10080))).toBe(10080);
    expect(due(minutesBefore(1441))).toBe(10080);
    expect(due(minutesBefore(1440))).toBe(1440);
    expect(due(minutesBefore(60))).toBe(60);
    expect(due(new Date(START.getTime() - 1))).toBe(60);
  });

  it("nothing is due once the first session has started, not even a reminder that was never sent", () => {
    expect(due(START)).toBeNull();
    expect(due(new Date(START.getTime() + MINUTE))).toBeNull();
  });

  it("a reminder queued for this start is not due again (whatever became of it)", () => {
    expect(due(minutesBefore(1000), [job(1440, START)])).toBeNull();
    expect(due(minutesBefore(1000), [job(1440, START, 0, "DONE")])).toBeNull();
    expect(due(minutesBefore(1000), [job(1440, START, 0, "EXPANDING")])).toBeNull();
  });

  it("of several due at once only the latest is sent: the overtaken ones never are", () => {
    // The worker was down from 8 days before to 30 minutes before the start.
    expect(due(minutesBefore(30))).toBe(60);
    expect(due(minutesBefore(30), [job(60, START)])).toBeNull();
  });

  it("only the organizer's offsets count; none, none is due", () => {
    expect(due(minutesBefore(1000), [], [60])).toBeNull();
    expect(due(minutesBefore(30), [], [60])).toBe(60);
    expect(due(minutesBefore(30), [], [])).toBeNull();
  });

  it("when the dates move, the due time follows the new first session; an offset that reached someone for the old start is not sent again", () => {
    const moved = new Date(START.getTime() + 7 * 24 * 60 * MINUTE);
    const oldOne = job(1440, START, 25);
    expect(due(new Date(START.getTime() + MINUTE), [oldOne], OFFSETS, moved)).toBe(10080);
    expect(due(new Date(moved.getTime() - 1000 * MINUTE), [oldOne], OFFSETS, moved)).toBeNull();
    // One still under way for the old start counts as sent; one that reached nobody does not.
    expect(due(new Date(moved.getTime() - 1000 * MINUTE), [job(1440, START, 0, "QUEUED")], OFFSETS, moved)).toBeNull();
    expect(due(new Date(moved.getTime() - 1000 * MINUTE), [job(1440, START, 0, "DONE")], OFFSETS, moved)).toBe(1440);
  });
});

describe("the meeting form's reminders", () => {
  const parse = (reminderOffsetsMinutes: string[] | undefined) => meetingInputSchema.safeParse({ ...FORM, reminderOffsetsMinutes });

  it("a form without the field keeps all three; the ticked ones are kept, the hidden empty value ignored", () => {
    expect(parse(undefined).data?.reminderOffsetsMinutes).toEqual([10080, 1440, 60]);
    expect(parse(["", "60", "10080"]).data?.reminderOffsetsMinutes).toEqual([10080, 60]);
  });

  it("'no reminders' switches them off", () => {
    expect(parse(["", "off"]).data?.reminderOffsetsMinutes).toEqual([]);
  });

  it("offsets that are not offered are dropped (the form offers three)", () => {
    expect(parse(["", "60", "5", "-60"]).data?.reminderOffsetsMinutes).toEqual([60]);
  });

  it.each([
    [[""], "reminders.required"],
    [["", "1440", "off"], "reminders.offAndTimes"],
  ])("%j is refused on its field with %s", (ticked, message) => {
    const result = parse(ticked);
    expect(result.success).toBe(false);
    if (!result.success) expect(firstErrorPerField(result.error, MEETING_FIELDS)).toEqual({ reminderOffsetsMinutes: message });
  });
});
