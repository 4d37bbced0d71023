import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, type TestUser } from '../../test/factories.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import { notify, type NewNotification } from '../kernel/notifications/notify.ts';
import type { Store } from '../kernel/store/store.ts';
import { InboxService } from './inbox.service.ts';

let store: Store;
let inbox: InboxService;

beforeAll(async () => {
  store = await createTestStore();
  inbox = new InboxService(store);
});
afterAll(async () => store.close());

const send = (n: NewNotification) => store.transaction((tx) => notify(tx, n));
const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const idsOf = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

/** Two colleagues of one bureau and an officer of another. */
async function bureauWithColleagues(): Promise<{ alice: TestUser; bob: TestUser; stranger: TestUser }> {
  const org = await makeOrg(store);
  return { alice: await makeUser(store, org), bob: await makeUser(store, org), stranger: await makeUser(store, await makeOrg(store)) };
}

describe('notify and the inbox', () => {
  it('shows an organisation-wide notification to every person of the organisation and to nobody else', async () => {
    const { alice, bob, stranger } = await bureauWithColleagues();
    const id = await send({ orgId: alice.org.id, kind: 'notice', title: 'Network maintenance tonight', ref: { type: 'record', id: 'r-1' } });
    for (const user of [alice, bob]) {
      const page = await inbox.list(user.actor, { limit: 20 });
      expect(page.items).toEqual([expect.objectContaining({ id, kind: 'notice', title: 'Network maintenance tonight', ref: { type: 'record', id: 'r-1' }, priority: 'normal', personal: false, readAt: null })]);
      expect(page.unread).toBe(1);
    }
    expect(await inbox.list(stranger.actor, { limit: 20 })).toEqual({ items: [], unread: 0, nextBefore: null });
    expect(await inbox.unreadCount(stranger.actor)).toEqual({ unread: 0 });
  });

  it('shows a personal notification only to the person it is addressed to', async () => {
    const { alice, bob } = await bureauWithColleagues();
    const id = await send({ orgId: alice.org.id, userId: alice.id, kind: 'screening.hit', title: 'Possible match', priority: 'high' });
    expect(idsOf(await inbox.list(alice.actor, { limit: 20 }))).toEqual([id]);
    expect((await inbox.list(alice.actor, { limit: 20 })).items[0]).toMatchObject({ personal: true, priority: 'high' });
    expect(idsOf(await inbox.list(bob.actor, { limit: 20 }))).toEqual([]);
  });

  it('refuses to address a person of another organisation, and writes a notification with a fixed id once', async () => {
    const { alice, stranger } = await bureauWithColleagues();
    await expect(send({ orgId: alice.org.id, userId: stranger.id, kind: 'notice', title: 'Lost' })).rejects.toMatchObject({ code: 'INTERNAL' });
    const fixed = '6f1c9a52-3a41-4c55-8d7e-0b2f1e9a7c10';
    await send({ id: fixed, orgId: alice.org.id, kind: 'notice', title: 'Once' });
    await send({ id: fixed, orgId: alice.org.id, kind: 'notice', title: 'Once' });
    expect(idsOf(await inbox.list(alice.actor, { limit: 20 }))).toEqual([fixed]);
  });

  it('keeps read state per person: what Alice read stays unread for Bob', async () => {
    const { alice, bob } = await bureauWithColleagues();
    const first = await send({ orgId: alice.org.id, kind: 'notice', title: 'First' });
    await send({ orgId: alice.org.id, kind: 'notice', title: 'Second' });
    const marked = await inbox.markRead(alice.actor, first);
    expect(marked.item).toMatchObject({ id: first, readAt: expect.any(String) });
    expect(marked.unread).toBe(1);
    expect(await inbox.markRead(alice.actor, first)).toMatchObject({ unread: 1 });
    expect((await inbox.list(alice.actor, { limit: 20, unreadOnly: true })).items.map((i) => i.title)).toEqual(['Second']);
    expect(await inbox.unreadCount(bob.actor)).toEqual({ unread: 2 });

    expect(await inbox.markAllRead(bob.actor)).toEqual({ marked: 2, unread: 0 });
    expect(await inbox.unreadCount(alice.actor)).toEqual({ unread: 1 });
  });

  it('answers "not found" when marking a notification of another organisation, and marks nothing', async () => {
    const { alice, stranger } = await bureauWithColleagues();
    const id = await send({ orgId: alice.org.id, kind: 'notice', title: 'Ours' });
    await expect(inbox.markRead(stranger.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await inbox.markAllRead(stranger.actor)).toEqual({ marked: 0, unread: 0 });
    const reads = await store.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM notification_reads WHERE notification_id = ${id}::uuid`);
    expect(reads.rows[0]?.n).toBe(0);
  });

  it('pages newest first with a cursor that never repeats or skips, even as new notifications arrive', async () => {
    const { alice } = await bureauWithColleagues();
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) sent.push(await send({ orgId: alice.org.id, kind: 'notice', title: `N${i}` }));
    const first = await inbox.list(alice.actor, { limit: 2 });
    expect(first.items.map((i) => i.title)).toEqual(['N4', 'N3']);
    await send({ orgId: alice.org.id, kind: 'notice', title: 'Late arrival' });
    const second = await inbox.list(alice.actor, { limit: 2, before: first.nextBefore ?? '' });
    const third = await inbox.list(alice.actor, { limit: 2, before: second.nextBefore ?? '' });
    expect([...second.items, ...third.items].map((i) => i.title)).toEqual(['N2', 'N1', 'N0']);
    expect(third.nextBefore).toBeNull();
    expect(third.unread).toBe(6);
  });

  it('keeps the inbox for people: an API key has none', async () => {
    const { alice } = await bureauWithColleagues();
    const machine = { ...alice.actor, userId: null, apiKeyId: 'k1', role: 'machine' as const };
    await expect(inbox.list(machine, { limit: 20 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('review tasks', () => {
  it('lists the organisation’s records overdue or due within 30 days, soonest first, and audits the list', async () => {
    const { alice, stranger } = await bureauWithColleagues();
    const overdue = await makeRecord(store, alice, { reviewDate: isoDaysFromNow(-10) });
    const soon = await makeRecord(store, alice, { reviewDate: isoDaysFromNow(12) });
    await makeRecord(store, alice, { reviewDate: isoDaysFromNow(200) });
    // Another bureau's overdue record, readable by everyone: not Alice's organisation's task.
    await makeRecord(store, stranger, { reviewDate: isoDaysFromNow(-30) });

    const tasks = await inbox.tasks(alice.actor, 20);
    expect(tasks.items.map((t) => t.recordId)).toEqual([overdue.id, soon.id]);
    expect(tasks).toMatchObject({ total: 2, withinDays: 30 });
    expect(tasks.items[0]).toMatchObject({ caption: overdue.caption, schema: 'Person', reviewDate: isoDaysFromNow(-10), daysLeft: -10 });
    const audited = await store.query<{ action: string; target_ids: string[] }>(sql`SELECT action, target_ids FROM audit_log WHERE actor_user = ${alice.id} ORDER BY seq DESC LIMIT 1`);
    expect(audited.rows[0]).toEqual({ action: 'record.search', target_ids: [overdue.id, soon.id] });
  });

  it('leaves out cancelled records and lists nothing for a role that may not read records', async () => {
    const { alice } = await bureauWithColleagues();
    const record = await makeRecord(store, alice, { reviewDate: isoDaysFromNow(-1) });
    await store.query(sql`UPDATE records SET status = 'cancelled', cancel_reason = 'no longer needed', version = version + 1,
      updated_at = now(), updated_by = ${alice.id} WHERE id = ${record.id}::uuid`);
    expect((await inbox.tasks(alice.actor, 20)).items).toEqual([]);

    await makeRecord(store, alice, { reviewDate: isoDaysFromNow(-1) });
    const auditor = await makeUser(store, alice.org, 'auditor');
    expect(await inbox.tasks(auditor.actor, 20)).toEqual({ items: [], total: 0, withinDays: 30 });
  });
});

describe('recent activity', () => {
  it('shows the organisation’s own acts with the actors’ names, never another organisation’s, and no reads', async () => {
    const { alice, stranger } = await bureauWithColleagues();
    const record = await makeRecord(store, alice);
    await store.transaction((tx) => appendAudit(tx, alice.actor, { action: 'auth.login', details: { ip: '10.0.0.1' } }));
    await store.transaction((tx) => appendAudit(tx, alice.actor, { action: 'record.read', targetType: 'record', targetIds: [record.id] }));
    await makeRecord(store, stranger);

    const mine = await inbox.activity(alice.actor, 10);
    expect(mine.items.map((i) => [i.action, i.actorName])).toEqual([
      ['auth.login', alice.displayName],
      ['record.create', alice.displayName],
    ]);
    expect(mine.items[1]).toMatchObject({ targetType: 'record', targetId: record.id, count: 1 });
    const theirs = await inbox.activity(stranger.actor, 10);
    expect(theirs.items.map((i) => i.actorUser)).toEqual([stranger.id]);
  });

  it('shows an import once, when it finished, with how many records it wrote', async () => {
    const { alice } = await bureauWithColleagues();
    const importId = '0b0e7a5c-1d7f-4a38-9a3e-2f1c5d6e7f80';
    const batch = { importId, fromLine: 1, toLine: 10, inserted: 8, updated: 1, unchanged: 0, rejected: 1 };
    await store.transaction((tx) => appendAudit(tx, alice.actor, { action: 'import.run', targetType: 'import', targetIds: [importId], details: batch }));
    await store.transaction((tx) => appendAudit(tx, alice.actor, { action: 'import.run', targetType: 'import', targetIds: [importId], details: { ...batch, status: 'completed' } }));
    expect((await inbox.activity(alice.actor, 10)).items).toEqual([expect.objectContaining({ action: 'import.run', targetId: importId, count: 9 })]);
  });
});
