-- A change feed for derived in-memory indexes (screening, graph), which every process keeps
-- current by reading the records changed since it last looked. Each insert or new version
-- stamps the writing transaction's id; a reader asks for rows stamped at or after the oldest
-- transaction still running when it last read (pg_snapshot_xmin), so a transaction that
-- commits late is never skipped (rows may be read twice; applying them is idempotent).
ALTER TABLE records ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX records_changed ON records (changed_xid);

-- Named to fire before records_versioned (triggers of one kind fire in name order). A refresh
-- of the derived search text is not a change: it keeps the stamp, as it keeps the version.
CREATE FUNCTION records_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version IS DISTINCT FROM OLD.version THEN
    NEW.changed_xid := pg_current_xact_id();
  ELSE
    NEW.changed_xid := OLD.changed_xid;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER records_changed BEFORE UPDATE ON records
  FOR EACH ROW EXECUTE FUNCTION records_stamp_change();
