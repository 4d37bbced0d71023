import sql, { empty, join, type Sql } from 'sql-template-tag';
import { rowToEntry } from '../kernel/audit/verify.ts';
import type { AuditEntry } from '../kernel/audit/audit.ts';
import type { Queryable } from '../kernel/store/store.ts';

export interface AuditFilters {
  actorUser?: string | undefined;
  actorOrg?: string | undefined;
  action?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function where(f: AuditFilters): Sql {
  const parts: Sql[] = [];
  if (f.actorUser) parts.push(sql`actor_user = ${f.actorUser}`);
  if (f.actorOrg) parts.push(sql`actor_org = ${f.actorOrg}`);
  if (f.action) parts.push(f.action.endsWith('.') ? sql`action LIKE ${`${f.action}%`}` : sql`action = ${f.action}`);
  if (f.targetId) parts.push(sql`${f.targetId} = ANY(target_ids)`);
  if (f.from) parts.push(sql`at >= ${f.from}::timestamptz`);
  if (f.to) parts.push(sql`at < ${f.to}::timestamptz`);
  return parts.length ? sql`WHERE ${join(parts, ' AND ')}` : empty;
}

/** Audit entries, newest first, in pages keyed by sequence number. */
export async function queryAudit(db: Queryable, filters: AuditFilters, page: { limit: number; beforeSeq?: number | undefined }): Promise<AuditEntry[]> {
  const base = where(filters);
  const cursor = page.beforeSeq ? (base === empty ? sql`WHERE seq < ${page.beforeSeq}` : sql`AND seq < ${page.beforeSeq}`) : empty;
  const { rows } = await db.query<Parameters<typeof rowToEntry>[0]>(sql`SELECT * FROM audit_log ${base} ${cursor} ORDER BY seq DESC LIMIT ${page.limit}`);
  return rows.map(rowToEntry);
}
