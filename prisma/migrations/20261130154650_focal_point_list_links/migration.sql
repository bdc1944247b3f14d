-- CreateTable
CREATE TABLE "FocalPointListLink" (
    "tokenHash" VARCHAR(64) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FocalPointListLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "FocalPointListLink_email_createdAt_idx" ON "FocalPointListLink"("email", "createdAt");
