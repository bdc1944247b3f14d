-- Personal join links (issue #13, point 1): the emails to each confirmed registrant carry their own
-- link to the meeting, which forwards to the join link only while the registration is confirmed
-- and the meeting is open for joining. On by default, for the meetings that exist too.

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "joinOpensMinutesBefore" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "personalJoinLinks" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "JoinLink" (
    "tokenHash" VARCHAR(64) NOT NULL,
    "registrationId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "JoinLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "JoinLinkUse" (
    "id" UUID NOT NULL,
    "joinLinkHash" VARCHAR(64) NOT NULL,
    "usedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "JoinLinkUse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JoinLink_registrationId_createdAt_idx" ON "JoinLink"("registrationId", "createdAt");

-- CreateIndex
CREATE INDEX "JoinLinkUse_joinLinkHash_usedAt_idx" ON "JoinLinkUse"("joinLinkHash", "usedAt");

-- AddForeignKey
ALTER TABLE "JoinLink" ADD CONSTRAINT "JoinLink_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinLinkUse" ADD CONSTRAINT "JoinLinkUse_joinLinkHash_fkey" FOREIGN KEY ("joinLinkHash") REFERENCES "JoinLink"("tokenHash") ON DELETE CASCADE ON UPDATE CASCADE;
