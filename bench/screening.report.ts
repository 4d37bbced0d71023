/**
 * The screening benchmark's table and JSON line: our index (in-process and over HTTP) next to
 * pg_trgm on the same names, with the ratio and the issue's targets.
 */
import os from 'node:os';
import type { ChildMeasures } from './lib/child.ts';
import { formatNumber, printJsonResult, printTable, ratio, round, verdict, type Cell } from './lib/report.ts';
import type { IndexOutput } from './screening.child.ts';
import type { GeneratedData } from './screening.data.ts';
import type { PeerBuild, PeerRun } from './screening.peer.ts';
import type { QuerySummary } from './screening.stats.ts';

/** Issue 5, on 2 cores. */
export const TARGETS = { nameP95InProcessMs: 5, nameP95HttpMs: 10, documentP99Ms: 2, batchSubjectsPerSecond: 1000, indexBuildSeconds: 180, indexRssMiB: 8192 };

export interface ReportInput {
  scale: number;
  target: 'postgres' | 'pglite';
  fallback: string | null;
  data: GeneratedData;
  loaded: { seconds: number; records: number; rejected: number };
  recordsMiB: number | null;
  index: IndexOutput & ChildMeasures;
  peer: { build: PeerBuild; run: PeerRun };
  batchSubjects: number;
}

const at = (max: number) => ({ max: max + 1e-9 });
const ms = (v: number | null | undefined) => formatNumber(v, 2);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);

function latencyRows(label: string, ours: QuerySummary, http: QuerySummary, peer: QuerySummary, target: { q: 'p95' | 'p99'; inProcess: number; http?: number }): Cell[][] {
  const rows: Cell[][] = [];
  for (const q of ['p50', 'p95', 'p99'] as const) {
    const targeted = q === target.q;
    rows.push([`${label} ${q}, in-process (ms)`, ms(ours[q]), ms(peer[q]), ratio(ours[q], peer[q]), targeted ? `≤ ${target.inProcess}` : '', targeted ? verdict(ours[q], at(target.inProcess)) : '']);
  }
  for (const q of ['p50', 'p95', 'p99'] as const) {
    // The issue sets an HTTP target for name checks only.
    const limit = q === target.q && target.http !== undefined ? target.http : null;
    rows.push([`${label} ${q}, over HTTP (ms)`, ms(http[q]), ms(peer[q]), ratio(http[q], peer[q]), limit ? `≤ ${limit}` : '', limit ? verdict(http[q], at(limit)) : '']);
  }
  return rows;
}

