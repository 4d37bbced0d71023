import sql from 'sql-template-tag';
import { getSchema, type Properties, type ResolvedSchema } from '../model/registry.ts';
import { foldName } from '../names/latin.ts';
import type { Store } from '../store/store.ts';

/**
 * The derivation's version. Raise it whenever searchTextOf changes: the next start
 * recomputes every record's search text once (refreshSearchText).
 */
export const SEARCH_TEXT_VERSION = 2;

const isSearchable = (spec: ResolvedSchema['properties'][string] | undefined) =>
  spec !== undefined && (spec.matchable || ['name', 'identifier', 'phone', 'email'].includes(spec.type));

/**
 * Names, identifiers and other matchable values as written, followed by their Latin folding
 * where it differs ('Путин' → 'putin', 'Öztürk' → 'ozturk'), so both full-text and fuzzy
 * search find a name whatever script or accents the searcher types.
 *
 * @example searchTextOf(getSchema('Person'), { name: ['Öztürk'] }) // 'Öztürk ozturk'
 */
export function searchTextOf(schema: ResolvedSchema, properties: Properties): string {
  const written: string[] = [];
  for (const [prop, values] of Object.entries(properties)) {
    if (isSearchable(schema.properties[prop])) written.push(...values);
  }
  const folded = written.map(foldName).filter((f, i) => f !== '' && f !== written[i]?.toLowerCase());
  return [...written, ...new Set(folded)].join(' ');
}

const BATCH = 2000;

function textOf(schemaName: string, properties: Properties): string {
  const schema = getSchema(schemaName);
  return schema ? searchTextOf(schema, properties) : '';
}

/**
 * Brings every record's search text to the current derivation, once per version change,
 * in batches (a refresh keeps each record's version: see migration 004). Returns how many
 * records it rewrote.
 */
export async function refreshSearchText(store: Store, onBatch?: (done: number) => void): Promise<number> {
  const state = await store.query<{ version: number }>(sql`SELECT version FROM derived_state WHERE name = 'search_text'`);
  if (state.rows[0]?.version === SEARCH_TEXT_VERSION) return 0;
  let after = '00000000-0000-0000-0000-000000000000';
  let rewritten = 0;
  for (;;) {
    const { rows } = await store.query<{ id: string; schema: string; properties: Properties; search_text: string }>(
      sql`SELECT id, schema, properties, search_text FROM records WHERE id > ${after}::uuid ORDER BY id LIMIT ${BATCH}`,
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    const stale = rows.map((r) => ({ id: r.id, old: r.search_text, text: textOf(r.schema, r.properties) })).filter((r) => r.text !== r.old);
    if (stale.length > 0) {
      await store.query(sql`UPDATE records SET search_text = s.text
        FROM unnest(${stale.map((s) => s.id)}::uuid[], ${stale.map((s) => s.text)}::text[]) AS s(id, text) WHERE records.id = s.id`);
    }
    rewritten += stale.length;
    onBatch?.(rewritten);
  }
  await store.query(sql`INSERT INTO derived_state (name, version) VALUES ('search_text', ${SEARCH_TEXT_VERSION})
    ON CONFLICT (name) DO UPDATE SET version = excluded.version`);
  return rewritten;
}
