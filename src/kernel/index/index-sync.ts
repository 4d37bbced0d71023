import type { Worker } from 'node:worker_threads';
import sql, { join, raw } from 'sql-template-tag';
import { FEED_START, readRecordChanges, type ChangeHorizon } from '../records/record-changes.ts';
import type { Store } from '../store/store.ts';
import { INDEXED_PROPERTIES } from './index-entry.ts';
import { RECORD_LINE_FIELDS, type IndexedRow } from './index-shard.ts';
import { defaultShards, ShardedIndex } from './sharded-index.ts';

const PAGE_ROWS = 10_000;
/** Pages handed to the shards and not yet applied: the next is ready when one is done, and memory stays bounded. */
const PAGES_IN_FLIGHT = 2;

/** A record line's values (index-shard.ts), as SQL: the record's fields, then its indexed properties. */
const LINE_VALUES = [...RECORD_LINE_FIELDS, ...INDEXED_PROPERTIES.map((key) => `properties->'${key}'`)].map((column) => {
  // Our own constant names, written into the SQL: a parameter would make `->` ambiguous (text or int).
  if (!/^[a-z_]+(->'[A-Za-z]+')?$/.test(column)) throw new Error(`index column ${column} is not a plain name`);
  return raw(`r.${column}`);
});

/**
 * What the index reads of a record: its id (the shard it falls to) and its record line, the
 * fields and indexed properties as one JSON array in text. This thread only hands the text on;
 * the shards parse it, in parallel. Measured at 14 million records: with the properties as
 * parsed columns, this thread's parsing and copying to the shards held the build to one core.
 */
const INDEX_COLUMNS = sql`r.id, jsonb_build_array(${join(LINE_VALUES)})::text AS line`;

/**
 * Keeps one process's name index equal to the database: the first catch-up reads every
 * record (the change feed from its start), each later one only what changed since. Several
 * processes each run their own; none needs the others. An index that lost a shard (its thread
 * died) is replaced by a new one, built from the start of the feed at the next catch-up.
 */
export class NameIndexSync {
  private current: ShardedIndex | null = null;
  private horizon: ChangeHorizon = FEED_START;
  private lastCatchUp = 0;
  /** The last catch-up's rows, time spent waiting for the database and time spent waiting for the shards (benchmarks). */
  lastCatchUpStats = { rows: 0, waitMs: 0, indexMs: 0 };
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: { shards?: number; onThread?: (thread: Worker) => void } = {},
  ) {}

  /**
   * The index as of the last catch-up (its shards start at the first). A broken one stays until
   * the next catch-up replaces it, refusing every request meanwhile: an empty index in its place
   * would answer "no hit" for everyone.
   */
  get index(): ShardedIndex {
    this.current ??= new ShardedIndex(this.options.shards ?? defaultShards(), { onThread: this.options.onThread });
    return this.current;
  }
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

  /** Catches up unless it did so less than `maxAgeMs` ago and is whole: the cheap check before each query. */
  async fresh(maxAgeMs = 200): Promise<void> {
    if (performance.now() - this.lastCatchUp >= maxAgeMs || this.current?.broken) await this.catchUp();
  }

  /** Stops the shards' threads (after `idle`, when the store closes). */
  async close(): Promise<void> {
    await this.idle();
    await this.current?.close();
    this.current = null;
    this.horizon = FEED_START;
  }

  private async readChanges(): Promise<number> {
    const started = performance.now();
    if (this.current?.broken) {
      // Rebuilt from the start of the feed; whoever waits on this catch-up gets the whole new index.
      const broken = this.current;
      this.current = null;
      this.horizon = FEED_START;
      await broken.close();
    }
    const index = this.index;
    const stats = { rows: 0, waitMs: 0, indexMs: 0 };
    const page = async (after: { xid: string; id: string } | null) => readRecordChanges<IndexedRow>(this.store, this.horizon, { after, limit: PAGE_ROWS, columns: INDEX_COLUMNS });
    const inFlight: Promise<void>[] = [];
    let waiting = performance.now();
    let batch = await page(null);
    const next = batch.next;
    for (;;) {
      // The database reads the next page while the shards apply this one and the one before.
      const following = batch.more ? page(batch.after) : null;
      stats.waitMs += performance.now() - waiting;
      if (inFlight.length >= PAGES_IN_FLIGHT) await this.timed(stats, inFlight.shift());
      const applying = index.apply(batch.rows);
      // Awaited below, in turn; until then a failure must not count as unhandled.
      applying.catch(() => undefined);
      inFlight.push(applying);
      stats.rows += batch.rows.length;
      waiting = performance.now();
      if (!following) break;
      batch = await following;
    }
    await this.timed(stats, Promise.all([...inFlight, index.settle()]));
    this.lastCatchUpStats = stats;
    this.horizon = next;
    this.lastCatchUp = started;
    return stats.rows;
  }

  private async timed(stats: { indexMs: number }, work: Promise<unknown> | undefined): Promise<void> {
    const from = performance.now();
    await work;
    stats.indexMs += performance.now() - from;
  }
}
