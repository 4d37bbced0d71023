import sql from 'sql-template-tag';
import { FEED_START, readRecordChanges, type ChangeHorizon } from '../records/record-changes.ts';
import type { RecordRow } from '../records/record.ts';

type IndexedRow = Pick<RecordRow, 'id' | 'version' | 'schema' | 'dataset' | 'source_id' | 'owner_org' | 'status'> & { properties: RecordRow['properties'] | null };
import type { Store } from '../store/store.ts';
import { INDEXED_PROPERTIES, indexedSchemas, isIndexed, indexEntryOf } from './index-entry.ts';
import { NameIndex } from './name-index.ts';

const PAGE_ROWS = 10_000;
/**
 * What the index reads of a record: only the properties it indexes (the database trims them,
 * on its own core: half the bytes to parse for a person with phones and addresses); a row it
 * does not index (cancelled, or of a schema it does not hold) comes without, only to be removed.
 */
const INDEX_COLUMNS = sql`r.id, r.version, r.schema, r.dataset, r.source_id, r.owner_org, r.status,
  CASE WHEN r.status = 'active' AND r.schema = ANY(${indexedSchemas()})
    THEN (SELECT coalesce(jsonb_object_agg(p.key, p.value), '{}') FROM jsonb_each(r.properties) p WHERE p.key = ANY(${[...INDEXED_PROPERTIES]})) END AS properties`;

/**
 * Keeps one process's name index equal to the database: the first catch-up reads every
 * record (the change feed from its start), each later one only what changed since. Several
 * processes each run their own; none needs the others.
 */
export class NameIndexSync {
  readonly index = new NameIndex();
  private horizon: ChangeHorizon = FEED_START;
  private lastCatchUp = 0;
  /** The last catch-up's rows, time spent waiting for the database and time spent indexing (benchmarks). */
  lastCatchUpStats = { rows: 0, waitMs: 0, indexMs: 0 };
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  constructor(private readonly store: Store) {}

  /**
   * Applies every change committed before the call; returns how many rows it read. A call
   * made while another runs waits for it, then reads again (the running one may have started
   * before the caller's own write), sharing that second read with other waiting callers.
   */
  catchUp(): Promise<number> {
    if (!this.running) {
      this.running = this.readChanges().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running.catch(() => 0).then(() => {
      this.queued = null;
      return this.catchUp();
    });
    return this.queued;
  }

  /** Resolves when no catch-up is running (before closing the store). */
  async idle(): Promise<void> {
    await (this.queued ?? this.running)?.catch(() => undefined);
  }

  /** Catches up unless it did so less than `maxAgeMs` ago: the cheap check before each query. */
  async fresh(maxAgeMs = 200): Promise<void> {
    if (performance.now() - this.lastCatchUp >= maxAgeMs) await this.catchUp();
  }

  private async readChanges(): Promise<number> {
    const started = performance.now();
    const stats = { rows: 0, waitMs: 0, indexMs: 0 };
    const page = async (after: { xid: string; id: string } | null) => readRecordChanges(this.store, this.horizon, { after, limit: PAGE_ROWS, columns: INDEX_COLUMNS });
    let waiting = performance.now();
    let batch = await page(null);
    const next = batch.next;
    for (;;) {
      // The database reads the next page while this one is indexed.
      const following = batch.more ? page(batch.after) : null;
      const indexing = performance.now();
      stats.waitMs += indexing - waiting;
      for (const row of batch.rows) this.apply(row);
      stats.rows += batch.rows.length;
      waiting = performance.now();
      stats.indexMs += waiting - indexing;
      if (!following) break;
      batch = await following;
    }
    const settling = performance.now();
    this.index.settle();
    stats.indexMs += performance.now() - settling;
    this.lastCatchUpStats = stats;
    const read = stats.rows;
    this.horizon = next;
    this.lastCatchUp = started;
    return read;
  }

  private apply(row: IndexedRow): void {
    const { properties } = row;
    if (row.status !== 'active' || !isIndexed(row.schema) || !properties) {
      this.index.remove(row.id);
      return;
    }
    this.index.upsert(indexEntryOf({ ...row, properties }));
  }
}
