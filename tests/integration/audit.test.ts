// The audit log keeps that a secret changed, never the secret: written masked by the services,
// and masked again when read (for rows written before a field was known to be secret).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAuditEntries } from "@/lib/audit/queries.ts";
import type { MeetingInput } from "@/lib/meetings/schema.ts";
import { updateMeeting } from "@/lib/meetings/service.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { createMeeting } from "../helpers/factories.ts";

let test: TestDatabase;
const actor = { kind: "organizer" as const, userId: "organizer-1", email: "organizer@example.org" };

beforeAll(async () => {
  test = await createTestDatabase(5);
});
afterAll(async () => {
  await test.close();
});
beforeEach(async () => {
  await test.reset();
});

describe("audit entries of the meeting form", () => {
  it("saving the meeting form records a new passcode and a join link with pwd= as changed, without their values", async () => {
    const meeting = await createMeeting(test.db, {
      connectionPasscode: "old-passcode",
      connectionJoinUrl: "https://zoom.us/j/1?pwd=OLDpwd",
    });
    const { id: _id, createdAt: _c, updatedAt: _u, ...facts } = meeting;
    const input = {
      ...facts,
      title: "Renamed meeting",
      connectionPasscode: "new-passcode",
      connectionJoinUrl: "https://zoom.us/j/2?pwd=NEWpwd",
      connectionNotes: "Backup room: https://zoom.us/j/3?pwd=BACKUPpwd",
    } as unknown as MeetingInput;
    await updateMeeting(test.db, { meetingId: meeting.id, input, actor, now: new Date(), appUrl: "http://localhost:3000" });

    const [row] = await test.db.auditEntry.findMany({ where: { action: "meeting.updated" } });
    const stored = JSON.stringify(row);
    for (const secret of ["old-passcode", "new-passcode", "OLDpwd", "NEWpwd", "BACKUPpwd"]) expect(stored).not.toContain(secret);
    expect(row?.after).toMatchObject({ title: "Renamed meeting", connectionPasscode: "•••", connectionJoinUrl: "•••" });
    expect(row?.before).toMatchObject({ connectionPasscode: "•••" });
  });

  it("an entry written in clear by an older version is shown masked", async () => {
    const meeting = await createMeeting(test.db);
    await test.db.auditEntry.create({
      data: {
        meetingId: meeting.id,
        actorLabel: "organizer@example.org",
        action: "meeting.updated",
        entityType: "meeting",
        entityId: meeting.id,
        before: { connectionPasscode: "legacy-pass" },
        after: { connectionPasscode: "legacy-pass-2", connectionJoinUrl: "https://zoom.us/j/9?pwd=LEGACYpwd" },
      },
    });
    const [entry] = await listAuditEntries(test.db, meeting.id);
    expect(JSON.stringify(entry)).not.toMatch(/legacy-pass|LEGACYpwd/);
    expect(entry?.known).toBe(true);
  });
});
