/**
 * One side of the ingest benchmark, run in its own process by ingest.bench.ts: opens a
 * fresh store (embedded PGlite in a data directory, or a fresh schema on a PostgreSQL
 * server), imports the FtM file through the real import path (`runImport`), and reports
 * throughput and size. Peak RSS is added by childMain.
 */
import { performance } from 'node:perf_hooks';
import sql from 'sql-template-tag';
import { systemActor } from '../src/kernel/access/actor.ts';
import { migrate } from '../src/kernel/store/migrate.ts';
import { PgliteStore } from '../src/kernel/store/pglite-store.ts';
import { PostgresStore } from '../src/kernel/store/postgres-store.ts';
import type { Store } from '../src/kernel/store/store.ts';
import { insertOrganisation } from '../src/orgs/index.ts';
import { runImport } from '../src/transfer/index.ts';
import { childMain } from './lib/child.ts';
import { diskUsageMiB } from './lib/disk.ts';

export type IngestInput =
  | { target: 'pglite'; file: string; dataDir: string }
  | { target: 'postgres'; file: string; databaseUrl: string; schema: string };

export interface IngestOutput {
  target: IngestInput['target'];
  imported: number;
  rejected: number;
  status: string;
  openSeconds: number;
  elapsedSeconds: number;
  recordsPerSecond: number;
  /** Tables and indexes of the store's schema (same measure on both sides). */
  relationsMiB: number;
  /** The records table with its indexes and TOAST. */
  recordsTableMiB: number;
  /** PGlite only: the data directory on disk after closing. */
  dataDirMiB: number | null;
}

const MiB = 2 ** 20;

async function openFresh(input: IngestInput): Promise<Store> {
  if (input.target === 'pglite') {
    const store = await PgliteStore.open(input.dataDir);
    await migrate(store);
    return store;
  }
  const admin = await PostgresStore.open(input.databaseUrl, { maxConnections: 1 });
  await admin.exec(`CREATE SCHEMA ${input.schema}`);
  await admin.close();
  const store = await PostgresStore.open(input.databaseUrl, { searchPath: `${input.schema},public`, maxConnections: 4 });
  await migrate(store);
  return store;
}

async function sizes(store: Store): Promise<{ relations: number; records: number }> {
  const { rows } = await store.query<{ relations: number; records: number }>(sql`
    SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS relations,
           pg_total_relation_size(to_regclass('records'))::bigint AS records
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')`);
  return rows[0] ?? { relations: 0, records: 0 };
}

await childMain<IngestInput, IngestOutput>(async (input) => {
  const opening = performance.now();
  const store = await openFresh(input);
  const openSeconds = (performance.now() - opening) / 1000;
  let output: IngestOutput;
  try {
    await insertOrganisation(store, { id: 'ncb-bench', name: 'Benchmark bureau', kind: 'ncb', country: 'fr' });
    const started = performance.now();
    let lastLog = started;
    const report = await runImport(store, systemActor('ncb-bench', 'ncb'), {
      file: input.file,
      format: 'ftm',
      dataset: 'bench',
      defaults: { crimeArea: 'fugitive', restriction: { mode: 'everyone', orgs: [] }, handling: { code: 'H0' }, evaluation: { source: 'B', information: 2 } },
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastLog < 5000) return;
        lastLog = now;
        process.stderr.write(`  [${input.target}] ${p.linesRead.toLocaleString('en')} lines, ${Math.round((p.imported * 1000) / (now - started)).toLocaleString('en')} records/s\n`);
      },
    });
    const elapsedSeconds = (performance.now() - started) / 1000;
    const measured = await sizes(store);
    output = {
      target: input.target,
      imported: report.imported + report.updated + report.unchanged,
      rejected: report.rejected,
      status: report.status,
      openSeconds,
      elapsedSeconds,
      recordsPerSecond: (report.imported + report.updated + report.unchanged) / elapsedSeconds,
      relationsMiB: Number(measured.relations) / MiB,
      recordsTableMiB: Number(measured.records) / MiB,
      dataDirMiB: null,
    };
  } finally {
    await store.close();
  }
  // Measured after closing, when PGlite has written everything out.
  return input.target === 'pglite' ? { ...output, dataDirMiB: diskUsageMiB(input.dataDir) } : output;
}).catch((error: unknown) => {
  process.stderr.write(`ingest benchmark (child) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
