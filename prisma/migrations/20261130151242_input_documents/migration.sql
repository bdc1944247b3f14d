-- CreateEnum
CREATE TYPE "DocumentLatePolicy" AS ENUM ('REFUSE', 'ACCEPT_LATE');

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "documentLatePolicy" "DocumentLatePolicy" NOT NULL DEFAULT 'REFUSE',
ADD COLUMN     "documentMaxBytes" INTEGER NOT NULL DEFAULT 26214400,
ADD COLUMN     "documentSeriesPrefix" VARCHAR(20),
ADD COLUMN     "documentTemplateUrl" VARCHAR(500);

-- CreateTable
CREATE TABLE "DocumentCounter" (
    "meetingId" UUID NOT NULL,
    "lastNumber" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DocumentCounter_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "InputDocument" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "seriesPrefix" VARCHAR(20) NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "source" VARCHAR(200) NOT NULL,
    "coSources" VARCHAR(500),
    "abstract" VARCHAR(4000),
    "registrationId" UUID,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,
    "withdrawnAt" TIMESTAMPTZ(3),
    "submissionKey" VARCHAR(64) NOT NULL,
    "fileId" UUID NOT NULL,

    CONSTRAINT "InputDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentFile" (
    "id" UUID NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "kind" VARCHAR(10) NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "meetingId" UUID NOT NULL,

    CONSTRAINT "DocumentFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentChunk" (
    "fileId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "DocumentChunk_pkey" PRIMARY KEY ("fileId","seq")
);

-- CreateTable
CREATE TABLE "DocumentDeadlineException" (
    "meetingId" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "grantedById" VARCHAR(40) NOT NULL,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DocumentDeadlineException_pkey" PRIMARY KEY ("registrationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "InputDocument_fileId_key" ON "InputDocument"("fileId");

-- CreateIndex
CREATE INDEX "InputDocument_registrationId_idx" ON "InputDocument"("registrationId");

-- CreateIndex
CREATE UNIQUE INDEX "InputDocument_meetingId_number_revision_key" ON "InputDocument"("meetingId", "number", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "InputDocument_meetingId_submissionKey_key" ON "InputDocument"("meetingId", "submissionKey");

-- CreateIndex
CREATE INDEX "DocumentFile_meetingId_idx" ON "DocumentFile"("meetingId");

-- CreateIndex
CREATE INDEX "DocumentDeadlineException_meetingId_idx" ON "DocumentDeadlineException"("meetingId");

-- AddForeignKey
ALTER TABLE "DocumentCounter" ADD CONSTRAINT "DocumentCounter_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InputDocument" ADD CONSTRAINT "InputDocument_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InputDocument" ADD CONSTRAINT "InputDocument_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InputDocument" ADD CONSTRAINT "InputDocument_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "DocumentFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentFile" ADD CONSTRAINT "DocumentFile_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentChunk" ADD CONSTRAINT "DocumentChunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "DocumentFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentDeadlineException" ADD CONSTRAINT "DocumentDeadlineException_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentDeadlineException" ADD CONSTRAINT "DocumentDeadlineException_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
