-- Reminders before a meeting (issue #13, point 4): which ones a meeting sends, one notice job per
-- meeting, offset and first-session start, and an expiry after which an email is not delivered.

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "reminderOffsetsMinutes" INTEGER[] DEFAULT ARRAY[10080, 1440, 60]::INTEGER[];

-- AlterTable
ALTER TABLE "NoticeJob" ADD COLUMN     "offsetMins" INTEGER,
ADD COLUMN     "startsAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "expiresAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "NoticeJob_meetingId_kind_offsetMins_startsAt_key" ON "NoticeJob"("meetingId", "kind", "offsetMins", "startsAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_expiresAt_idx" ON "OutboxEmail"("status", "expiresAt");
