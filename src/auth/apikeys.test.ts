import sql from 'sql-template-tag';
import { describe, expect, it } from 'vitest';
import { bearer, useTestApp } from '../../test/app.ts';
import { makeOrg, makeUser, personInput, type TestUser } from '../../test/factories.ts';
import { hashToken } from './tokens.ts';

const world = useTestApp();


async function createKey(owner: TestUser, payload: Record<string, unknown>) {
  return world.app.inject({ method: 'POST', url: '/api/api-keys', headers: bearer(owner.token), payload });
}

async function newKey(owner: TestUser, scopes: string[]): Promise<{ id: string; key: string }> {
  const response = await createKey(owner, { name: 'border system', scopes });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; key: string }>();
}

describe('creating API keys', () => {
  it('shows the key once and stores only its hash', async () => {
    const supervisor = await makeUser(world.store, await makeOrg(world.store), 'supervisor');
    const response = await createKey(supervisor, { name: 'Airport e-gates', scopes: ['records:read'] });
    expect(response.statusCode).toBe(201);
    const created = response.json<{ id: string; key: string; status: string; orgId: string }>();
    expect(created).toMatchObject({ key: expect.stringMatching(/^psk_[0-9a-f]{12}_/), status: 'active', orgId: supervisor.org.id, createdBy: supervisor.id });

    const { rows } = await world.store.query<{ key_hash: string }>(sql`SELECT key_hash FROM api_keys WHERE id = ${created.id}`);
    expect(rows).toEqual([{ key_hash: hashToken(created.key) }]);
    const list = await world.app.inject({ method: 'GET', url: '/api/api-keys', headers: bearer(supervisor.token) });
    expect(list.json<{ items: Record<string, unknown>[] }>().items).toEqual([expect.objectContaining({ id: created.id, name: 'Airport e-gates' })]);
    expect(list.body).not.toContain(created.key);
  });

  it('refuses scopes the creator does not hold, and administrative scopes altogether', async () => {
    const supervisor = await makeUser(world.store, await makeOrg(world.store), 'supervisor');
    const notHeld = await createKey(supervisor, { name: 'auditing robot', scopes: ['audit:read'] });
    expect(notHeld.statusCode).toBe(403);
    expect(notHeld.json()).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('audit:read') });
    const admin = await makeUser(world.store, await makeOrg(world.store), 'admin');
    const administrative = await createKey(admin, { name: 'provisioning', scopes: ['users:manage'] });
    expect(administrative.statusCode).toBe(400);
    expect(administrative.json()).toMatchObject({ code: 'VALIDATION_FAILED', problems: [expect.objectContaining({ field: 'scopes' })] });
  });

  it('refuses roles without the API key permission and expiry dates in the past', async () => {
    const officer = await makeUser(world.store, await makeOrg(world.store), 'officer');
    expect((await createKey(officer, { name: 'my script', scopes: ['records:read'] })).statusCode).toBe(403);
    const supervisor = await makeUser(world.store, await makeOrg(world.store), 'supervisor');
    const past = await createKey(supervisor, { name: 'late', scopes: ['records:read'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
  });
});

describe('using API keys', () => {
  it("limits a key to its scopes: a read-only key can search but not create records", async () => {
    const supervisor = await makeUser(world.store, await makeOrg(world.store), 'supervisor');
    const { key } = await newKey(supervisor, ['records:read']);
    const me = await world.app.inject({ method: 'GET', url: '/api/me', headers: { 'x-api-key': key } });
    expect(me.json()).toMatchObject({ user: null, role: 'machine', permissions: ['records:read'], organisation: { id: supervisor.org.id } });
    expect((await world.app.inject({ method: 'GET', url: '/api/records', headers: bearer(key) })).statusCode).toBe(200);
    const write = await world.app.inject({ method: 'POST', url: '/api/records', headers: bearer(key), payload: personInput() });
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('records when a key was last used, to the minute: a second call within it writes nothing', async () => {
    const supervisor = await makeUser(world.store, await makeOrg(world.store), 'supervisor');
    const { id, key } = await newKey(supervisor, ['records:read']);
    const lastUsed = async () => (await world.store.query<{ at: string | null }>(sql`SELECT last_used_at::text AS at FROM api_keys WHERE id = ${id}`)).rows[0]?.at;
    expect(await lastUsed()).toBeNull();
    expect((await world.app.inject({ method: 'GET', url: '/api/me', headers: bearer(key) })).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).toEqual(expect.any(String));
    expect((await world.app.inject({ method: 'GET', url: '/api/me', headers: bearer(key) })).statusCode).toBe(200);
    expect(await lastUsed()).toBe(first);
    // A minute later (moved back rather than waited for), the next call writes it again.
    await world.store.query(sql`UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = ${id}`);
    const stale = await lastUsed();
    expect((await world.app.inject({ method: 'GET', url: '/api/me', headers: bearer(key) })).statusCode).toBe(200);
    expect(await lastUsed()).not.toBe(stale);
  });

  it('refuses a revoked key at once', async () => {
    const supervisor = await makeUser(world.store, await makeOrg(world.store), 'supervisor');
    const { id, key } = await newKey(supervisor, ['records:read']);
    const revoke = await world.app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: bearer(supervisor.token) });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ id, status: 'revoked', revokedAt: expect.any(String) });
    expect((await world.app.inject({ method: 'GET', url: '/api/records', headers: bearer(key) })).statusCode).toBe(401);
    const { rows } = await world.store.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'apikey.revoke' AND ${id} = ANY(target_ids)`);
    expect(rows[0]?.n).toBe(1);
  });

  it('refuses an expired key', async () => {
    const supervisor = await makeUser(world.store, await makeOrg(world.store), 'supervisor');
    const { id, key } = await newKey(supervisor, ['records:read']);
    expect((await world.app.inject({ method: 'GET', url: '/api/me', headers: bearer(key) })).statusCode).toBe(200);
    await world.store.query(sql`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = ${id}`);
    expect((await world.app.inject({ method: 'GET', url: '/api/me', headers: bearer(key) })).statusCode).toBe(401);
    const list = await world.app.inject({ method: 'GET', url: '/api/api-keys', headers: bearer(supervisor.token) });
    expect(list.json<{ items: { id: string; status: string }[] }>().items).toEqual([expect.objectContaining({ id, status: 'expired' })]);
  });

  it("hides other organisations' keys: they cannot be listed or revoked", async () => {
    const owner = await makeUser(world.store, await makeOrg(world.store), 'supervisor');
    const stranger = await makeUser(world.store, await makeOrg(world.store), 'supervisor');
    const { id, key } = await newKey(owner, ['records:read']);
    const revoke = await world.app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: bearer(stranger.token) });
    expect(revoke.statusCode).toBe(404);
    const list = await world.app.inject({ method: 'GET', url: '/api/api-keys', headers: bearer(stranger.token) });
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await world.app.inject({ method: 'GET', url: '/api/me', headers: bearer(key) })).statusCode).toBe(200);
  });
});
