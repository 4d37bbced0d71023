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

export interface AuditPage {
  limit: number;
  /** Only entries older than this one (its sequence number): the previous page's `nextBeforeSeq`. */
  beforeSeq?: number | undefined;
}

function where(f: AuditFilters, beforeSeq: number | undefined): Sql {
  const parts: Sql[] = [];
  if (f.actorUser) parts.push(sql`actor_user = ${f.actorUser}`);
  if (f.actorOrg) parts.push(sql`actor_org = ${f.actorOrg}`);
  if (f.action) parts.push(f.action.endsWith('.') ? sql`action LIKE ${`${f.action}%`}` : sql`action = ${f.action}`);
  if (f.targetId) parts.push(sql`${f.targetId} = ANY(target_ids)`);
  if (f.from) parts.push(sql`at >= ${f.from}::timestamptz`);
  if (f.to) parts.push(sql`at < ${f.to}::timestamptz`);
  if (beforeSeq !== undefined) parts.push(sql`seq < ${beforeSeq}`);
  return parts.length ? sql`WHERE ${join(parts, ' AND ')}` : empty;
}

/**
 * Audit entries, newest first, one page at a time keyed by sequence number: entries appended
 * while someone pages never shift the older pages, so no entry is repeated or skipped.
 *
 * @example
 *   const first = await queryAudit(db, { actorOrg: 'ncb-fr' }, { limit: 100 });
 *   const next = first.nextBeforeSeq ? await queryAudit(db, { actorOrg: 'ncb-fr' }, { limit: 100, beforeSeq: first.nextBeforeSeq }) : null;
 */
export async function queryAudit(db: Queryable, filters: AuditFilters, page: AuditPage): Promise<{ entries: AuditEntry[]; nextBeforeSeq: number | null }> {
  // One more than asked says whether an older page exists without counting the trail.
  const { rows } = await db.query<Parameters<typeof rowToEntry>[0]>(sql`SELECT * FROM audit_log ${where(filters, page.beforeSeq)} ORDER BY seq DESC LIMIT ${page.limit + 1}`);
  const entries = rows.slice(0, page.limit).map(rowToEntry);
  const last = entries.at(-1);
  return { entries, nextBeforeSeq: rows.length > page.limit && last ? last.seq : null };
}
