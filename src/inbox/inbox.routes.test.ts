import { describe, expect, it } from 'vitest';
import { bearer, useTestApp } from '../../test/app.ts';
import { makeOrg, makeRecord, makeUser } from '../../test/factories.ts';
import { notify } from '../kernel/notifications/notify.ts';

const world = useTestApp();

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('/api/inbox', () => {
  it('lists the caller’s notifications with the unread count, and marks them read for the caller only', async () => {
    const org = await makeOrg(world.store);
    const alice = await makeUser(world.store, org);
    const bob = await makeUser(world.store, org);
    const stranger = await makeUser(world.store, await makeOrg(world.store));
    const ids = await world.store.transaction(async (tx) => [
      await notify(tx, { orgId: org.id, kind: 'notice', title: 'Older' }),
      await notify(tx, { orgId: org.id, kind: 'record.review_due', title: 'Newer', ref: { type: 'record', id: 'x' } }),
    ]);
    const get = (token: string, query = '') => world.app.inject({ method: 'GET', url: `/api/inbox${query}`, headers: bearer(token) });

    const listed = await get(alice.token, '?limit=1');
    expect(listed.statusCode).toBe(200);
    const page = listed.json<{ items: { id: string; title: string }[]; unread: number; nextBefore: string | null }>();
    expect(page).toMatchObject({ items: [{ id: ids[1], title: 'Newer' }], unread: 2, nextBefore: ids[1] });
    expect((await get(alice.token, `?limit=1&before=${page.nextBefore ?? ''}`)).json<{ items: { title: string }[] }>().items.map((i) => i.title)).toEqual(['Older']);

    const read = await world.app.inject({ method: 'POST', url: `/api/inbox/${ids[0] ?? ''}/read`, headers: bearer(alice.token) });
    expect(read.json()).toMatchObject({ item: { id: ids[0], readAt: expect.any(String) }, unread: 1 });
    expect((await world.app.inject({ method: 'GET', url: '/api/inbox/unread', headers: bearer(alice.token) })).json()).toEqual({ unread: 1 });
    expect((await world.app.inject({ method: 'GET', url: '/api/inbox/unread', headers: bearer(bob.token) })).json()).toEqual({ unread: 2 });
    expect((await get(alice.token, '?unreadOnly=true')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([ids[1]]);

    const foreign = await world.app.inject({ method: 'POST', url: `/api/inbox/${ids[1] ?? ''}/read`, headers: bearer(stranger.token) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect((await get(stranger.token)).json()).toEqual({ items: [], unread: 0, nextBefore: null });

    expect((await world.app.inject({ method: 'POST', url: '/api/inbox/read-all', headers: bearer(bob.token) })).json()).toEqual({ marked: 2, unread: 0 });
  });

  it('names a bad id or cursor as a validation problem, and asks to sign in without a session', async () => {
    const officer = await makeUser(world.store, await makeOrg(world.store));
    const bad = await world.app.inject({ method: 'POST', url: '/api/inbox/not-an-id/read', headers: bearer(officer.token) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', problems: [expect.objectContaining({ field: 'params.id' })] });
    expect((await world.app.inject({ method: 'GET', url: '/api/inbox?before=nope', headers: bearer(officer.token) })).statusCode).toBe(400);
    expect((await world.app.inject({ method: 'GET', url: '/api/inbox' })).statusCode).toBe(401);
  });
});

describe('/api/inbox/tasks and /api/activity', () => {
  it('lists the organisation’s reviews due and its own activity, and neither of another organisation', async () => {
    const alice = await makeUser(world.store, await makeOrg(world.store));
    const stranger = await makeUser(world.store, await makeOrg(world.store));
    const due = await makeRecord(world.store, alice, { reviewDate: isoDaysFromNow(-3) });
    await makeRecord(world.store, stranger, { reviewDate: isoDaysFromNow(-3) });

    const tasks = await world.app.inject({ method: 'GET', url: '/api/inbox/tasks', headers: bearer(alice.token) });
    expect(tasks.statusCode).toBe(200);
    expect(tasks.json()).toEqual({ items: [{ recordId: due.id, caption: due.caption, schema: 'Person', reviewDate: isoDaysFromNow(-3), daysLeft: -3 }], total: 1, withinDays: 30 });

    const activity = await world.app.inject({ method: 'GET', url: '/api/activity?limit=5', headers: bearer(alice.token) });
    expect(activity.statusCode).toBe(200);
    expect(activity.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ action: 'record.create', actorUser: alice.id, actorName: alice.displayName, targetId: due.id }),
    ]);
    expect((await world.app.inject({ method: 'GET', url: '/api/activity?limit=500', headers: bearer(alice.token) })).statusCode).toBe(400);
  });
});
