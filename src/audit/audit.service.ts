import type { Actor } from '../kernel/access/actor.ts';
import { actorNames } from '../kernel/access/actor-names.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { appendAudit, type AuditEntry } from '../kernel/audit/audit.ts';
import { verifyAuditChain, type AuditVerification } from '../kernel/audit/verify.ts';
import type { Store } from '../kernel/store/store.ts';
import { queryAudit, type AuditFilters } from './audit.repository.ts';

/** An entry with the name of who acted (null when unknown); the stored entry keeps the id. */
export type NamedAuditEntry = AuditEntry & { actorName: string | null };

/**
 * Auditors read the trail. The hub's auditors see every organisation's entries; an
 * auditor elsewhere sees their own organisation's. Reading the trail is itself audited.
 */
export class AuditService {
  constructor(private readonly store: Store) {}

  async query(actor: Actor, filters: AuditFilters, page: { limit: number; beforeSeq?: number | undefined }): Promise<NamedAuditEntry[]> {
    requirePermission(actor, 'audit:read');
    const scoped = actor.orgKind === 'hub' ? filters : { ...filters, actorOrg: actor.orgId };
    return this.store.transaction(async (tx) => {
      const entries = await queryAudit(tx, scoped, page);
      const names = await actorNames(tx, entries.map((e) => e.actorUser));
      await appendAudit(tx, actor, { action: 'audit.query', details: { filters: scoped, returned: entries.length } });
      return entries.map((e) => ({ ...e, actorName: e.actorUser ? (names.get(e.actorUser) ?? null) : null }));
    });
  }

  async verify(actor: Actor): Promise<AuditVerification> {
    requirePermission(actor, 'audit:read');
    const result = await verifyAuditChain(this.store);
    await this.store.transaction((tx) => appendAudit(tx, actor, { action: 'audit.verify', details: { ok: result.ok, entries: result.entries, problems: result.problems.length } }));
    return result;
  }
}
