import type { Actor } from '../kernel/access/actor.ts';
import { actorNames } from '../kernel/access/actor-names.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { appendAudit, type AuditEntry } from '../kernel/audit/audit.ts';
import { verifyAuditChain, type AuditVerification } from '../kernel/audit/verify.ts';
import type { Store } from '../kernel/store/store.ts';
import { queryAudit, type AuditFilters, type AuditPage } from './audit.repository.ts';

/** An entry with the name of who acted (null when unknown); the stored entry keeps the id. */
export type NamedAuditEntry = AuditEntry & { actorName: string | null };

/** One page of the trail, newest first; `nextBeforeSeq` asks for the next older page (null: none). */
export interface AuditEntriesPage {
  items: NamedAuditEntry[];
  nextBeforeSeq: number | null;
  hasMore: boolean;
}

/**
 * Auditors read the trail. The hub's auditors see every organisation's entries; an
 * auditor elsewhere sees their own organisation's. Reading the trail is itself audited.
 */
export class AuditService {
  constructor(private readonly store: Store) {}

  async query(actor: Actor, filters: AuditFilters, page: AuditPage): Promise<AuditEntriesPage> {
    requirePermission(actor, 'audit:read');
    // Every page is scoped again: a cursor never widens what the caller may read.
    const scoped = actor.orgKind === 'hub' ? filters : { ...filters, actorOrg: actor.orgId };
    return this.store.transaction(async (tx) => {
      const { entries, nextBeforeSeq } = await queryAudit(tx, scoped, page);
      const names = await actorNames(tx, entries.map((e) => e.actorUser));
      const details = { filters: scoped, ...(page.beforeSeq === undefined ? {} : { beforeSeq: page.beforeSeq }), returned: entries.length };
      await appendAudit(tx, actor, { action: 'audit.query', details });
      const items = entries.map((e) => ({ ...e, actorName: e.actorUser ? (names.get(e.actorUser) ?? null) : null }));
      return { items, nextBeforeSeq, hasMore: nextBeforeSeq !== null };
    });
  }

  async verify(actor: Actor): Promise<AuditVerification> {
    requirePermission(actor, 'audit:read');
    const result = await verifyAuditChain(this.store);
    await this.store.transaction((tx) => appendAudit(tx, actor, { action: 'audit.verify', details: { ok: result.ok, entries: result.entries, problems: result.problems.length } }));
    return result;
  }
}
