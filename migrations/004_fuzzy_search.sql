-- Fuzzy record search: trigram similarity over the search text, which now also holds the
-- Latin folding of every name and identifier (so 'putin' finds 'Путин', 'ozturk' 'Öztürk').
-- The extension lives in public so that every schema on a shared server (tests use one per
-- file) finds its functions and operators through the search path.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX records_search_trgm ON records USING gin (search_text gin_trgm_ops);

-- What derived data (search text, indexes) was computed with: when the derivation changes,
-- the application recomputes it once and records the new version here.
CREATE TABLE derived_state (
  name    text PRIMARY KEY,
  version integer NOT NULL
);

-- A refresh of derived search text is not a change of the record: it keeps the version and
-- leaves no snapshot. Any other update must still advance the version (unchanged rule).
CREATE OR REPLACE FUNCTION records_keep_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version = OLD.version AND (to_jsonb(NEW) - 'search_text') = (to_jsonb(OLD) - 'search_text') THEN
    RETURN NEW;
  END IF;
  IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
    RAISE EXCEPTION 'record % update must advance version from % to %', OLD.id, OLD.version, OLD.version + 1
      USING ERRCODE = '40001';
  END IF;
  INSERT INTO record_versions (record_id, version, snapshot, replaced_at, replaced_by)
  VALUES (OLD.id, OLD.version, to_jsonb(OLD) - 'search_text', NEW.updated_at, NEW.updated_by);
  RETURN NEW;
END $$;
