import type { Readable } from 'node:stream';
import type { ImportFormat } from './formats/index.ts';
import type { ImportDefaults } from './transfer.meta.ts';

export type { ImportFormat } from './formats/index.ts';

export interface ImportProgress {
  importId: string;
  bytesRead: number;
  /** 0 when unknown (an upload without Content-Length). */
  totalBytes: number;
  linesRead: number;
  /** Records created so far. */
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportOptions {
  /** The file to read; when `input` is given, only the name recorded for the import. */
  file: string;
  /** Read from this stream (an upload) instead of opening `file`. */
  input?: Readable | undefined;
  /** Size of `input`, for progress; files are measured. */
  totalBytes?: number | undefined;
  format: ImportFormat;
  dataset: string;
  /** CSV only: the column mapping file (YAML or JSON). */
  mappingFile?: string | undefined;
  /** CSV only: the column mapping itself (YAML/JSON text or a parsed object), instead of `mappingFile`. */
  mapping?: unknown;
  /**
   * Metadata applied to every imported record unless its line carries its own (a CSV
   * mapping's `defaults` come in between). `ownerOrg` other than the importer's: hub only.
   * Without `reviewDate`, records are due for review `reviewYears` (default 5) from today.
   */
  defaults: ImportDefaults;
  reviewYears?: number | undefined;
  /** All rows or none: one transaction, rolled back on the first bad row. Default: keep good rows, report bad ones. */
  atomic?: boolean | undefined;
  /** Reject lines with properties the schema does not have, instead of dropping those properties. */
  strict?: boolean | undefined;
  /** Records per transaction (default 2,000). */
  batchSize?: number | undefined;
  /** PostgreSQL only: batches written at once, each on its own connection (default 3). PGlite writes one at a time. */
  concurrency?: number | undefined;
  /** Write every rejected line here as JSON lines: {"line", "reason", "source"}. */
  rejectsFile?: string | undefined;
  /** Stops after the batch being written: the import is marked 'interrupted'. */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportReport {
  importId: string;
  linesRead: number;
  /** Records created. */
  imported: number;
  /** Records that existed and changed (their previous version is kept). */
  updated: number;
  /** Records that existed and were already the same. */
  unchanged: number;
  /** Lines rejected (a CSV line giving several entities counts once). */
  rejected: number;
  /** The first 1,000 rejected lines, in order; all of them go to `rejectsFile`. */
  rejects: RejectedRow[];
  /** `Schema.property` → values dropped because the schema has no such property. */
  droppedProperties: Record<string, number>;
  status: 'completed' | 'failed' | 'interrupted';
  durationMs: number;
  recordsPerSecond: number;
}
