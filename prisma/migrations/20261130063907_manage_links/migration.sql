-- Manage links move to their own table, so a registration can have several working links: every
-- email that carries one adds a row, and a stranger typing the address again no longer replaces
-- the owner's link (issue #9, point 12).

-- CreateTable
CREATE TABLE "ManageLink" (
    "tokenHash" VARCHAR(64) NOT NULL,
    "registrationId" UUID NOT NULL,
    "reason" VARCHAR(40) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ManageLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "ManageLink_registrationId_createdAt_idx" ON "ManageLink"("registrationId", "createdAt");

-- AddForeignKey
ALTER TABLE "ManageLink" ADD CONSTRAINT "ManageLink_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The link each registration has today keeps working. Erased registrations only held a
-- placeholder hash that no link carries: they get no row.
INSERT INTO "ManageLink" ("tokenHash", "registrationId", "reason", "createdAt")
SELECT "manageTokenHash", "id", 'migrated', "updatedAt" FROM "Registration" WHERE "erasedAt" IS NULL;

-- DropIndex
DROP INDEX "Registration_manageTokenHash_key";

-- AlterTable
ALTER TABLE "Registration" DROP COLUMN "manageTokenHash";

-- CreateIndex: the rate limit of "the meeting is full" emails looks them up by address.
CREATE INDEX "OutboxEmail_toAddress_createdAt_idx" ON "OutboxEmail"("toAddress", "createdAt");
