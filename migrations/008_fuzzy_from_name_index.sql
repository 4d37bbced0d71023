-- Fuzzy record search now asks the in-memory name index (cross-script, word by word), so the
-- trigram index of migration 004 is no longer read: dropping it spares every write its upkeep.
-- The pg_trgm extension stays (benchmarks compare against it).
DROP INDEX IF EXISTS records_search_trgm;
