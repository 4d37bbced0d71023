/**
 * Public entry of the transfer capability (import/export).
 * PLACEHOLDER signatures: the transfer helper implements them.
 */
import type { Actor } from '../kernel/access/actor.ts';
import type { RecordMeta } from '../kernel/records/record-meta.ts';
import type { Store } from '../kernel/store/store.ts';

export type ImportFormat = 'ftm' | 'csv';

export interface ImportOptions {
  file: string;
  format: ImportFormat;
  dataset: string;
  /** CSV only: the column mapping file (YAML or JSON). */
  mappingFile?: string;
  /** Metadata applied to every imported record unless the row carries its own. */
  defaults: Omit<RecordMeta, 'ownerOrg'> & { ownerOrg?: string };
  /** All rows or none: one transaction, rolled back on the first bad row. Default: keep good rows, report bad ones. */
  atomic?: boolean;
  batchSize?: number;
  onProgress?: (progress: { bytesRead: number; totalBytes: number; linesRead: number; imported: number; rejected: number }) => void;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportReport {
  importId: string;
  linesRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejects: RejectedRow[];
  status: 'completed' | 'failed';
}

export async function runImport(_store: Store, _actor: Actor, _options: ImportOptions): Promise<ImportReport> {
  throw new Error('not implemented yet');
}
