import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import sql, { join } from 'sql-template-tag';
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
  const [entry] = await appendAuditMany(tx, actor, [event]);
  if (!entry) throw new Error('appendAuditMany wrote no entry for one event');
  return entry;
}

/**
 * Appends several events of one actor as consecutive links of the chain, in one statement
 * (a passenger list's checks: one entry each, without a round trip each).
 */
export async function appendAuditMany(tx: Queryable, actor: Actor | AnonymousActor, events: AuditEvent[]): Promise<AuditEntry[]> {
  if (events.length === 0) return [];
  // The row lock on the head serialises appenders until commit (PGlite has one connection anyway).
  const head = (await tx.query<{ seq: number; hash: string }>(sql`SELECT seq, hash FROM audit_head FOR UPDATE`)).rows[0];
  if (!head) throw new Error('audit head is missing: the database was not migrated');
  const isActor = 'permissions' in actor;
  const at = new Date().toISOString();
  const entries: AuditEntry[] = [];
  let prev = { seq: head.seq, hash: head.hash };
  for (const event of events) {
    const unsigned: Omit<AuditEntry, 'hash'> = {
      seq: prev.seq + 1,
      at,
      actorUser: isActor ? actorLabel(actor) : actor.userId,
      actorOrg: actor.orgId,
      action: event.action,
      targetType: event.targetType ?? null,
      targetIds: event.targetIds ?? [],
      purpose: event.purpose ?? null,
      details: event.details ?? {},
      prevHash: prev.hash,
    };
    const entry: AuditEntry = { ...unsigned, hash: entryHash(unsigned) };
    entries.push(entry);
    prev = entry;
  }
  const rows = entries.map((e) => sql`(${e.seq}, ${e.at}, ${e.actorUser}, ${e.actorOrg}, ${e.action}, ${e.targetType},
    ${e.targetIds}, ${e.purpose}, ${JSON.stringify(e.details)}::jsonb, ${e.prevHash}, ${e.hash})`);
  await tx.query(sql`INSERT INTO audit_log (seq, at, actor_user, actor_org, action, target_type, target_ids, purpose, details, prev_hash, hash) VALUES ${join(rows)}`);
  await tx.query(sql`UPDATE audit_head SET seq = ${prev.seq}, hash = ${prev.hash}`);
  return entries;
}
