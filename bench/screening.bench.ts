/**
 * Screening benchmark (`npm run bench:screening`, issue 5): 4,000,000 × BENCH_SCALE generated
 * persons with aliases in several scripts, holding ~10,000,000 × BENCH_SCALE identity and
 * travel documents, loaded through the real import path (runImport) into a fresh schema on
 * the PostgreSQL server of DATABASE_URL (PGlite when it is unreachable). Then, in a process of
 * its own: the name index built from the database (time, memory), single checks in-process
 * (ScreeningService.check) and over HTTP (the real app on 127.0.0.1, an API key), and a
 * passenger list through the batch route. Last, the same queries against pg_trgm on the same
 * names in the same database. Generation and load are timed apart and not counted.
 * BENCH_KEEP=DIR keeps the loaded schema (or PGlite directory) and the queries in DIR, and a
 * later run with the same BENCH_KEEP starts from them instead of generating and loading again
 * (BENCH_LOAD_ONLY=1 with it: generate and load, measure nothing yet).
 *
 * Ends with one JSON line: {"bench":"screening","scale":…,"results":{…}}.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import sql from 'sql-template-tag';
import { userActor } from '../src/auth/authenticate.ts';
import { ApiKeysService } from '../src/auth/apikeys.service.ts';
import { systemActor } from '../src/kernel/access/actor.ts';
import { migrate } from '../src/kernel/store/migrate.ts';
import { PgliteStore } from '../src/kernel/store/pglite-store.ts';
import { PostgresStore } from '../src/kernel/store/postgres-store.ts';
import type { Queryable, Store } from '../src/kernel/store/store.ts';
import { insertOrganisation, insertUser } from '../src/orgs/index.ts';
import { runImport } from '../src/transfer/index.ts';
import { dropSchema, reachable } from './lib/postgres.ts';
import { runChild, type ChildMeasures } from './lib/child.ts';
import { readBenchEnv, scaled } from './lib/env.ts';
import { formatNumber } from './lib/report.ts';
import type { IndexInput, IndexOutput } from './screening.child.ts';
import { generateData, type GeneratedData } from './screening.data.ts';
import { buildPeer, preparePeerSession, queryPeer, type PeerBuild, type PeerRun } from './screening.peer.ts';
import { report } from './screening.report.ts';

const CHILD = new URL('./screening.child.ts', import.meta.url);
const DATASET = 'bench-screening';
const QUERIES = { nameHits: 500, nameMisses: 1500, documentHits: 1000, documentMisses: 1000 };

const { scale, databaseUrl } = readBenchEnv();
const persons = scaled(4_000_000, scale);
const batchSubjects = Math.max(1000, scaled(10_000, scale));
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-screening-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

type Target = { kind: 'postgres'; schema: string } | { kind: 'pglite'; dataDir: string; why: string };

async function openStore(target: Target, fresh: boolean): Promise<Store> {
  if (target.kind === 'pglite') return PgliteStore.open(target.dataDir);
  if (fresh) {
    const admin = await PostgresStore.open(databaseUrl, { maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${target.schema}`);
    await admin.close();
  }
  return PostgresStore.open(databaseUrl, { searchPath: `${target.schema},public`, maxConnections: 4 });
}

/** The owning bureau, and the asking bureau's officer and border system (API key with the screening scope). */
async function seedActors(store: Store): Promise<{ officer: IndexInput['officer']; apiKey: string }> {
  await insertOrganisation(store, { id: 'ncb-bench-owner', name: 'Benchmark owning bureau', kind: 'ncb', country: 'fr' });
  await insertOrganisation(store, { id: 'ncb-bench-asker', name: 'Benchmark asking bureau', kind: 'ncb', country: 'de' });
  const password = randomBytes(18).toString('base64url');
  const officerId = await insertUser(store, { username: 'bench.officer', displayName: 'Bench Officer', orgId: 'ncb-bench-asker', role: 'officer', password });
  const supervisorId = await insertUser(store, { username: 'bench.supervisor', displayName: 'Bench Supervisor', orgId: 'ncb-bench-asker', role: 'supervisor', password });
  const supervisor = userActor({ user_id: supervisorId, username: 'bench.supervisor', role: 'supervisor', org_id: 'ncb-bench-asker', org_kind: 'ncb' });
  const { key } = await new ApiKeysService(store).create(supervisor, { name: 'bench-border-system', scopes: ['screening:check'] });
  return { officer: { user_id: officerId, username: 'bench.officer', org_id: 'ncb-bench-asker' }, apiKey: key };
}

