/**
 * Ingest benchmark (`npm run bench:ingest`): 1,000,000 × BENCH_SCALE generated person
 * records (realistic names in many scripts) written to an FtM JSON lines file, then
 * imported through the real import path into (a) a fresh embedded PGlite data directory
 * and (b) a fresh schema on the PostgreSQL server of DATABASE_URL — each in its own
 * process, so peak memory is measured per side. Generation is timed apart and not counted.
 *
 * Ends with one JSON line: {"bench":"ingest","scale":…,"results":{…}}.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateEntities } from '../src/demo/generator/index.ts';
import { writeFtmLines } from '../src/demo/generator/write.ts';
import { dropSchema, reachable } from './lib/postgres.ts';
import { runChild, type ChildMeasures } from './lib/child.ts';
import { readBenchEnv, scaled } from './lib/env.ts';
import { formatNumber, printJsonResult, printTable, ratio, round, verdict } from './lib/report.ts';
import type { IngestInput, IngestOutput } from './ingest.child.ts';

type Result = IngestOutput & ChildMeasures;

const TARGETS = { pgliteRecordsPerSecond: 20_000, postgresRecordsPerSecond: 50_000, peakRssMiB: 1024 };
const CHILD = new URL('./ingest.child.ts', import.meta.url);

const { scale, databaseUrl } = readBenchEnv();
const count = scaled(1_000_000, scale);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-ingest-'));
const file = path.join(workDir, 'persons.ftm.jsonl');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function generate(): Promise<{ seconds: number; mib: number }> {
  log(`Generating ${count.toLocaleString('en')} person records into ${file} …`);
  const started = performance.now();
  const out = fs.createWriteStream(file);
  await writeFtmLines(generateEntities({ seed: 'bench-ingest', count, kind: 'persons' }), out);
  await new Promise<void>((resolve, reject) => out.end(() => resolve()).on('error', reject));
  return { seconds: (performance.now() - started) / 1000, mib: fs.statSync(file).size / 2 ** 20 };
}


async function side(name: string, input: IngestInput): Promise<Result | null> {
  log(`Importing into ${name} (separate process) …`);
  try {
    const result = await runChild<Result>(CHILD, input);
    log(`  ${name}: ${formatNumber(result.imported)} records in ${result.elapsedSeconds.toFixed(1)} s (${formatNumber(result.recordsPerSecond)} records/s), status ${result.status}`);
    return result;
  } catch (error) {
    log(`  ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return null;
  }
}

async function main(): Promise<void> {
  const generated = await generate();
  log(`Generated in ${generated.seconds.toFixed(1)} s (${generated.mib.toFixed(0)} MiB), not counted below.`);

  const pglite = await side('PGlite', { target: 'pglite', file, dataDir: path.join(workDir, 'pglite') });

  let postgres: Result | null = null;
  const unreachable = await reachable(databaseUrl);
  if (unreachable) log(`PostgreSQL skipped: ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')} is not reachable (${unreachable}). Set DATABASE_URL to measure it.`);
  else {
    const schema = `bench_ingest_${randomBytes(4).toString('hex')}`;
    try {
      postgres = await side('PostgreSQL', { target: 'postgres', file, databaseUrl, schema });
    } finally {
      await dropSchema(databaseUrl, schema);
    }
  }

  fs.rmSync(workDir, { recursive: true, force: true });
  report(generated, pglite, postgres, unreachable !== null);
}

function report(generated: { seconds: number; mib: number }, pglite: Result | null, postgres: Result | null, postgresSkipped: boolean): void {
  console.log('');
  console.log(`Ingest benchmark — ${count.toLocaleString('en')} generated person records (BENCH_SCALE=${scale}), FtM JSON lines through runImport`);
  console.log(`Generation: ${generated.seconds.toFixed(1)} s, file ${generated.mib.toFixed(0)} MiB (not counted). Node ${process.version}, ${os.cpus().length} CPU, ${os.platform()}.`);
  console.log('');
  const rps = (r: Result | null) => r?.recordsPerSecond;
  const rss = (r: Result | null) => r?.peakRssMiB;
  printTable(
    ['', 'PGlite', 'PostgreSQL', 'PG/PGlite', 'target', 'PGlite', 'PostgreSQL'],
    [
      ['records/s', formatNumber(rps(pglite)), formatNumber(rps(postgres)), ratio(rps(postgres), rps(pglite)), `≥ ${formatNumber(TARGETS.pgliteRecordsPerSecond)} / ≥ ${formatNumber(TARGETS.postgresRecordsPerSecond)}`,
        verdict(rps(pglite), { min: TARGETS.pgliteRecordsPerSecond }), verdict(rps(postgres), { min: TARGETS.postgresRecordsPerSecond })],
      ['elapsed (s)', formatNumber(pglite?.elapsedSeconds, 1), formatNumber(postgres?.elapsedSeconds, 1), ratio(postgres?.elapsedSeconds, pglite?.elapsedSeconds), '', '', ''],
      ['peak RSS (MiB)', formatNumber(rss(pglite)), formatNumber(rss(postgres)), ratio(rss(postgres), rss(pglite)), `< ${formatNumber(TARGETS.peakRssMiB)}`,
        verdict(rss(pglite), { max: TARGETS.peakRssMiB }), verdict(rss(postgres), { max: TARGETS.peakRssMiB })],
      ['store: tables + indexes (MiB)', formatNumber(pglite?.relationsMiB), formatNumber(postgres?.relationsMiB), ratio(postgres?.relationsMiB, pglite?.relationsMiB), '', '', ''],
      ['  of which records (MiB)', formatNumber(pglite?.recordsTableMiB), formatNumber(postgres?.recordsTableMiB), ratio(postgres?.recordsTableMiB, pglite?.recordsTableMiB), '', '', ''],
      ['PGlite data dir on disk (MiB)', formatNumber(pglite?.dataDirMiB), '', '', '', '', ''],
      ['records imported', formatNumber(pglite?.imported), formatNumber(postgres?.imported), '', formatNumber(count), pglite?.imported === count ? '✓' : '✗', postgres ? (postgres.imported === count ? '✓' : '✗') : '–'],
      ['importer CPU (s, whole child)', formatNumber(pglite?.cpuSeconds, 1), formatNumber(postgres?.cpuSeconds, 1), ratio(postgres?.cpuSeconds, pglite?.cpuSeconds), '', '', ''],
      ['store open + migrate (s)', formatNumber(pglite?.openSeconds, 1), formatNumber(postgres?.openSeconds, 1), '', '', '', ''],
    ],
  );
  console.log('');
  console.log('Peak RSS and CPU are the importing Node process\'s (PGlite runs inside it); the PostgreSQL server\'s own memory and CPU are not included.');
  if (postgresSkipped) console.log('PostgreSQL was not reachable: its column is empty.');
  printJsonResult({
    bench: 'ingest',
    scale,
    results: {
      pglite_records_per_s: round(rps(pglite), 0),
      postgres_records_per_s: round(rps(postgres), 0),
      pglite_peak_rss_mib: round(rss(pglite)),
      postgres_peak_rss_mib: round(rss(postgres)),
      pglite_store_mib: round(pglite?.dataDirMiB),
      postgres_store_mib: round(postgres?.relationsMiB),
      records: count,
    },
  });
}

await main();
