import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import sql from 'sql-template-tag';
import { actorLabel, type Actor } from '../access/actor.ts';
import type { Queryable } from '../store/store.ts';

/**
 * The tamper-evident audit trail. Each entry's hash covers its content and the previous
 * entry's hash, so editing or deleting any entry breaks every link after it; the head
 * row records the last link so that cutting entries off the end is caught too.
 *
 * Append inside the same transaction as the change it records, so one never lands
 * without the other.
 *
 * @example
 *   await store.transaction(async (tx) => {
 *     await tx.query(sql`UPDATE records …`);
 *     await appendAudit(tx, actor, { action: 'record.update', targetType: 'record', targetIds: [id] });
 *   });
 */
export type AuditAction =
  | 'record.create'
  | 'record.read'
  | 'record.update'
  | 'record.cancel'
  | 'record.search'
  | 'record.history'
  | 'record.relations'
  | 'import.run'
  | 'export.run'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.totp_enrolled'
  | 'auth.locked'
  | 'user.create'
  | 'user.update'
  | 'org.create'
  | 'apikey.create'
  | 'apikey.revoke'
  | 'audit.query'
  | 'audit.verify'
  | (string & { readonly __extension?: never });

export interface AuditEvent {
  action: AuditAction;
  targetType?: string;
  targetIds?: string[];
  purpose?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorUser: string | null;
  actorOrg: string | null;
  action: string;
  targetType: string | null;
  targetIds: string[];
  purpose: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The hash of one entry: SHA-256 over the previous hash and the entry's canonical JSON (RFC 8785). */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { prevHash, ...content } = entry;
  return createHash('sha256').update(`${prevHash}\n${canonicalize(content)}`).digest('hex');
}

/** Who acted, for entries written without a signed-in actor (failed logins). */
export interface AnonymousActor {
  userId: string | null;
  orgId: string | null;
}

export async function appendAudit(tx: Queryable, actor: Actor | AnonymousActor, event: AuditEvent): Promise<AuditEntry> {
  // The row lock on the head serialises appenders until commit (PGlite has one connection anyway).
  const head = (await tx.query<{ seq: number; hash: string }>(sql`SELECT seq, hash FROM audit_head FOR UPDATE`)).rows[0];
  if (!head) throw new Error('audit head is missing: the database was not migrated');
  const isActor = 'permissions' in actor;
  const unsigned: Omit<AuditEntry, 'hash'> = {
    seq: head.seq + 1,
    at: new Date().toISOString(),
    actorUser: isActor ? actorLabel(actor) : actor.userId,
    actorOrg: actor.orgId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetIds: event.targetIds ?? [],
    purpose: event.purpose ?? null,
    details: event.details ?? {},
    prevHash: head.hash,
  };
  const entry: AuditEntry = { ...unsigned, hash: entryHash(unsigned) };
  await tx.query(sql`INSERT INTO audit_log (seq, at, actor_user, actor_org, action, target_type, target_ids, purpose, details, prev_hash, hash)
    VALUES (${entry.seq}, ${entry.at}, ${entry.actorUser}, ${entry.actorOrg}, ${entry.action}, ${entry.targetType},
            ${entry.targetIds}, ${entry.purpose}, ${JSON.stringify(entry.details)}::jsonb, ${entry.prevHash}, ${entry.hash})`);
  await tx.query(sql`UPDATE audit_head SET seq = ${entry.seq}, hash = ${entry.hash}`);
  return entry;
}
