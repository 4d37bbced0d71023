/**
 * The index side of the screening benchmark, in its own process (so its memory is the
 * index's): builds the name index from the loaded database (`NameIndexSync.catchUp`), then
 * times the queries through `ScreeningService.check` in-process, then serves the real app on
 * 127.0.0.1 and has a client process (screening.http.ts) time the same queries over HTTP
 * and a passenger list through the batch route.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { userActor } from '../src/auth/authenticate.ts';
import type { Actor } from '../src/kernel/access/actor.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { NameIndexSync } from '../src/kernel/index/index-sync.ts';
import { PgliteStore } from '../src/kernel/store/pglite-store.ts';
import { PostgresStore } from '../src/kernel/store/postgres-store.ts';
import type { Store } from '../src/kernel/store/store.ts';
import { ScreeningService, type ScreeningMatch } from '../src/screening/screening.service.ts';
import { buildApp } from '../src/server/app.ts';
import { childMain, runChild, type ChildMeasures } from './lib/child.ts';
import { vmHwmMiB } from './lib/memory.ts';
import type { BenchQuery } from './screening.data.ts';
import type { HttpInput, HttpOutput } from './screening.http.ts';
import { summarise, type QuerySummary, type Timed } from './screening.stats.ts';

export type IndexInput = ({ target: 'pglite'; dataDir: string } | { target: 'postgres'; databaseUrl: string; schema: string }) & {
  queriesFile: string;
  officer: { user_id: string; username: string; org_id: string };
  apiKey: string;
  batchSubjects: number;
};

export interface IndexOutput {
  rowsRead: number;
  entries: number;
  /** Threads the index was split into (one per core). */
  shards: number;
  buildSeconds: number;
  /** Of the build: waiting for the database's pages, and indexing them. */
  buildWaitSeconds: number;
  buildIndexSeconds: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  /** The shards' own arrays and word tables (they live in worker threads: the main thread's heap does not hold them). */
  indexMiB: number;
  heapBeforeMiB: number;
  /** After a full garbage collection: what the index keeps. */
  heapAfterMiB: number;
  /** The process's high-water mark right after the build (Linux). */
  peakRssBuildMiB: number | null;
  inProcess: { name: QuerySummary; document: QuerySummary; seconds: number };
  http: HttpOutput & ChildMeasures;
}

const MiB = 2 ** 20;
const HTTP_CHILD = new URL('./screening.http.ts', import.meta.url);
const WARM_UP = 200;
const log = (line: string) => process.stderr.write(`${line}\n`);

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function memory(): { rss: number; heap: number } {
  collectGarbage();
  const m = process.memoryUsage();
  // The index keeps its data in typed arrays, outside the JavaScript heap: both are counted.
  return { rss: m.rss / MiB, heap: (m.heapUsed + m.arrayBuffers) / MiB };
}

async function open(input: IndexInput): Promise<Store> {
  if (input.target === 'pglite') return PgliteStore.open(input.dataDir);
  return PostgresStore.open(input.databaseUrl, { searchPath: `${input.schema},public`, maxConnections: 8 });
}

const found = (matches: readonly { disclosure: string; sourceId?: string | null }[], expected: string | undefined) =>
  expected !== undefined && matches.some((m) => m.disclosure === 'full' && m.sourceId === expected);

async function inProcess(screening: ScreeningService, actor: Actor, queries: BenchQuery[]) {
  const check = (q: BenchQuery): Promise<ScreeningMatch[]> => screening.check(actor, q.query);
  for (const q of queries.slice(0, WARM_UP)) await check(q);
  const started = performance.now();
  const timed: Timed[] = [];
  for (const q of queries) {
    const t = performance.now();
    const matches = await check(q);
    timed.push({ query: q, ms: performance.now() - t, found: found(matches, q.expected), matched: matches.length > 0 });
  }
  const seconds = (performance.now() - started) / 1000;
  return { name: summarise(timed.filter((t) => t.query.kind === 'name')), document: summarise(timed.filter((t) => t.query.kind === 'document')), seconds };
}

await childMain<IndexInput, IndexOutput>(async (input) => {
  const queries = JSON.parse(fs.readFileSync(input.queriesFile, 'utf8')) as BenchQuery[];
  const store = await open(input);
  try {
    const before = memory();
    log(`  [index] building the name index from the database (NameIndexSync.catchUp) …`);
    const sync = new NameIndexSync(store);
    const started = performance.now();
    const rowsRead = await sync.catchUp();
    const buildSeconds = (performance.now() - started) / 1000;
    const peakRssBuildMiB = vmHwmMiB();
    const after = memory();
    const { waitMs, indexMs } = sync.lastCatchUpStats;
    const indexStats = await sync.index.stats();
    log(`  [index] ${indexStats.entries.toLocaleString('en')} entries from ${rowsRead.toLocaleString('en')} rows in ${buildSeconds.toFixed(1)} s `
      + `(waiting for the database ${(waitMs / 1000).toFixed(1)} s, indexing ${(indexMs / 1000).toFixed(1)} s); heap + typed arrays +${(after.heap - before.heap).toFixed(0)} MiB, `
      + `RSS ${after.rss.toFixed(0)} MiB; index ${JSON.stringify(indexStats)}`);

    const actor = userActor({ ...input.officer, role: 'officer', org_kind: 'ncb' });
    log(`  [index] ${queries.length.toLocaleString('en')} checks in-process (ScreeningService.check) …`);
    const measured = await inProcess(new ScreeningService(store, sync), actor, queries);

    const config = loadConfig({ PASSERELLE_DATA: path.join(os.tmpdir(), 'passerelle-bench-unused'), LOG_LEVEL: 'silent', PASSERELLE_RATE_LIMIT_PER_MINUTE: '100000000' });
    const app = await buildApp({ config, store, nameIndex: sync }, { logger: false });
    let http: HttpOutput & ChildMeasures;
    try {
      const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
      log(`  [index] serving on ${baseUrl}; the HTTP client runs in its own process …`);
      http = await runChild<HttpOutput & ChildMeasures>(HTTP_CHILD, { baseUrl, apiKey: input.apiKey, queriesFile: input.queriesFile, batchSubjects: input.batchSubjects } satisfies HttpInput);
    } finally {
      await app.close();
    }
    return {
      rowsRead, entries: indexStats.entries, shards: indexStats.shards, buildSeconds, buildWaitSeconds: waitMs / 1000, buildIndexSeconds: indexMs / 1000, peakRssBuildMiB,
      rssBeforeMiB: before.rss, rssAfterMiB: after.rss, indexMiB: indexStats.bytes / MiB, heapBeforeMiB: before.heap, heapAfterMiB: after.heap,
      inProcess: measured, http,
    };
  } finally {
    await store.close();
  }
}).catch((error: unknown) => {
  process.stderr.write(`screening benchmark (index child) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
