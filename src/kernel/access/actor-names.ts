import sql from 'sql-template-tag';
import type { Queryable } from '../store/store.ts';

/** Actor labels (as written by `actorLabel`) to the name people know them by. */
export type ActorNames = ReadonlyMap<string, string>;

const API_KEY_PREFIX = 'apikey:';

/**
 * Names for the actor labels stored in records and the audit trail, in one query: a user id
 * becomes the user's display name, `apikey:<id>` becomes `API key <name>`. Labels that name
 * neither (console operators, deleted keys) are absent; callers show null.
 *
 * @example
 *   const names = await actorNames(tx, entries.map((e) => e.actorUser));
 *   names.get('apikey:k1') // 'API key border-system-cdg'
 */
export async function actorNames(db: Queryable, labels: Iterable<string | null>): Promise<ActorNames> {
  const userIds = new Set<string>();
  const keyIds = new Set<string>();
  for (const label of labels) {
    if (!label) continue;
    if (label.startsWith(API_KEY_PREFIX)) keyIds.add(label.slice(API_KEY_PREFIX.length));
    else userIds.add(label);
  }
  if (userIds.size === 0 && keyIds.size === 0) return new Map();
  const { rows } = await db.query<{ label: string; name: string }>(sql`
    SELECT id AS label, display_name AS name FROM users WHERE id = ANY(${[...userIds]}::text[])
    UNION ALL
    SELECT ${API_KEY_PREFIX} || id, 'API key ' || name FROM api_keys WHERE id = ANY(${[...keyIds]}::text[])`);
  return new Map(rows.map((r) => [r.label, r.name]));
}
