import type { NewRecord } from '../kernel/records/record-writer.ts';
import { isFailure, type ParsedEntity, type ParsedRow } from './formats/format.ts';
import type { RecordBuilder } from './import.builder.ts';
import type { RejectedRow } from './import.types.ts';

export interface RejectedLine extends RejectedRow {
  /** The line as read, for the rejects file. */
  source?: unknown;
}

/** Lines written in one transaction: their records, and the lines rejected among them. */
export interface Batch {
  /** Batches cover the file without gaps: from the line after the previous batch to `toLine`. */
  fromLine: number;
  toLine: number;
  records: NewRecord[];
  /** The line each record came from (same index as `records`). */
  recordLines: number[];
  rejects: RejectedLine[];
}

/** Thrown in all-or-nothing mode at the first line that cannot be imported. */
export class LineRejected extends Error {
  constructor(readonly rejected: RejectedLine) {
    super(`line ${rejected.line}: ${rejected.reason}`);
    this.name = 'LineRejected';
  }
}

const emptyBatch = (fromLine: number): Batch => ({ fromLine, toLine: 0, records: [], recordLines: [], rejects: [] });

/** Records in id order: concurrent batches then lock rows in the same order, so they never deadlock. */
function sorted(batch: Batch): Batch {
  const pairs = batch.records.map((record, i) => ({ id: record.id, record, line: batch.recordLines[i] ?? 0 }));
  pairs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...batch, records: pairs.map((p) => p.record), recordLines: pairs.map((p) => p.line) };
}

export interface BatchOptions {
  /** Records per batch (a line is never split, so a batch may hold a few more). */
  size: number;
  /** Stop at the first bad line (all or nothing). */
  failFast: boolean;
  /** Order each batch's records by id, for batches written concurrently. */
  sortById: boolean;
}

/**
 * Groups parsed rows into batches of about `size` records (a line is never split, so a CSV
 * row's entities are written together), building each record on the way. A line with any
 * problem is rejected as a whole; with `failFast`, the first one ends the import.
 */
export async function* batchRows(rows: AsyncIterable<ParsedRow>, builder: RecordBuilder, options: BatchOptions): AsyncGenerator<Batch> {
  const { size, failFast } = options;
  const ordered = (batch: Batch) => (options.sortById ? sorted(batch) : batch);
  let batch = emptyBatch(1);
  let group: ParsedRow[] = [];
  const close = () => {
    addLine(batch, group, builder, failFast);
    group = [];
  };
  for await (const row of rows) {
    if (group.length && group[0]?.line !== row.line) {
      close();
      if (batch.records.length + batch.rejects.length >= size) {
        yield ordered(batch);
        batch = emptyBatch(batch.toLine + 1);
      }
    }
    group.push(row);
  }
  if (group.length) close();
  if (batch.toLine) yield ordered(batch);
}

function addLine(batch: Batch, group: ParsedRow[], builder: RecordBuilder, failFast: boolean): void {
  const line = group[0]?.line ?? 0;
  batch.toLine = Math.max(batch.toLine, line);
  const reject = (reason: string, source: unknown) => {
    const rejected = { line, reason, source };
    if (failFast) throw new LineRejected(rejected);
    batch.rejects.push(rejected);
  };
  const failure = group.find(isFailure);
  if (failure) return reject(failure.error, failure.source);
  const records: NewRecord[] = [];
  for (const entity of group as ParsedEntity[]) {
    const built = builder.build(entity);
    if (!built.ok) return reject(built.reason, entity.source);
    records.push(built.record);
  }
  for (const record of records) {
    batch.records.push(record);
    batch.recordLines.push(line);
  }
}
