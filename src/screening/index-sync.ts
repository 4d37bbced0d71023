import { FEED_START, readRecordChanges, type ChangeHorizon } from '../kernel/records/record-changes.ts';
import type { RecordRow } from '../kernel/records/record.ts';
import type { Store } from '../kernel/store/store.ts';
import { isScreenable, screeningEntryOf } from './screening-entry.ts';
import { ScreeningIndex } from './screening-index.ts';

/**
 * Keeps one process's screening index equal to the database: the first catch-up reads every
 * record (the change feed from its start), each later one only what changed since. Several
 * processes each run their own; none needs the others.
 */
export class ScreeningIndexSync {
  readonly index = new ScreeningIndex();
  private horizon: ChangeHorizon = FEED_START;
  private lastCatchUp = 0;
  private running: Promise<number> | null = null;

  constructor(private readonly store: Store) {}

  /** Applies every change since the last call; returns how many rows it read. Calls overlap safely. */
  catchUp(): Promise<number> {
    this.running ??= this.readChanges().finally(() => {
      this.running = null;
    });
    return this.running;
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
    if (row.status !== 'active' || !isScreenable(row.schema)) {
      this.index.remove(row.id);
      return;
    }
    this.index.upsert(screeningEntryOf(row));
  }
}
