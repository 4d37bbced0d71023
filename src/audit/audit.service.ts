import type { Actor } from '../kernel/access/actor.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { appendAudit, type AuditEntry } from '../kernel/audit/audit.ts';
import { verifyAuditChain, type AuditVerification } from '../kernel/audit/verify.ts';
import type { Store } from '../kernel/store/store.ts';
import { queryAudit, type AuditFilters } from './audit.repository.ts';

/**
 * Auditors read the trail. The hub's auditors see every organisation's entries; an
 * auditor elsewhere sees their own organisation's. Reading the trail is itself audited.
 */
export class AuditService {
  constructor(private readonly store: Store) {}

  async query(actor: Actor, filters: AuditFilters, page: { limit: number; beforeSeq?: number | undefined }): Promise<AuditEntry[]> {
    requirePermission(actor, 'audit:read');
    const scoped = actor.orgKind === 'hub' ? filters : { ...filters, actorOrg: actor.orgId };
    return this.store.transaction(async (tx) => {
      const entries = await queryAudit(tx, scoped, page);
      await appendAudit(tx, actor, { action: 'audit.query', details: { filters: scoped, returned: entries.length } });
      return entries;
    });
  }

  async verify(actor: Actor): Promise<AuditVerification> {
    requirePermission(actor, 'audit:read');
    const result = await verifyAuditChain(this.store);
    await this.store.transaction((tx) => appendAudit(tx, actor, { action: 'audit.verify', details: { ok: result.ok, entries: result.entries, problems: result.problems.length } }));
    return result;
  }
}
