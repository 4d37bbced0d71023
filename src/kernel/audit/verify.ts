import sql from 'sql-template-tag';
import type { Store } from '../store/store.ts';
import { entryHash, type AuditEntry } from './audit.ts';

export interface AuditProblem {
  seq: number;
  kind: 'edited' | 'missing' | 'broken_link' | 'truncated';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  headSeq: number;
  problems: AuditProblem[];
}

interface AuditRow {
  seq: number;
  at: Date;
  actor_user: string | null;
  actor_org: string | null;
  action: string;
  target_type: string | null;
  target_ids: string[];
  purpose: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export const rowToEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at.toISOString(),
  actorUser: r.actor_user,
  actorOrg: r.actor_org,
  action: r.action,
  targetType: r.target_type,
  targetIds: r.target_ids,
  purpose: r.purpose,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const PAGE = 5000;
const GENESIS = '0'.repeat(64);
const MAX_PROBLEMS = 1000;

/**
 * Walks the whole chain in order, recomputing each hash. Reports entries whose content
 * was edited, numbers that are missing (deleted entries), links that do not join, and
 * a head that points past the last entry (entries cut off the end).
 */
export async function verifyAuditChain(store: Store, onProgress?: (seq: number) => void): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const report = (p: AuditProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  let expectedSeq = 1;
  let previousHash = GENESIS;
  let entries = 0;
  for (;;) {
    const { rows } = await store.query<AuditRow>(
      sql`SELECT * FROM audit_log WHERE seq >= ${expectedSeq} ORDER BY seq LIMIT ${PAGE}`,
    );
    for (const row of rows) {
      const entry = rowToEntry(row);
      if (entry.seq !== expectedSeq) {
        report({ seq: expectedSeq, kind: 'missing', message: `entries ${expectedSeq}–${entry.seq - 1} are missing (deleted)` });
      } else if (entry.prevHash !== previousHash) {
        report({ seq: entry.seq, kind: 'broken_link', message: `entry ${entry.seq} does not follow from entry ${entry.seq - 1}` });
      }
      const { hash, ...unsigned } = entry;
      if (entryHash(unsigned) !== hash) {
        report({ seq: entry.seq, kind: 'edited', message: `entry ${entry.seq} was changed after it was written` });
      }
      previousHash = hash;
      expectedSeq = entry.seq + 1;
      entries += 1;
    }
    onProgress?.(expectedSeq - 1);
    if (rows.length < PAGE) break;
  }
  const head = (await store.query<{ seq: number; hash: string }>(sql`SELECT seq, hash FROM audit_head`)).rows[0];
  const headSeq = head?.seq ?? 0;
  if (!head || head.seq !== expectedSeq - 1 || head.hash !== previousHash) {
    report({
      seq: headSeq,
      kind: 'truncated',
      message: `the chain ends at entry ${expectedSeq - 1} but its head records entry ${headSeq}: entries were removed from the end or the head was altered`,
    });
  }
  return { ok: problems.length === 0, entries, headSeq, problems };
}
