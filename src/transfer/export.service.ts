import sql from 'sql-template-tag';
import type { Actor } from '../kernel/access/actor.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { readableRecords } from '../kernel/access/visibility.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import { validationFailed } from '../kernel/errors.ts';
import { entityReferences, getSchema } from '../kernel/model/registry.ts';
import type { PoliceRecord } from '../kernel/records/record.ts';
import { streamReadable, type RecordFilters } from '../kernel/records/record-reader.ts';
import type { Queryable, Store } from '../kernel/store/store.ts';
import { csvWriter } from './formats/csv.writer.ts';
import { ftmWriter } from './formats/ftm.writer.ts';
import type { ExportWriter } from './formats/writer.ts';

export const EXPORT_FORMATS = ['ftm', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportFilters = Pick<RecordFilters, 'schema' | 'dataset' | 'crimeArea' | 'ownerOrg' | 'country' | 'status'>;

export interface ExportOptions {
  format: ExportFormat;
  filters: ExportFilters;
}

export interface ExportSummary {
  count: number;
  /** False when the reader stopped early (client gone, error). */
  complete: boolean;
}

export interface ExportStream {
  contentType: string;
  fileName: string;
  /** The file's text, a page of records at a time: iterate once. */
  chunks: AsyncIterable<string>;
  /** Settles (never rejects) when `chunks` is finished or abandoned. */
  done: Promise<ExportSummary>;
}

/**
 * Exports the records the actor may read, as FtM JSON lines or CSV (one schema), streaming:
 * records are read through `streamReadable` (the access rule) a page at a time, so memory
 * stays flat and nothing the actor may not read can appear. Audited twice as 'export.run':
 * before the first record leaves (filters) and when the stream ends (how many went out),
 * so a disclosure is on record even if the process dies half-way.
 *
 * @example
 *   const out = await startExport(store, actor, { format: 'ftm', filters: { dataset: 'opensanctions' } });
 *   for await (const chunk of out.chunks) process.stdout.write(chunk);
 *   (await out.done).count;
 */
export async function startExport(store: Store, actor: Actor, options: ExportOptions): Promise<ExportStream> {
  requirePermission(actor, 'records:export');
  const filters = Object.fromEntries(Object.entries(options.filters).filter(([, v]) => v !== undefined && v !== '')) as ExportFilters;
  const writer = writerFor(options.format, filters.schema);
  await store.transaction((tx) => appendAudit(tx, actor, { action: 'export.run', targetType: 'record', details: { format: options.format, filters, stage: 'started' } }));
  let settle: (summary: ExportSummary) => void = () => undefined;
  const done = new Promise<ExportSummary>((resolve) => (settle = resolve));
  const date = new Date().toISOString().slice(0, 10);
  return {
    contentType: writer.contentType,
    fileName: `passerelle-export${filters.schema ? `-${filters.schema}` : ''}-${date}.${writer.extension}`,
    chunks: exportChunks(store, actor, writer, filters, options.format, settle),
    done,
  };
}

function writerFor(format: ExportFormat, schemaName: string | undefined): ExportWriter {
  if (schemaName !== undefined && !getSchema(schemaName)) {
    throw validationFailed([{ field: 'schema', message: `"${schemaName}" is not a record type (see GET /api/model)` }]);
  }
  if (format === 'ftm') return ftmWriter;
  if (!schemaName) throw validationFailed([{ field: 'schema', message: 'a CSV export holds one record type: name it (e.g. Person)' }]);
  return csvWriter(schemaName);
}

async function* exportChunks(
  store: Store,
  actor: Actor,
  writer: ExportWriter,
  filters: ExportFilters,
  format: ExportFormat,
  settle: (summary: ExportSummary) => void,
): AsyncGenerator<string> {
  let count = 0;
  let complete = false;
  try {
    const header = writer.header();
    if (header) yield header;
    for await (const page of streamReadable(store, actor, filters)) {
      const ids = await exportIds(store, actor, page);
      yield page.map((record) => writer.write(record, ids)).join('');
      count += page.length;
    }
    complete = true;
  } finally {
    await store.transaction((tx) => appendAudit(tx, actor, { action: 'export.run', targetType: 'record', details: { format, filters, stage: complete ? 'completed' : 'stopped', count } }));
    settle({ count, complete });
  }
}

/**
 * The id each record of the page, and each record it links to, is exported under: its
 * source id when it has one, else its record id. Linked records outside the page are
 * looked up through the access rule too; one the actor may not read keeps its record id.
 */
async function exportIds(db: Queryable, actor: Actor, page: PoliceRecord[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const record of page) ids.set(record.id, record.sourceId ?? record.id);
  const missing = new Set<string>();
  for (const record of page) {
    const schema = getSchema(record.schema);
    if (schema) for (const ref of entityReferences(schema, record.properties)) if (!ids.has(ref)) missing.add(ref);
  }
  if (missing.size) {
    const { rows } = await db.query<{ id: string; source_id: string | null }>(
      sql`SELECT r.id, r.source_id FROM ${readableRecords(actor)} AS r WHERE r.id = ANY(${[...missing]}::uuid[])`,
    );
    for (const row of rows) ids.set(row.id, row.source_id ?? row.id);
  }
  return ids;
}
