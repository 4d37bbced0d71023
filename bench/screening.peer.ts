/**
 * The peer of the screening benchmark: PostgreSQL's pg_trgm on the same names, in the same
 * database. Every name and alias of the loaded persons is a row (record_id, name) under a GIN
 * trigram index, queried `WHERE name % $1 ORDER BY similarity(name, $1) DESC LIMIT 10` at
 * pg_trgm.similarity_threshold 0.5 (as the eval); document numbers, normalised as our index
 * does, are rows under a btree, queried by equality.
 */
import { performance } from 'node:perf_hooks';
import sql from 'sql-template-tag';
import { normaliseIdentifier } from '../src/kernel/index/index-entry.ts';
import { recordIdFor } from '../src/kernel/records/record.ts';
import type { Queryable } from '../src/kernel/store/store.ts';
import type { BenchQuery } from './screening.data.ts';
import { summarise, type QuerySummary, type Timed } from './screening.stats.ts';

export interface PeerBuild {
  /** Filling the two tables from the records. */
  fillSeconds: number;
  /** CREATE INDEX (GIN trigram on names, btree on numbers). */
  indexSeconds: number;
  names: number;
  documents: number;
  nameIndexMiB: number;
  documentIndexMiB: number;
}

export interface PeerRun {
  name: QuerySummary;
  document: QuerySummary;
  seconds: number;
}

const WARM_UP = 200;
const MiB = 2 ** 20;

/** Sets the session up: similarity threshold 0.5, and enough memory to build a GIN index in one go. */
export async function preparePeerSession(db: Queryable): Promise<void> {
  await db.exec("SET pg_trgm.similarity_threshold = 0.5; SET maintenance_work_mem = '1GB'");
}

export async function buildPeer(db: Queryable): Promise<PeerBuild> {
  const filling = performance.now();
  await db.exec(`
    DROP TABLE IF EXISTS peer_names; DROP TABLE IF EXISTS peer_documents;
    CREATE TABLE peer_names AS
      SELECT r.id AS record_id, n.name FROM records r
      CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(r.properties->'name', '[]'::jsonb) || coalesce(r.properties->'alias', '[]'::jsonb)) AS n(name)
      WHERE r.schema = 'Person' AND r.status = 'active';
    CREATE TABLE peer_documents AS
      SELECT r.id AS record_id, regexp_replace(upper(n.number), '[^A-Z0-9]', '', 'g') AS number FROM records r
      CROSS JOIN LATERAL jsonb_array_elements_text(r.properties->'number') AS n(number)
      WHERE r.schema IN ('Passport', 'Identification') AND r.status = 'active';`);
  const fillSeconds = (performance.now() - filling) / 1000;
  const indexing = performance.now();
  await db.exec(`
    CREATE INDEX peer_names_trgm ON peer_names USING gin (name gin_trgm_ops);
    CREATE INDEX peer_documents_number ON peer_documents (number);
    ANALYZE peer_names; ANALYZE peer_documents;`);
  const indexSeconds = (performance.now() - indexing) / 1000;
  const { rows } = await db.query<{ names: number; documents: number; name_index: number; document_index: number }>(sql`
    SELECT (SELECT count(*) FROM peer_names)::int AS names, (SELECT count(*) FROM peer_documents)::int AS documents,
           pg_relation_size(to_regclass('peer_names_trgm'))::bigint AS name_index,
           pg_relation_size(to_regclass('peer_documents_number'))::bigint AS document_index`);
  const r = rows[0] ?? { names: 0, documents: 0, name_index: 0, document_index: 0 };
  return { fillSeconds, indexSeconds, names: r.names, documents: r.documents, nameIndexMiB: Number(r.name_index) / MiB, documentIndexMiB: Number(r.document_index) / MiB };
}

async function ask(db: Queryable, q: BenchQuery): Promise<string[]> {
  if (q.kind === 'name') {
    const name = q.query.name ?? '';
    const { rows } = await db.query<{ record_id: string }>(sql`
      SELECT record_id, similarity(name, ${name}) AS score FROM peer_names WHERE name % ${name} ORDER BY similarity(name, ${name}) DESC LIMIT 10`);
    return rows.map((r) => r.record_id);
  }
  const { rows } = await db.query<{ record_id: string }>(sql`SELECT record_id FROM peer_documents WHERE number = ${normaliseIdentifier(q.query.documentNumber ?? '')} LIMIT 10`);
  return rows.map((r) => r.record_id);
}

/** The same queries, one at a time, over the peer's connection; recall counts the expected record in the top 10. */
export async function queryPeer(db: Queryable, queries: readonly BenchQuery[], dataset: string): Promise<PeerRun> {
  for (const q of queries.slice(0, WARM_UP)) await ask(db, q);
  const started = performance.now();
  const timed: Timed[] = [];
  for (const q of queries) {
    const t = performance.now();
    const ids = await ask(db, q);
    const ms = performance.now() - t;
    timed.push({ query: q, ms, found: q.expected !== undefined && ids.includes(recordIdFor(dataset, q.expected)), matched: ids.length > 0 });
  }
  return { name: summarise(timed.filter((t) => t.query.kind === 'name')), document: summarise(timed.filter((t) => t.query.kind === 'document')), seconds: (performance.now() - started) / 1000 };
}
