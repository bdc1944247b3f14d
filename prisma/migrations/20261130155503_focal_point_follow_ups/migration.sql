-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "focalPointEscalationBeforeCloseHours" INTEGER NOT NULL DEFAULT 48,
ADD COLUMN     "focalPointEscalationHours" INTEGER NOT NULL DEFAULT 96,
ADD COLUMN     "focalPointReminderHours" INTEGER NOT NULL DEFAULT 48;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "focalPointAskedAt" TIMESTAMPTZ(3),
ADD COLUMN     "focalPointEscalatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "focalPointRemindedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Registration_status_focalPointAskedAt_idx" ON "Registration"("status", "focalPointAskedAt");
