-- The registrant list's totals read this index alone (index-only scan, rows in group order):
-- 100,000 registrants counted in 11-25 ms instead of 112 ms by a sequential scan (issue 15).
-- It starts with (meetingId, status), so the index it replaces is not needed.
-- DropIndex
DROP INDEX "Registration_meetingId_status_idx";

-- CreateIndex
CREATE INDEX "Registration_meetingId_status_category_country_erasedAt_idx" ON "Registration"("meetingId", "status", "category", "country", "erasedAt");
