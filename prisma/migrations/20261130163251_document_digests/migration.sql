-- CreateEnum
CREATE TYPE "DocumentNotices" AS ENUM ('EACH', 'DAILY_DIGEST');

-- AlterTable
ALTER TABLE "MeetingOrganizer" ADD COLUMN     "documentNotices" "DocumentNotices" NOT NULL DEFAULT 'EACH';

-- CreateTable
CREATE TABLE "DocumentDigest" (
    "meetingId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DocumentDigest_pkey" PRIMARY KEY ("meetingId","userId","day")
);

-- AddForeignKey
ALTER TABLE "DocumentDigest" ADD CONSTRAINT "DocumentDigest_meetingId_userId_fkey" FOREIGN KEY ("meetingId", "userId") REFERENCES "MeetingOrganizer"("meetingId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;
