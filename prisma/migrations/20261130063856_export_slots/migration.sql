-- One running CSV export per organizer, shared by every instance (lib/registrants/export.ts).
-- CreateTable
CREATE TABLE "ExportSlot" (
    "userId" TEXT NOT NULL,
    "holder" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ExportSlot_pkey" PRIMARY KEY ("userId")
);
