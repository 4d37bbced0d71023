import { FEED_START, readRecordChanges, type ChangeHorizon } from '../records/record-changes.ts';
import type { RecordRow } from '../records/record.ts';
import type { Store } from '../store/store.ts';
import { isIndexed, indexEntryOf } from './index-entry.ts';
import { NameIndex } from './name-index.ts';

/**
 * Keeps one process's name index equal to the database: the first catch-up reads every
 * record (the change feed from its start), each later one only what changed since. Several
 * processes each run their own; none needs the others.
 */
export class NameIndexSync {
  readonly index = new NameIndex();
  private horizon: ChangeHorizon = FEED_START;
  private lastCatchUp = 0;
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
    let read = 0;
    let after: { xid: string; id: string } | null = null;
    let next = this.horizon;
    for (let first = true; ; first = false) {
      const batch = await readRecordChanges(this.store, this.horizon, { after });
      if (first) next = batch.next;
      for (const row of batch.rows) this.apply(row);
      read += batch.rows.length;
      if (!batch.more) break;
      after = batch.after;
    }
    this.horizon = next;
    this.lastCatchUp = started;
    return read;
  }

  private apply(row: RecordRow): void {
    if (row.status !== 'active' || !isIndexed(row.schema)) {
      this.index.remove(row.id);
      return;
    }
    this.index.upsert(indexEntryOf(row));
  }
}
