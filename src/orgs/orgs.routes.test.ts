import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../test/app.ts';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeUser } from '../../test/factories.ts';
import type { Store } from '../kernel/store/store.ts';
import type { App } from '../server/context.ts';

let store: Store;
let app: App;

beforeAll(async () => {
  store = await createTestStore();
  app = await createTestApp(store);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const unique = () => Math.random().toString(36).slice(2, 10);

describe('/api/orgs', () => {
  it('shows the directory to any signed-in person and to nobody else', async () => {
    const officer = await makeUser(store, await makeOrg(store), 'officer');
    const directory = await app.inject({ method: 'GET', url: '/api/orgs', headers: bearer(officer.token) });
    expect(directory.statusCode).toBe(200);
    expect(directory.json<{ items: { id: string }[] }>().items).toContainEqual(expect.objectContaining({ id: officer.org.id, kind: 'ncb', contact: null }));
    expect((await app.inject({ method: 'GET', url: '/api/orgs' })).statusCode).toBe(401);
  });

  it('creates an organisation for a hub administrator and explains refusals as problem+json', async () => {
    const hubAdmin = await makeUser(store, await makeOrg(store, 'hub'), 'admin');
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const payload = { id: `unit-${unique()}`, name: 'Europol liaison', kind: 'unit', contact: 'liaison@example.org' };
    const refused = await app.inject({ method: 'POST', url: '/api/orgs', headers: bearer(bureauAdmin.token), payload });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const created = await app.inject({ method: 'POST', url: '/api/orgs', headers: bearer(hubAdmin.token), payload });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ ...payload, country: null, active: true });
    const invalid = await app.inject({ method: 'POST', url: '/api/orgs', headers: bearer(hubAdmin.token), payload: { id: `ncb-${unique()}`, name: 'Bureau', kind: 'ncb' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'VALIDATION_FAILED', problems: [expect.objectContaining({ field: 'body.country' })] });
  });
});

describe('/api/users', () => {
  it('creates a user with a generated password and resets it without a body', async () => {
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: bearer(bureauAdmin.token), payload: { username: `n-${unique()}`, displayName: 'New Analyst', role: 'analyst' } });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ user: { id: string; orgId: string }; generatedPassword: string }>();
    expect(body.user.orgId).toBe(bureauAdmin.org.id);
    expect(body.generatedPassword).toEqual(expect.any(String));

    const reset = await app.inject({ method: 'POST', url: `/api/users/${body.user.id}/reset-password`, headers: bearer(bureauAdmin.token) });
    expect(reset.statusCode).toBe(200);
    expect(reset.json<{ generatedPassword: string }>().generatedPassword).not.toBe(body.generatedPassword);
    const listed = await app.inject({ method: 'GET', url: '/api/users', headers: bearer(bureauAdmin.token) });
    expect(listed.json<{ items: { id: string }[] }>().items.map((u) => u.id)).toContain(body.user.id);
  });

  it('unlocks, resets the second factor and deactivates through their own routes', async () => {
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const officer = await makeUser(store, bureauAdmin.org, 'officer');
    const post = (action: string) => app.inject({ method: 'POST', url: `/api/users/${officer.id}/${action}`, headers: bearer(bureauAdmin.token) });
    expect((await post('unlock')).json()).toMatchObject({ id: officer.id, lockedUntil: null });
    expect((await post('reset-totp')).json()).toMatchObject({ id: officer.id, totpEnabled: false });
    expect((await post('deactivate')).json()).toMatchObject({ id: officer.id, active: false });
    expect((await app.inject({ method: 'GET', url: '/api/orgs', headers: bearer(officer.token) })).statusCode).toBe(401);
  });

  it('refuses people who do not manage users', async () => {
    const officer = await makeUser(store, await makeOrg(store), 'officer');
    const response = await app.inject({ method: 'GET', url: '/api/users', headers: bearer(officer.token) });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('manage users') });
  });
});
