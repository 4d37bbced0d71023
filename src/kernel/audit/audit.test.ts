import sql from 'sql-template-tag';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../test/db.ts';
import { systemActor } from '../access/actor.ts';
import type { Store } from '../store/store.ts';
import { appendAudit } from './audit.ts';
import { verifyAuditChain } from './verify.ts';

let store: Store;
const actor = systemActor('hub');

async function writeEntries(n: number) {
  for (let i = 0; i < n; i += 1) {
    await store.transaction((tx) =>
      appendAudit(tx, actor, { action: 'record.read', targetType: 'record', targetIds: [`r${i}`], purpose: `case ${i}`, details: { n: i, nested: { b: 1, a: [1, 2] } } }),
    );
  }
}

beforeEach(async () => {
  store = await createTestStore();
  await writeEntries(5);
});
afterEach(async () => store.close());

describe('the audit chain', () => {
  it('verifies an untouched trail', async () => {
    const result = await verifyAuditChain(store);
    expect(result).toMatchObject({ ok: true, entries: 5, headSeq: 5, problems: [] });
  });

  it('numbers entries without gaps and links each to the previous hash', async () => {
    const { rows } = await store.query<{ seq: number; prev_hash: string; hash: string }>(sql`SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq`);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i]?.hash));
  });

  it('detects an edited entry', async () => {
    await store.query(sql`UPDATE audit_log SET purpose = 'nothing to see' WHERE seq = 3`);
    const result = await verifyAuditChain(store);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'edited' })]);
  });

  it('detects an edit that also recomputes the entry hash, by the broken link after it', async () => {
    await store.query(sql`UPDATE audit_log SET hash = repeat('a', 64) WHERE seq = 2`);
    const result = await verifyAuditChain(store);
    expect(result.problems.map((p) => [p.seq, p.kind])).toEqual([
      [2, 'edited'],
      [3, 'broken_link'],
    ]);
  });

  it('detects a deleted entry', async () => {
    await store.query(sql`DELETE FROM audit_log WHERE seq = 4`);
    const result = await verifyAuditChain(store);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 4, kind: 'missing' })]);
  });

  it('detects entries cut off the end', async () => {
    await store.query(sql`DELETE FROM audit_log WHERE seq = 5`);
    const result = await verifyAuditChain(store);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'truncated' })]);
  });

  it('keeps chaining correctly when appends run concurrently', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.transaction((tx) => appendAudit(tx, actor, { action: 'record.search', details: { i } }))));
    const result = await verifyAuditChain(store);
    expect(result).toMatchObject({ ok: true, entries: 13 });
  });
});
