import sql, { empty, join, type Sql } from 'sql-template-tag';
import type { Actor } from '../access/actor.ts';
import { readableRecords } from '../access/visibility.ts';
import { concreteSchemata, isA } from '../model/registry.ts';
import type { Queryable } from '../store/store.ts';
import { rowToRecord, type PoliceRecord, type RecordRow } from './record.ts';

/**
 * Reads records through the access rule. Every function here starts from
 * `readableRecords(actor)`: a record the actor may not read is indistinguishable
 * from one that does not exist.
 */
export async function findReadable(db: Queryable, actor: Actor, ids: string[]): Promise<Map<string, PoliceRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<RecordRow>(sql`SELECT r.* FROM ${readableRecords(actor)} AS r WHERE r.id = ANY(${ids}::uuid[])`);
  return new Map(rows.map((row) => [row.id, rowToRecord(row)]));
}

export interface RecordFilters {
  q?: string | undefined;
  /** Match `q` by spelling similarity (typos, transliteration variants) instead of by word prefix. */
  fuzzy?: boolean | undefined;
  /** The records matching `q` by spelling, most similar first (from the name index): replaces the word match. */
  rankedIds?: string[] | undefined;
  schema?: string | undefined;
  crimeArea?: string | undefined;
  ownerOrg?: string | undefined;
  country?: string | undefined;
  dataset?: string | undefined;
  status?: 'active' | 'cancelled' | 'any' | undefined;
  updatedFrom?: string | undefined;
  updatedTo?: string | undefined;
  reviewDue?: boolean | undefined;
}

/**
 * Turns free text into a prefix full-text query: "moha ali" → moha:* & ali:*. Combining
 * marks (Thai vowels, Urdu and Devanagari signs) stay inside their word, as the full-text
 * parser keeps them. The query is composed (NFC) as stored values are.
 */
export function toPrefixQuery(q: string): string | null {
  // Stored values are NFC (see property-types.ts); a decomposed query ('ا' + U+0653 for 'آ') must match them.
  const tokens = q.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return tokens.length ? tokens.slice(0, 12).map((t) => `${t}:*`).join(' & ') : null;
}

function textClause(f: RecordFilters): Sql | null {
  if (f.rankedIds) return sql`r.id = ANY(${f.rankedIds}::uuid[])`;
  if (!f.q) return null;
  const tsquery = toPrefixQuery(f.q);
  return tsquery ? sql`to_tsvector('simple', r.search_text) @@ to_tsquery('simple', ${tsquery})` : sql`false`;
}

/** The WHERE clause for the filters, over alias `r`. */
export function filterClause(f: RecordFilters): Sql {
  const parts: Sql[] = [];
  const text = textClause(f);
  if (text) parts.push(text);
  if (f.schema) {
    const schemata = concreteSchemata().filter((s) => isA(s.name, f.schema ?? '')).map((s) => s.name);
    parts.push(sql`r.schema = ANY(${schemata}::text[])`);
  }
  if (f.crimeArea) parts.push(sql`r.crime_area = ${f.crimeArea}`);
  if (f.ownerOrg) parts.push(sql`r.owner_org = ${f.ownerOrg}`);
  if (f.country) parts.push(sql`${f.country.toLowerCase()} = ANY(r.countries)`);
  if (f.dataset) parts.push(sql`r.dataset = ${f.dataset}`);
  const status = f.status ?? 'active';
  if (status !== 'any') parts.push(sql`r.status = ${status}`);
  if (f.updatedFrom) parts.push(sql`r.updated_at >= ${f.updatedFrom}::timestamptz`);
  if (f.updatedTo) parts.push(sql`r.updated_at < ${f.updatedTo}::timestamptz`);
  if (f.reviewDue) parts.push(sql`r.review_date <= current_date`);
  return parts.length ? sql`WHERE ${join(parts, ' AND ')}` : empty;
}

export interface SearchPage {
  items: PoliceRecord[];
  /** Matching records the actor may read, counted up to `countLimit`. */
  total: number;
  totalIsExact: boolean;
}

const COUNT_LIMIT = 10_000;

export async function searchReadable(
  db: Queryable,
  actor: Actor,
  filters: RecordFilters,
  page: { limit: number; offset: number },
): Promise<SearchPage> {
  const where = filterClause(filters);
  const from = sql`${readableRecords(actor)} AS r ${where}`;
  const order = filters.rankedIds ? sql`array_position(${filters.rankedIds}::uuid[], r.id), r.id` : sql`r.updated_at DESC, r.id`;
  const items = await db.query<RecordRow>(sql`SELECT r.* FROM ${from} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`);
  const counted = await db.query<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} LIMIT ${COUNT_LIMIT + 1}) AS limited`,
  );
  const n = counted.rows[0]?.n ?? 0;
  return { items: items.rows.map(rowToRecord), total: Math.min(n, COUNT_LIMIT), totalIsExact: n <= COUNT_LIMIT };
}

/** Streams every readable record matching the filters, in id order, a page at a time. */
export async function* streamReadable(db: Queryable, actor: Actor, filters: RecordFilters, pageSize = 2000): AsyncGenerator<PoliceRecord[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  const where = filterClause(filters);
  for (;;) {
    const cursor = sql`r.id > ${after}::uuid`;
    const { rows } = await db.query<RecordRow>(sql`SELECT r.* FROM ${readableRecords(actor)} AS r ${where}
      ${where === empty ? sql`WHERE ${cursor}` : sql`AND ${cursor}`} ORDER BY r.id LIMIT ${pageSize}`);
    if (rows.length === 0) return;
    yield rows.map(rowToRecord);
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < pageSize) return;
  }
}
