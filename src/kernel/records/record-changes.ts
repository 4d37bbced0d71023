import sql, { type Sql } from 'sql-template-tag';
import type { Queryable } from '../store/store.ts';
import type { RecordRow } from './record.ts';

/** Where a reader of the change feed stands: rows stamped at or after it are still to read. */
export type ChangeHorizon = string;

export const FEED_START: ChangeHorizon = '0';

export interface ChangeBatch<Row = RecordRow> {
  rows: Row[];
  /** Pass it to the next call. */
  next: ChangeHorizon;
  /** True when `limit` rows came back: call again at once with `after`. */
  more: boolean;
  /** Keyset position inside the horizon, for paging a large backlog. */
  after: { xid: string; id: string } | null;
}

/**
 * Records inserted or given a new version since `horizon` (see migration 006), oldest
 * first, `limit` at a time. The rows of one call may repeat rows already seen: whoever
 * applies them must be idempotent (compare versions). `columns` narrows the row to what the
 * reader needs (the rows are then partial `RecordRow`s: a reader asks only for what it reads).
 *
 * @example
 *   let horizon = FEED_START;
 *   const batch = await readRecordChanges(store, horizon); apply(batch.rows); horizon = batch.next;
 */
export async function readRecordChanges<Row extends { id: string } = RecordRow>(
  db: Queryable,
  horizon: ChangeHorizon,
  options: { limit?: number; after?: { xid: string; id: string } | null; columns?: Sql } = {},
): Promise<ChangeBatch<Row>> {
  const limit = options.limit ?? 5000;
  // Taken before reading: every transaction older than this xmin has finished, so its rows are visible now.
  const snapshot = await db.query<{ xmin: string }>(sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
  const next = snapshot.rows[0]?.xmin ?? horizon;
  const after = options.after;
  const { rows } = await db.query<Row & { changed: string }>(sql`SELECT ${options.columns ?? sql`r.*`}, r.changed_xid::text AS changed FROM records r
    WHERE r.changed_xid >= ${horizon}::xid8
      ${after ? sql`AND (r.changed_xid, r.id) > (${after.xid}::xid8, ${after.id}::uuid)` : sql``}
    ORDER BY r.changed_xid, r.id LIMIT ${limit}`);
  const last = rows[rows.length - 1];
  return { rows, next, more: rows.length === limit, after: last ? { xid: last.changed, id: last.id } : null };
}