export function report(r: ReportInput): void {
  const { index, peer, data } = r;
  const inProc = index.inProcess;
  const http = index.http;
  const indexHeap = index.indexMiB;
  const peerBuild = peer.build.fillSeconds + peer.build.indexSeconds;
  const peerIndexMiB = peer.build.nameIndexMiB + peer.build.documentIndexMiB;
  const entities = data.persons + data.documents;
  console.log('');
  console.log(`Screening benchmark — ${formatNumber(data.persons)} persons, ${formatNumber(data.documents)} documents (BENCH_SCALE=${r.scale}) in ${r.target === 'postgres' ? 'PostgreSQL' : 'PGlite'}; Node ${process.version}, ${os.cpus().length} CPU`);
  if (r.fallback) console.log(`PostgreSQL was not reachable (${r.fallback}): everything ran on PGlite, the peer too.`);
  console.log(`Generate: ${data.seconds.toFixed(1)} s (${formatNumber((data.seconds * 1e6) / entities, 1)} µs/entity, file ${data.fileMiB.toFixed(0)} MiB). Load (runImport): ${r.loaded.seconds.toFixed(1)} s, ${formatNumber(r.loaded.records / r.loaded.seconds)} records/s${r.recordsMiB ? `, records table ${formatNumber(r.recordsMiB)} MiB` : ''}. Neither is counted below.`);
  console.log(`Queries: ${data.queries.filter((q) => q.kind === 'name').length} names (${inProc.name.hits} of loaded persons), ${data.queries.filter((q) => q.kind === 'document').length} document numbers (${inProc.document.hits} loaded); batch of ${formatNumber(r.batchSubjects)} subjects.`);
  console.log('');
  printTable(
    ['', 'ours', 'pg_trgm', 'ours/peer', 'target', 'verdict'],
    [
      ['index build (s)', formatNumber(index.buildSeconds, 1), formatNumber(peerBuild, 1), ratio(index.buildSeconds, peerBuild), `≤ ${TARGETS.indexBuildSeconds}`, verdict(index.buildSeconds, at(TARGETS.indexBuildSeconds))],
      ['  of which waiting for the database (s)', formatNumber(index.buildWaitSeconds, 1), '', '', '', ''],
      ['  of which waiting for the shards to index (s)', formatNumber(index.buildIndexSeconds, 1), '', '', '', ''],
      ['index shards (threads)', String(index.shards), '', '', '', ''],
      ['index process peak RSS at build (MiB)', formatNumber(index.peakRssBuildMiB), '', '', `≤ ${formatNumber(TARGETS.indexRssMiB)}`, verdict(index.peakRssBuildMiB, at(TARGETS.indexRssMiB))],
      ['index size: our arrays and word tables / peer on disk (MiB)', formatNumber(indexHeap), formatNumber(peerIndexMiB), ratio(indexHeap, peerIndexMiB), '', ''],
      ['entries indexed (ours: records; peer: names + numbers)', formatNumber(index.entries), formatNumber(peer.build.names + peer.build.documents), '', '', ''],
      ...latencyRows('name check', inProc.name, http.name, peer.run.name, { q: 'p95', inProcess: TARGETS.nameP95InProcessMs, http: TARGETS.nameP95HttpMs }),
      ...latencyRows('document check', inProc.document, http.document, peer.run.document, { q: 'p99', inProcess: TARGETS.documentP99Ms }),
      ['batch over HTTP (subjects/s)', formatNumber(http.batch.subjectsPerSecond), '', '', `≥ ${formatNumber(TARGETS.batchSubjectsPerSecond)}`, verdict(http.batch.subjectsPerSecond, { min: TARGETS.batchSubjectsPerSecond })],
      ['recall: hit names, record in top 10', pct(inProc.name.recall), pct(peer.run.name.recall), ratio(inProc.name.recall, peer.run.name.recall), '', ''],
      ['recall: hit document numbers', pct(inProc.document.recall), pct(peer.run.document.recall), ratio(inProc.document.recall, peer.run.document.recall), '', ''],
      ['no-hit names answered with a match', pct(inProc.name.missesMatched), pct(peer.run.name.missesMatched), '', '', ''],
      ['no-hit numbers answered with a match', pct(inProc.document.missesMatched), pct(peer.run.document.missesMatched), '', '', ''],
    ],
  );
  console.log('');
  console.log('Recall by kind of hit query (ours in-process / pg_trgm):');
  for (const [variant, v] of Object.entries({ ...inProc.name.recallByVariant, ...inProc.document.recallByVariant })) {
    const p = peer.run.name.recallByVariant[variant] ?? peer.run.document.recallByVariant[variant];
    console.log(`  ${variant} (${v.count}): ${pct(v.recall)} / ${pct(p?.recall)}`);
  }
  console.log('');
  console.log(`Ours: ScreeningService.check (officer of another bureau; threshold 0.72, top 10) in the index's process, which read ${formatNumber(index.rowsRead)} rows;`);
  console.log('name checks send the name with birth date, nationality and gender, as a passenger list has them. Over HTTP: POST /api/screening/check');
  console.log('(which records a hit for every match) from a client process, with an API key. pg_trgm: the same names and aliases of the persons');
  console.log('(GIN gin_trgm_ops, similarity_threshold 0.5, name only), numbers under a btree (exact match), queried one at a time over one');
  console.log(`connection; its build is table fill ${peer.build.fillSeconds.toFixed(1)} s + CREATE INDEX ${peer.build.indexSeconds.toFixed(1)} s (maintenance_work_mem 1GB).`);
  console.log(`Index process: RSS ${formatNumber(index.rssBeforeMiB)} → ${formatNumber(index.rssAfterMiB)} MiB, main thread heap ${formatNumber(index.heapBeforeMiB)} → ${formatNumber(index.heapAfterMiB)} MiB (after GC), index ${formatNumber(indexHeap)} MiB in ${index.shards} shards, ` +
    `${formatNumber((indexHeap * 2 ** 20) / Math.max(1, index.entries))} bytes per entry; peak RSS over the whole child ${formatNumber(index.peakRssMiB)} MiB. Batch: ${http.batch.subjects} subjects in ${http.batch.seconds.toFixed(1)} s, ${http.batch.hits} hits, ${http.batch.errors} errors.`);
  printJsonResult({
    bench: 'screening',
    scale: r.scale,
    results: {
      persons: data.persons,
      documents: data.documents,
      generate_s: round(data.seconds),
      load_s: round(r.loaded.seconds),
      load_records_per_s: round(r.loaded.records / r.loaded.seconds, 0),
      index_build_s: round(index.buildSeconds),
      index_build_db_wait_s: round(index.buildWaitSeconds),
      index_build_indexing_s: round(index.buildIndexSeconds),
      index_rss_mib: round(index.peakRssBuildMiB),
      index_heap_mib: round(indexHeap),
      index_entries: index.entries,
      index_shards: index.shards,
      name_p50_ms_inprocess: round(inProc.name.p50, 2),
      name_p95_ms_inprocess: round(inProc.name.p95, 2),
      name_p99_ms_inprocess: round(inProc.name.p99, 2),
      name_p50_ms_http: round(http.name.p50, 2),
      name_p95_ms_http: round(http.name.p95, 2),
      name_p99_ms_http: round(http.name.p99, 2),
      document_p50_ms_inprocess: round(inProc.document.p50, 2),
      document_p95_ms_inprocess: round(inProc.document.p95, 2),
      document_p99_ms_inprocess: round(inProc.document.p99, 2),
      document_p50_ms_http: round(http.document.p50, 2),
      document_p95_ms_http: round(http.document.p95, 2),
      document_p99_ms_http: round(http.document.p99, 2),
      batch_subjects_per_s: round(http.batch.subjectsPerSecond, 0),
      name_recall_top10: round(inProc.name.recall, 3),
      document_recall: round(inProc.document.recall, 3),
      name_nohit_matched_share: round(inProc.name.missesMatched, 3),
      peer_index_build_s: round(peerBuild),
      peer_index_mib: round(peerIndexMiB),
      peer_name_p50_ms: round(peer.run.name.p50, 2),
      peer_name_p95_ms: round(peer.run.name.p95, 2),
      peer_name_p99_ms: round(peer.run.name.p99, 2),
      peer_document_p50_ms: round(peer.run.document.p50, 2),
      peer_document_p95_ms: round(peer.run.document.p95, 2),
      peer_document_p99_ms: round(peer.run.document.p99, 2),
      peer_name_recall_top10: round(peer.run.name.recall, 3),
      peer_document_recall: round(peer.run.document.recall, 3),
      peer_name_nohit_matched_share: round(peer.run.name.missesMatched, 3),
    },
  });
}
