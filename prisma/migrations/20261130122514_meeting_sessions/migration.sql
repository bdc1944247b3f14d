-- Sessions of a meeting (issue #13, point 2): e.g. the daily slots of an e-meeting. Personal join
-- links open around each session, and each use of one records the session it forwarded into.

-- AlterTable
ALTER TABLE "JoinLinkUse" ADD COLUMN     "sessionId" UUID;

-- CreateTable
CREATE TABLE "MeetingSession" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingSession_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "MeetingSession_endsAt_after_startsAt" CHECK ("endsAt" > "startsAt")
);

-- CreateIndex
CREATE INDEX "MeetingSession_meetingId_startsAt_idx" ON "MeetingSession"("meetingId", "startsAt");

-- CreateIndex
CREATE INDEX "JoinLinkUse_sessionId_idx" ON "JoinLinkUse"("sessionId");

-- AddForeignKey
ALTER TABLE "MeetingSession" ADD CONSTRAINT "MeetingSession_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinLinkUse" ADD CONSTRAINT "JoinLinkUse_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MeetingSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;
