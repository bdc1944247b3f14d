-- Notices to every registrant of a meeting are queued as one job that the worker expands into
-- emails batch by batch (issue #9, point 2). Dev-mailbox messages remember their kind, so that
-- sign-in links are deleted once expired (point 10).

-- CreateEnum
CREATE TYPE "NoticeJobStatus" AS ENUM ('QUEUED', 'EXPANDING', 'DONE', 'SUPERSEDED');

-- AlterTable
ALTER TABLE "DevMailboxMessage" ADD COLUMN     "kind" VARCHAR(60);

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "noticeJobId" UUID;

-- CreateTable
CREATE TABLE "NoticeJob" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "kind" VARCHAR(60) NOT NULL,
    "status" "NoticeJobStatus" NOT NULL DEFAULT 'QUEUED',
    "appUrl" VARCHAR(500) NOT NULL,
    "cursor" UUID,
    "total" INTEGER NOT NULL,
    "queued" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "lockedAt" TIMESTAMPTZ(3),
    "lockedBy" VARCHAR(100),

    CONSTRAINT "NoticeJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NoticeJob_status_createdAt_idx" ON "NoticeJob"("status", "createdAt");

-- CreateIndex
CREATE INDEX "NoticeJob_meetingId_createdAt_idx" ON "NoticeJob"("meetingId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_noticeJobId_status_idx" ON "OutboxEmail"("noticeJobId", "status");

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_noticeJobId_fkey" FOREIGN KEY ("noticeJobId") REFERENCES "NoticeJob"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeJob" ADD CONSTRAINT "NoticeJob_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
