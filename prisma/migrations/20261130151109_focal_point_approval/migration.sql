-- AlterEnum
ALTER TYPE "ApprovalMode" ADD VALUE 'FOCAL_POINT';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "RegistrationStatus" ADD VALUE 'AWAITING_FOCAL_POINT';
ALTER TYPE "RegistrationStatus" ADD VALUE 'APPROVED_BY_FOCAL_POINT';

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "confirmFocalPointApprovals" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "focalPointDecidedAt" TIMESTAMPTZ(3),
ADD COLUMN     "focalPointDecidedBy" VARCHAR(254),
ADD COLUMN     "focalPointDecision" VARCHAR(10);

-- CreateTable
CREATE TABLE "FocalPointDecisionLink" (
    "tokenHash" VARCHAR(64) NOT NULL,
    "focalPointId" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FocalPointDecisionLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "FocalPointDecisionLink_registrationId_idx" ON "FocalPointDecisionLink"("registrationId");

-- CreateIndex
CREATE INDEX "FocalPointDecisionLink_focalPointId_idx" ON "FocalPointDecisionLink"("focalPointId");

-- AddForeignKey
ALTER TABLE "FocalPointDecisionLink" ADD CONSTRAINT "FocalPointDecisionLink_focalPointId_fkey" FOREIGN KEY ("focalPointId") REFERENCES "FocalPoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FocalPointDecisionLink" ADD CONSTRAINT "FocalPointDecisionLink_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