async function load(store: Store, file: string): Promise<{ seconds: number; records: number; rejected: number }> {
  const started = performance.now();
  let lastLog = started;
  const result = await runImport(store, systemActor('ncb-bench-owner', 'ncb'), {
    file, format: 'ftm', dataset: DATASET,
    defaults: { crimeArea: 'fugitive', restriction: { mode: 'everyone', orgs: [] }, handling: { code: 'H0' }, evaluation: { source: 'B', information: 2 } },
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastLog < 10_000) return;
      lastLog = now;
      log(`  [load] ${p.linesRead.toLocaleString('en')} lines, ${Math.round((p.imported * 1000) / (now - started)).toLocaleString('en')} records/s`);
    },
  });
  if (result.status !== 'completed') throw new Error(`the import ended ${result.status}: ${JSON.stringify(result.rejects.slice(0, 3))}`);
  return { seconds: (performance.now() - started) / 1000, records: result.imported + result.updated + result.unchanged, rejected: result.rejected };
}

/** The peer's own connection: one session, so its settings hold for every query. */
async function withPeerSession<T>(target: Target, work: (db: Queryable) => Promise<T>): Promise<T> {
  if (target.kind === 'pglite') {
    const store = await openStore(target, false);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${target.schema},public` });
  await client.connect();
  try {
    return await work({ query: async (s) => client.query(s.text, s.values), exec: async (text) => void (await client.query(text)) } as Queryable);
  } finally {
    await client.end();
  }
}

/** What a kept run leaves for the next (BENCH_KEEP): the loaded schema, its actors and the queries. */
interface KeptRun {
  scale: number;
  target: Target;
  data: GeneratedData;
  loaded: { seconds: number; records: number; rejected: number };
  actors: { officer: IndexInput['officer']; apiKey: string };
}

/** Generates the watch list and loads it, or takes a run kept in BENCH_KEEP (the load of 14M records takes half an hour). */
async function prepare(keepDir: string | null): Promise<KeptRun> {
  const keptFile = keepDir ? path.join(keepDir, 'kept-run.json') : null;
  if (keptFile && fs.existsSync(keptFile)) {
    const kept = JSON.parse(fs.readFileSync(keptFile, 'utf8')) as KeptRun;
    if (kept.scale !== scale) throw new Error(`${keptFile} holds a run at BENCH_SCALE=${kept.scale}, not ${scale}: remove it or set BENCH_SCALE`);
    log(`Reusing the data kept in ${keepDir} (${kept.target.kind === 'postgres' ? `schema ${kept.target.schema}` : 'PGlite'}); generation and load figures are that run's.`);
    return kept;
  }
  const dir = keepDir ?? workDir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'watch-list.ftm.jsonl');
  log(`Generating ${persons.toLocaleString('en')} persons with their documents (kind 'screening') into ${file} …`);
  const data: GeneratedData = await generateData('bench-screening', file, persons, QUERIES);
  const entities = data.persons + data.documents;
  log(`Generated ${formatNumber(entities)} entities in ${data.seconds.toFixed(1)} s (${formatNumber((data.seconds * 1e6) / entities, 1)} µs each, ${data.fileMiB.toFixed(0)} MiB); ${data.queries.length.toLocaleString('en')} queries.`);
  const unreachable = await reachable(databaseUrl);
  const target: Target = unreachable
    ? { kind: 'pglite', dataDir: path.join(dir, 'pglite'), why: `${databaseUrl.replace(/\/\/[^@]*@/, '//…@')} is not reachable (${unreachable})` }
    : { kind: 'postgres', schema: `bench_screening_${randomBytes(4).toString('hex')}` };
  if (target.kind === 'pglite') log(`PostgreSQL not reachable: ${target.why}. Falling back to PGlite at this scale.`);
  const store = await openStore(target, true);
  try {
    await migrate(store);
    const actors = await seedActors(store);
    log(`Loading through runImport into ${target.kind === 'postgres' ? `PostgreSQL, schema ${target.schema}` : 'PGlite'} …`);
    const loaded = await load(store, file);
    log(`Loaded ${formatNumber(loaded.records)} records in ${loaded.seconds.toFixed(1)} s (${formatNumber(loaded.records / loaded.seconds)} records/s, ${loaded.rejected} rejected), not counted below.`);
    const run: KeptRun = { scale, target, data, loaded, actors };
    fs.rmSync(file, { force: true });
    if (keptFile) fs.writeFileSync(keptFile, JSON.stringify(run));
    return run;
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const keepDir = process.env.BENCH_KEEP ? path.resolve(process.env.BENCH_KEEP) : null;
  let target: Target | null = null;
  try {
    const run = await prepare(keepDir);
    target = run.target;
    if (keepDir && process.env.BENCH_LOAD_ONLY === '1') return;
    const { data, loaded, actors } = run;
    log('Vacuuming and analysing the records table, as autovacuum would after a bulk load (not counted) …');
    log(`  done in ${(await vacuumAnalyse(target)).toFixed(1)} s`);
    const queriesFile = path.join(workDir, 'queries.json');
    fs.writeFileSync(queriesFile, JSON.stringify(data.queries));
    log('Index, in-process and HTTP measures (separate process) …');
    const input: IndexInput = {
      ...(target.kind === 'pglite' ? { target: 'pglite' as const, dataDir: target.dataDir } : { target: 'postgres' as const, databaseUrl, schema: target.schema }),
      queriesFile, officer: actors.officer, apiKey: actors.apiKey, batchSubjects,
    };
    const index = await runChild<IndexOutput & ChildMeasures>(CHILD, input);
    log('Peer: pg_trgm on the same names, in the same database …');
    const peerTarget = target;
    const peer = await withPeerSession(peerTarget, async (db): Promise<{ build: PeerBuild; run: PeerRun }> => {
      await preparePeerSession(db);
      const build = await buildPeer(db);
      log(`  [peer] ${formatNumber(build.names)} names, ${formatNumber(build.documents)} numbers; filled in ${build.fillSeconds.toFixed(1)} s, indexed in ${build.indexSeconds.toFixed(1)} s`);
      return { build, run: await queryPeer(db, data.queries, DATASET) };
    });
    const recordsMiB = await recordsSize(target);
    report({ scale, target: target.kind, fallback: target.kind === 'pglite' ? target.why : null, data, loaded, recordsMiB, index, peer, batchSubjects });
  } finally {
    if (keepDir) log(`Kept for the next run: BENCH_KEEP=${keepDir} (drop the schema and the folder when done).`);
    else if (target?.kind === 'postgres') await dropSchema(databaseUrl, target.schema);
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Sets the hint bits, visibility map and planner statistics of the loaded records, as
 * autovacuum would soon after a bulk load. Without it the measures pay for that work instead
 * (each first read of a loaded page writes it back), and a server may run with autovacuum off
 * (this project's machine does).
 */
async function vacuumAnalyse(target: Target): Promise<number> {
  const started = performance.now();
  await withPeerSession(target, (db) => db.exec('VACUUM (ANALYZE) records'));
  return (performance.now() - started) / 1000;
}

async function recordsSize(target: Target): Promise<number | null> {
  if (target.kind === 'pglite') return null;
  return withPeerSession(target, async (db) => {
    const { rows } = await db.query<{ bytes: number }>(sql`SELECT pg_total_relation_size(to_regclass('records'))::bigint AS bytes`);
    return Number(rows[0]?.bytes ?? 0) / 2 ** 20;
  });
}


await main();
