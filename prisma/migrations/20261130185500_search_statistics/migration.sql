-- The organizers' search (lib/registrants/queries.ts) ANDs a meeting, its order and a substring of
-- four columns. PostgreSQL picks between two plans by its estimate of how many rows the substring
-- matches: few, and it reads them through the trigram indexes and sorts them (milliseconds),
-- many, and it walks the meeting's rows newest first and stops after a page. With the default
-- statistics (100 most common values, 100 histogram buckets) a surname shared by a few hundred of
-- 100,000 registrants was estimated at three times its count, and the walk read 20,000 rows for a
-- page of 250 matches (43 ms p50, 90 ms p95, issue 15). Ten times the sample gives estimates close
-- to the count and the right plan (3.7 ms p50). ANALYZE reads more rows of these columns: at
-- 100,000 registrations, the whole table, under a second.
ALTER TABLE "Registration"
  ALTER COLUMN "givenName" SET STATISTICS 1000,
  ALTER COLUMN "familyName" SET STATISTICS 1000,
  ALTER COLUMN "email" SET STATISTICS 1000,
  ALTER COLUMN "organization" SET STATISTICS 1000;
