import { describe, expect, it } from 'vitest';
import { bearer, useTestApp } from '../../test/app.ts';
import { makeOrg, makeUser } from '../../test/factories.ts';

const world = useTestApp();

const unique = () => Math.random().toString(36).slice(2, 10);

describe('/api/orgs', () => {
  it('shows the directory to any signed-in person and to nobody else', async () => {
    const officer = await makeUser(world.store, await makeOrg(world.store), 'officer');
    const directory = await world.app.inject({ method: 'GET', url: '/api/orgs', headers: bearer(officer.token) });
    expect(directory.statusCode).toBe(200);
    expect(directory.json<{ items: { id: string }[] }>().items).toContainEqual(expect.objectContaining({ id: officer.org.id, kind: 'ncb', contact: null }));
    expect((await world.app.inject({ method: 'GET', url: '/api/orgs' })).statusCode).toBe(401);
  });

  it('creates an organisation for a hub administrator and explains refusals as problem+json', async () => {
    const hubAdmin = await makeUser(world.store, await makeOrg(world.store, 'hub'), 'admin');
    const bureauAdmin = await makeUser(world.store, await makeOrg(world.store), 'admin');
    const payload = { id: `unit-${unique()}`, name: 'Europol liaison', kind: 'unit', contact: 'liaison@example.org' };
    const refused = await world.app.inject({ method: 'POST', url: '/api/orgs', headers: bearer(bureauAdmin.token), payload });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const created = await world.app.inject({ method: 'POST', url: '/api/orgs', headers: bearer(hubAdmin.token), payload });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ ...payload, country: null, active: true });
    const invalid = await world.app.inject({ method: 'POST', url: '/api/orgs', headers: bearer(hubAdmin.token), payload: { id: `ncb-${unique()}`, name: 'Bureau', kind: 'ncb' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'VALIDATION_FAILED', problems: [expect.objectContaining({ field: 'body.country' })] });
  });
});

describe('/api/users', () => {
  it('creates a user with a generated password and resets it without a body', async () => {
    const bureauAdmin = await makeUser(world.store, await makeOrg(world.store), 'admin');
    const created = await world.app.inject({ method: 'POST', url: '/api/users', headers: bearer(bureauAdmin.token), payload: { username: `n-${unique()}`, displayName: 'New Analyst', role: 'analyst' } });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ user: { id: string; orgId: string }; generatedPassword: string }>();
    expect(body.user.orgId).toBe(bureauAdmin.org.id);
    expect(body.generatedPassword).toEqual(expect.any(String));

    const reset = await world.app.inject({ method: 'POST', url: `/api/users/${body.user.id}/reset-password`, headers: bearer(bureauAdmin.token) });
    expect(reset.statusCode).toBe(200);
    expect(reset.json<{ generatedPassword: string }>().generatedPassword).not.toBe(body.generatedPassword);
    const listed = await world.app.inject({ method: 'GET', url: '/api/users', headers: bearer(bureauAdmin.token) });
    expect(listed.json<{ items: { id: string }[] }>().items.map((u) => u.id)).toContain(body.user.id);
  });

  it('unlocks, resets the second factor and deactivates through their own routes', async () => {
    const bureauAdmin = await makeUser(world.store, await makeOrg(world.store), 'admin');
    const officer = await makeUser(world.store, bureauAdmin.org, 'officer');
    const post = (action: string) => world.app.inject({ method: 'POST', url: `/api/users/${officer.id}/${action}`, headers: bearer(bureauAdmin.token) });
    expect((await post('unlock')).json()).toMatchObject({ id: officer.id, lockedUntil: null });
    expect((await post('reset-totp')).json()).toMatchObject({ id: officer.id, totpEnabled: false });
    expect((await post('deactivate')).json()).toMatchObject({ id: officer.id, active: false });
    expect((await world.app.inject({ method: 'GET', url: '/api/orgs', headers: bearer(officer.token) })).statusCode).toBe(401);
  });

  it('refuses people who do not manage users', async () => {
    const officer = await makeUser(world.store, await makeOrg(world.store), 'officer');
    const response = await world.app.inject({ method: 'GET', url: '/api/users', headers: bearer(officer.token) });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('manage users') });
  });
});
