-- The change feed is read in pages by (changed_xid, id): with an index on changed_xid alone,
-- each page of a first catch-up (millions of rows stamped by a few bulk-import transactions)
-- scanned and sorted every row from the horizon on, so reading N rows cost O(N²). This index
-- serves the page's row comparison as a range scan.
CREATE INDEX records_changed_keyset ON records (changed_xid, id);
DROP INDEX records_changed;
