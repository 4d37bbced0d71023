/**
 * The HTTP client of the screening benchmark, in its own process (run by screening.child.ts,
 * which serves the app): POST /api/screening/check for every query, one at a time, with an
 * API key holding the screening scope; then one passenger list through POST
 * /api/screening/batch, read to its summary line. Only 127.0.0.1; every loop is bounded.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { childMain } from './lib/child.ts';
import { passengerList, type BenchQuery } from './screening.data.ts';
import { summarise, type QuerySummary, type Timed } from './screening.stats.ts';

export interface HttpInput {
  baseUrl: string;
  apiKey: string;
  queriesFile: string;
  batchSubjects: number;
}

export interface HttpOutput {
  name: QuerySummary;
  document: QuerySummary;
  batch: { subjects: number; seconds: number; subjectsPerSecond: number; hits: number; errors: number };
}

const WARM_UP = 200;
const TIMEOUT_MS = 60_000;

interface CheckResponse { matches?: { disclosure: string; sourceId?: string | null }[] }

await childMain<HttpInput, HttpOutput>(async (input) => {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(input.baseUrl)) throw new Error(`the benchmark only talks to 127.0.0.1, not ${input.baseUrl}`);
  const queries = JSON.parse(fs.readFileSync(input.queriesFile, 'utf8')) as BenchQuery[];
  const headers = { authorization: `Bearer ${input.apiKey}`, 'content-type': 'application/json' };
  const check = async (q: BenchQuery): Promise<CheckResponse> => {
    const response = await fetch(`${input.baseUrl}/api/screening/check`, { method: 'POST', headers, body: JSON.stringify(q.query), signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json()) as CheckResponse;
    if (!response.ok) throw new Error(`POST /api/screening/check answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
  for (const q of queries.slice(0, WARM_UP)) await check(q);
  const timed: Timed[] = [];
  for (const q of queries) {
    const t = performance.now();
    const matches = (await check(q)).matches ?? [];
    timed.push({ query: q, ms: performance.now() - t, found: q.expected !== undefined && matches.some((m) => m.disclosure === 'full' && m.sourceId === q.expected), matched: matches.length > 0 });
  }

  const list = passengerList(queries, input.batchSubjects);
  process.stderr.write(`  [http] passenger list of ${input.batchSubjects.toLocaleString('en')} subjects (${(list.length / 2 ** 20).toFixed(1)} MiB) through /api/screening/batch …\n`);
  const started = performance.now();
  const response = await fetch(`${input.baseUrl}/api/screening/batch`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-ndjson' }, body: list, signal: AbortSignal.timeout(TIMEOUT_MS * 20) });
  const text = await response.text();
  const seconds = (performance.now() - started) / 1000;
  if (!response.ok) throw new Error(`POST /api/screening/batch answered ${response.status}: ${text.slice(0, 500)}`);
  const summary = (JSON.parse(text.trim().split('\n').pop() ?? '{}') as { summary?: { subjects: number; hits: number; errors: number } }).summary;
  if (!summary) throw new Error('the batch answer ended without its summary line');
  return {
    name: summarise(timed.filter((t) => t.query.kind === 'name')),
    document: summarise(timed.filter((t) => t.query.kind === 'document')),
    batch: { subjects: summary.subjects, seconds, subjectsPerSecond: summary.subjects / seconds, hits: summary.hits, errors: summary.errors },
  };
}).catch((error: unknown) => {
  process.stderr.write(`screening benchmark (HTTP client) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
