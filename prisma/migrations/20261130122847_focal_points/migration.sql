-- Focal points (issue #12): the designated focal points of Member States' administrations and of
-- member organizations, who approve their delegates' registrations. Each speaks for one Member
-- State or one organization, never both. Lists uploaded in the console wait for confirmation in
-- FocalPointImport.

-- CreateEnum
CREATE TYPE "FocalPointRole" AS ENUM ('PRIMARY', 'BACKUP');

-- CreateTable
CREATE TABLE "FocalPoint" (
    "id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "memberState" VARCHAR(2),
    "organization" VARCHAR(300),
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "scopeKey" VARCHAR(310) NOT NULL,
    "aliasKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "role" "FocalPointRole" NOT NULL,
    "allMeetings" BOOLEAN NOT NULL DEFAULT true,
    "locale" VARCHAR(10) NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FocalPoint_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "FocalPoint_one_scope" CHECK (("memberState" IS NULL) <> ("organization" IS NULL))
);

-- CreateTable
CREATE TABLE "FocalPointMeeting" (
    "focalPointId" UUID NOT NULL,
    "meetingId" UUID NOT NULL,

    CONSTRAINT "FocalPointMeeting_pkey" PRIMARY KEY ("focalPointId","meetingId")
);

-- CreateTable
CREATE TABLE "FocalPointImport" (
    "id" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FocalPointImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FocalPoint_email_idx" ON "FocalPoint"("email");

-- CreateIndex
CREATE UNIQUE INDEX "FocalPoint_scopeKey_email_key" ON "FocalPoint"("scopeKey", "email");

-- CreateIndex
CREATE INDEX "FocalPointMeeting_meetingId_idx" ON "FocalPointMeeting"("meetingId");

-- CreateIndex
CREATE INDEX "FocalPointImport_createdAt_idx" ON "FocalPointImport"("createdAt");

-- AddForeignKey
ALTER TABLE "FocalPointMeeting" ADD CONSTRAINT "FocalPointMeeting_focalPointId_fkey" FOREIGN KEY ("focalPointId") REFERENCES "FocalPoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FocalPointMeeting" ADD CONSTRAINT "FocalPointMeeting_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
