import sql, { raw, type Sql } from 'sql-template-tag';
import type { Actor } from './actor.ts';

/**
 * THE access rule for records, and the only place it is written. Every read path
 * (record pages, search, export, relations, screening, graph) selects records from
 * `readableRecords(actor)` instead of the table, so none can bypass it.
 *
 * Who may read a record:
 * - its owner organisation, always (cancelled ones too);
 * - the hub (general secretariat), always: it answers for the data's compliance;
 * - otherwise, only while it is active, by its restriction:
 *   - `everyone`: every member organisation (bureaus and specialised units);
 *   - `all_except`: every member organisation but those listed;
 *   - `only_listed`: the organisations listed (the only way a partner reads a record);
 *   - `owner_and_hub`: nobody else.
 *
 * @example
 *   await store.query(sql`SELECT r.id FROM ${readableRecords(actor)} AS r WHERE r.schema = 'Person'`);
 */
export function readableRecords(actor: Actor): Sql {
  return sql`(SELECT * FROM records WHERE ${mayRead(actor, 'records')})`;
}

/** The predicate itself, over a table alias that has the records columns. */
export function mayRead(actor: Actor, alias: string): Sql {
  if (!actor.permissions.has('records:read')) return sql`false`;
  if (actor.orgKind === 'hub') return sql`true`;
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`unsafe table alias ${alias}`);
  const t = raw(`${alias}.`);
  const member = actor.orgKind === 'ncb' || actor.orgKind === 'unit';
  return sql`(${t}owner_org = ${actor.orgId} OR (${t}status = 'active' AND (
      (${t}restriction_mode = 'only_listed' AND ${actor.orgId} = ANY(${t}restriction_orgs))
      OR (${member} AND ${t}restriction_mode = 'everyone')
      OR (${member} AND ${t}restriction_mode = 'all_except' AND NOT (${actor.orgId} = ANY(${t}restriction_orgs)))
    )))`;
}

/** May the actor change or cancel the record? Only its owner organisation (or the hub). */
export function mayModify(actor: Actor, ownerOrg: string): boolean {
  return actor.orgKind === 'hub' || actor.orgId === ownerOrg;
}
