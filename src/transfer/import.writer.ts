import { actorLabel, type Actor } from '../kernel/access/actor.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import { upsertRecords, type WriteOutcome } from '../kernel/records/record-writer.ts';
import type { Queryable, Store } from '../kernel/store/store.ts';
import type { Batch, RejectedLine } from './import.batches.ts';
import { addProgress } from './import.repository.ts';

export interface WrittenBatch {
  /** The batch as committed: lines holding another organisation's records moved to its rejects. */
  batch: Batch;
  outcome: WriteOutcome;
}

const MAX_ATTEMPTS = 3;

/**
 * Writes batches: records, the import's progress and one audit entry, all in the same
 * transaction, so whatever is committed is whole and accounted for.
 */
export class BatchWriter {
  constructor(
    private readonly store: Store,
    private readonly actor: Actor,
    private readonly importId: string,
    private readonly dataset: string,
    /** The review date given to records whose source states none; existing records keep theirs. */
    private readonly defaultedReviewDate?: string,
  ) {}

  /**
   * One batch in its own transaction. A line whose record belongs to another organisation
   * is rejected; if other records of that line were written alongside, the batch is
   * written again without the line, so a line is always kept or rejected as a whole.
   */
  async commit(batch: Batch): Promise<WrittenBatch> {
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.store
        .transaction(async (tx) => {
          const written = await this.write(tx, batch, false);
          if (written.partial) throw new PartialLines(written.foreign);
          return written;
        })
        .catch((error: unknown) => {
          if (error instanceof PartialLines && attempt < MAX_ATTEMPTS) return error;
          throw error;
        });
      if (!(result instanceof PartialLines)) return { batch: result.batch, outcome: result.outcome };
      batch = withoutLines(batch, result.lines);
    }
  }

  /** Writes a batch in the caller's transaction (all or nothing): any foreign line is returned, first, for the caller to refuse. */
  async writeIn(tx: Queryable, batch: Batch): Promise<WrittenBatch & { foreign: RejectedLine[] }> {
    const written = await this.write(tx, batch, true);
    return { batch: written.batch, outcome: written.outcome, foreign: written.foreign };
  }

  private async write(tx: Queryable, batch: Batch, allOrNothing: boolean) {
    const outcome = await upsertRecords(tx, batch.records, actorLabel(this.actor), { defaultedReviewDate: this.defaultedReviewDate });
    const { foreign, partial } = foreignLines(batch, outcome);
    if (partial || (allOrNothing && foreign.length)) return { batch, outcome, foreign, partial };
    const committed = foreign.length ? { ...batch, rejects: [...batch.rejects, ...foreign].sort((a, b) => a.line - b.line) } : batch;
    const written = outcome.inserted.length + outcome.updated.length + outcome.unchanged.length;
    await addProgress(tx, this.importId, { linesRead: batch.toLine - batch.fromLine + 1, imported: written, rejected: committed.rejects.length });
    await appendAudit(tx, this.actor, {
      action: 'import.run',
      targetType: 'import',
      targetIds: [this.importId],
      details: {
        importId: this.importId,
        dataset: this.dataset,
        fromLine: batch.fromLine,
        toLine: batch.toLine,
        inserted: outcome.inserted.length,
        updated: outcome.updated.length,
        unchanged: outcome.unchanged.length,
        rejected: committed.rejects.length,
      },
    });
    return { batch: committed, outcome, foreign, partial };
  }
}

class PartialLines extends Error {
  constructor(readonly lines: RejectedLine[]) {
    super('some lines hold records of another organisation');
  }
}

/** Lines whose records exist under another owner, and whether other records of those lines were written. */
function foreignLines(batch: Batch, outcome: WriteOutcome): { foreign: RejectedLine[]; partial: boolean } {
  if (outcome.foreign.length === 0) return { foreign: [], partial: false };
  const foreignIds = new Set(outcome.foreign);
  const lines = new Map<number, RejectedLine>();
  batch.records.forEach((record, i) => {
    const line = batch.recordLines[i] ?? 0;
    if (foreignIds.has(record.id) && !lines.has(line)) {
      const name = `${record.entity.schema.name} "${record.sourceId ?? record.id}"`;
      lines.set(line, { line, reason: `${name} already exists in dataset "${record.dataset}" and belongs to another organisation: an import cannot change it` });
    }
  });
  const partial = batch.records.some((record, i) => lines.has(batch.recordLines[i] ?? 0) && !foreignIds.has(record.id));
  return { foreign: [...lines.values()].sort((a, b) => a.line - b.line), partial };
}

function withoutLines(batch: Batch, rejected: RejectedLine[]): Batch {
  const lines = new Set(rejected.map((r) => r.line));
  const keep = batch.recordLines.map((line) => !lines.has(line));
  return {
    ...batch,
    records: batch.records.filter((_, i) => keep[i]),
    recordLines: batch.recordLines.filter((_, i) => keep[i]),
    rejects: [...batch.rejects, ...rejected].sort((a, b) => a.line - b.line),
  };
}
