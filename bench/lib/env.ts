/**
 * What a benchmark reads from the environment, in one place: the scale factor
 * (BENCH_SCALE, default 1: the full-size run) and the PostgreSQL server to measure.
 */
export const DEFAULT_BENCH_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/test';

export interface BenchEnv {
  scale: number;
  databaseUrl: string;
  /** DATABASE_URL only when the environment sets it (benchmarks that default to PGlite). */
  explicitDatabaseUrl: string | null;
}

export function readBenchEnv(env: Record<string, string | undefined> = process.env): BenchEnv {
  const raw = env.BENCH_SCALE ?? '1';
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) {
    throw new Error(`BENCH_SCALE must be a number above 0 (e.g. 0.01 for a quick run, 1 for full size); got "${raw}"`);
  }
  return { scale, databaseUrl: env.DATABASE_URL || DEFAULT_BENCH_DATABASE_URL, explicitDatabaseUrl: env.DATABASE_URL || null };
}

/** `base × scale`, rounded, at least 1. */
export const scaled = (base: number, scale: number): number => Math.max(1, Math.round(base * scale));
