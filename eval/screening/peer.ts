/**
 * The peer the screening matcher is compared with: PostgreSQL's pg_trgm, in PGlite.
 * Every name and alias is a row (dataset, source id, name) under a GiST trigram index;
 * a query takes the 50 nearest names (`<->`, i.e. highest similarity) and keeps the best
 * score per source id, 10 at most.
 *
 * @example
 *   const peer = await TrigramPeer.open();
 *   await peer.load('ofac', [{ sourceId: '35096', name: 'PUTIN, Vladimir Vladimirovich' }]);
 *   await peer.search('ofac', 'Vladimir Putin'); // [{ sourceId: '35096', score: 0.6… }]
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export interface PeerMatch { sourceId: string; name: string; score: number }

export class TrigramPeer {
  private constructor(private readonly db: PGlite) {}

  static async open(): Promise<TrigramPeer> {
    const db = await PGlite.create({ extensions: { pg_trgm } });
    await db.exec(`
      CREATE EXTENSION pg_trgm;
      CREATE TABLE names (dataset text NOT NULL, source_id text NOT NULL, name text NOT NULL);`);
    return new TrigramPeer(db);
  }

  async load(dataset: string, rows: { sourceId: string; name: string }[]): Promise<void> {
    const chunk = 1000;
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await this.db.query(
        `INSERT INTO names (dataset, source_id, name) SELECT $1, s, n FROM unnest($2::text[], $3::text[]) AS t(s, n)`,
        [dataset, part.map((r) => r.sourceId), part.map((r) => r.name)],
      );
    }
  }

  /** Call once everything is loaded. */
  async index(): Promise<void> {
    await this.db.exec('CREATE INDEX names_trgm ON names USING gist (name gist_trgm_ops); ANALYZE names;');
  }

  async search(dataset: string, text: string, limit = 10): Promise<PeerMatch[]> {
    const { rows } = await this.db.query<{ source_id: string; name: string; score: number }>(
      `SELECT source_id, name, similarity(name, $2) AS score FROM names WHERE dataset = $1 ORDER BY name <-> $2 LIMIT 50`,
      [dataset, text],
    );
    const best = new Map<string, PeerMatch>();
    for (const row of rows) {
      const seen = best.get(row.source_id);
      if (!seen || row.score > seen.score) best.set(row.source_id, { sourceId: row.source_id, name: row.name, score: Number(row.score) });
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
