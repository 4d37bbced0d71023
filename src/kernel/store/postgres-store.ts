import pg from 'pg';
import type { Sql } from 'sql-template-tag';
import { DATE_OID, INT8_OID, parseDate, parseInt8, type QueryResult, type Queryable, type Store } from './store.ts';

const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === DATE_OID) return parseDate;
    if (oid === INT8_OID) return parseInt8;
    return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
  }) as typeof pg.types.getTypeParser,
};

const toResult = <Row>(r: pg.QueryResult): QueryResult<Row> => ({ rows: r.rows as Row[], rowCount: r.rowCount ?? 0 });

export interface PostgresStoreOptions {
  /** Schema to use instead of `public` (tests isolate themselves this way). */
  searchPath?: string;
  maxConnections?: number;
}

/** A PostgreSQL server through a connection pool. */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;

  private constructor(readonly pool: pg.Pool) {}

  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      types,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    // Fail at start-up, with the server's own message, rather than on the first request.
    const client = await pool.connect();
    client.release();
    return new PostgresStore(pool);
  }

  async query<Row>(statement: Sql): Promise<QueryResult<Row>> {
    return toResult<Row>(await this.pool.query(statement.text, statement.values));
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(s: Sql) => toResult<Row>(await client.query(s.text, s.values)),
        exec: async (script: string) => {
          await client.query(script);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
