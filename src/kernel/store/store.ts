import type { Sql } from 'sql-template-tag';

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Anything that runs SQL: the store itself or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(statement: Sql): Promise<QueryResult<Row>>;
  /** Runs a multi-statement script without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/**
 * The database, embedded (PGlite) or a PostgreSQL server, behind one contract.
 * The same SQL runs on both; only connection handling differs.
 *
 * @example
 *   const n = await store.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM records`);
 *   await store.transaction(async (tx) => { await tx.query(sql`…`); });
 */
export interface Store extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; any throw rolls everything back. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Both drivers would return `date` columns as JS Dates at local midnight, which shifts
// calendar dates across time zones; dates stay ISO strings. Counts come back as numbers.
export const DATE_OID = 1082;
export const INT8_OID = 20;
export const parseDate = (value: string): string => value;
export const parseInt8 = (value: string): number => Number(value);
