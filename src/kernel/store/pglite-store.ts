import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { AppError } from '../errors.ts';
import type { Sql } from 'sql-template-tag';
import { DATE_OID, INT8_OID, parseDate, parseInt8, type QueryResult, type Queryable, type Store } from './store.ts';

const toResult = <Row>(r: { rows: Row[]; affectedRows?: number }): QueryResult<Row> => ({
  rows: r.rows,
  rowCount: r.affectedRows ?? r.rows.length,
});

/** The embedded PostgreSQL (WASM). One connection: transactions run one after another. */
export class PgliteStore implements Store {
  readonly kind = 'pglite' as const;

  private constructor(
    private readonly db: PGlite,
    private readonly releaseLock: () => void,
  ) {}

  /** Opens (creating if needed) the database in `dataDir`; `undefined` keeps it in memory. */
  static async open(dataDir: string | undefined): Promise<PgliteStore> {
    let release = () => undefined as void;
    if (dataDir) {
      fs.mkdirSync(dataDir, { recursive: true });
      release = lockDataDir(dataDir);
    }
    try {
      const db = await PGlite.create(dataDir, {
        parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
        extensions: { pg_trgm },
      });
      return new PgliteStore(db, release);
    } catch (error) {
      release();
      throw error;
    }
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
    try {
      await this.db.close();
    } finally {
      this.releaseLock();
    }
  }
}

const LOCK_FILE = 'passerelle.lock';
const heldHere = new Set<string>();

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite is a single-process database: two processes opening the same directory corrupt
 * it. A lock file with the holder's pid keeps a second one out (`passerelle import` while
 * `passerelle serve` runs) with a message saying what to do; a stale lock left by a killed
 * process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = path.join(path.resolve(dataDir), LOCK_FILE);
  const inUse = (pid: number) =>
    new AppError(
      'DATABASE_IN_USE',
      409,
      `The embedded database in ${dataDir} is in use by another Passerelle process (pid ${pid}). Stop that process first, or work through its API, or use a PostgreSQL server (DATABASE_URL), which many processes can share.`,
      'technical',
    );
  if (heldHere.has(file)) throw inUse(process.pid);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) throw inUse(holder);
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('DATABASE_IN_USE', 409, `Could not lock the embedded database in ${dataDir}; is another process starting on it?`, 'technical');
}
