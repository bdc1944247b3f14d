-- Sessions organizers removed from a meeting (issue #13, point 3): kept so that the next schedule
-- update cancels them in registrants' calendars, whose entries carry the session's id in their UID.

-- CreateTable
CREATE TABLE "RemovedMeetingSession" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "removedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RemovedMeetingSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RemovedMeetingSession_meetingId_idx" ON "RemovedMeetingSession"("meetingId");

-- AddForeignKey
ALTER TABLE "RemovedMeetingSession" ADD CONSTRAINT "RemovedMeetingSession_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

