import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'sql-template-tag';
import { DATE_OID, INT8_OID, parseDate, parseInt8, type QueryResult, type Queryable, type Store } from './store.ts';

const toResult = <Row>(r: { rows: Row[]; affectedRows?: number }): QueryResult<Row> => ({
  rows: r.rows,
  rowCount: r.affectedRows ?? r.rows.length,
});

/** The embedded PostgreSQL (WASM). One connection: transactions run one after another. */
export class PgliteStore implements Store {
  readonly kind = 'pglite' as const;

  private constructor(private readonly db: PGlite) {}

  /** Opens (creating if needed) the database in `dataDir`; `undefined` keeps it in memory. */
  static async open(dataDir: string | undefined): Promise<PgliteStore> {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir, {
      parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
    });
    return new PgliteStore(db);
  }

  async query<Row>(statement: Sql): Promise<QueryResult<Row>> {
    return toResult(await this.db.query<Row>(statement.text, statement.values));
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      work({
        query: async <Row>(s: Sql) => toResult(await tx.query<Row>(s.text, s.values)),
        exec: async (script: string) => {
          await tx.exec(script);
        },
      }),
    );
  }

  async exec(script: string): Promise<void> {
    await this.db.exec(script);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
