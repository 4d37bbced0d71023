/**
 * What the screening benchmark reports of a run of queries, whoever answered them (our index
 * in-process or over HTTP, or the pg_trgm peer): latency quantiles, the share of hit queries
 * whose record came back in the top 10, and the share of no-hit queries that matched anything.
 */
import type { BenchQuery } from './screening.data.ts';
import { quantile } from './lib/stats.ts';

export interface Timed {
  query: BenchQuery;
  ms: number;
  /** The expected record is among the matches (hit queries). */
  found: boolean;
  /** Anything matched. */
  matched: boolean;
}

export interface QuerySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  hits: number;
  /** Share of hit queries whose record was in the top 10. */
  recall: number | null;
  misses: number;
  /** Share of no-hit queries that returned a match. */
  missesMatched: number | null;
  /** Recall by variant of hit query. */
  recallByVariant: Record<string, { count: number; recall: number }>;
}

export function summarise(timed: readonly Timed[]): QuerySummary {
  const ms = timed.map((t) => t.ms);
  const hits = timed.filter((t) => t.query.hit);
  const misses = timed.filter((t) => !t.query.hit);
  const byVariant: Record<string, { count: number; recall: number }> = {};
  for (const t of hits) {
    const variant = t.query.variant.startsWith('duplicate') ? 'another bureau\'s variant record' : t.query.variant;
    const v = (byVariant[variant] ??= { count: 0, recall: 0 });
    v.recall = (v.recall * v.count + (t.found ? 1 : 0)) / (v.count + 1);
    v.count += 1;
  }
  return {
    count: timed.length,
    p50: quantile(ms, 0.5),
    p95: quantile(ms, 0.95),
    p99: quantile(ms, 0.99),
    hits: hits.length,
    recall: hits.length ? hits.filter((t) => t.found).length / hits.length : null,
    misses: misses.length,
    missesMatched: misses.length ? misses.filter((t) => t.matched).length / misses.length : null,
    recallByVariant: byVariant,
  };
}
