-- A meeting's own texts in the six languages (issue #11, point 4): the existing columns hold the
-- texts in the meeting's default language, the others are kept as JSON beside them.

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "defaultLocale" VARCHAR(10) NOT NULL DEFAULT 'en',
ADD COLUMN     "texts" JSONB NOT NULL DEFAULT '{}';
