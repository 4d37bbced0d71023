import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/kernel/store/store.ts';
import type { RestrictionMode } from '../src/kernel/records/record-meta.ts';
import { bearer, createTestApp } from './app.ts';
import { createTestStore } from './db.ts';
import { makeOrg, makeRecord, makeUser, type TestUser } from './factories.ts';
import type { App } from '../src/server/context.ts';
import { randomBytes } from 'node:crypto';

/**
 * The persona matrix: every read path, asked by every kind of organisation, must return
 * exactly the records the access rule allows, and must not leak the others' existence
 * (not even through counts).
 */
let store: Store;
let app: App;
let personas: Record<'owner' | 'other' | 'listed' | 'unit' | 'partner' | 'hub' | 'auditor', TestUser>;
const marker = `zq${randomBytes(4).toString('hex')}`;
const ids: Record<string, string> = {};

const RESTRICTIONS: Record<string, (p: typeof personas) => { mode: RestrictionMode; orgs: string[] }> = {
  everyone: () => ({ mode: 'everyone', orgs: [] }),
  onlyListed: (p) => ({ mode: 'only_listed', orgs: [p.listed.org.id, p.partner.org.id] }),
  allExcept: (p) => ({ mode: 'all_except', orgs: [p.other.org.id] }),
  ownerAndHub: () => ({ mode: 'owner_and_hub', orgs: [] }),
};

// Who may read which record, straight from the rule in src/kernel/access/visibility.ts.
const EXPECTED: Record<keyof typeof personas, string[]> = {
  owner: ['everyone', 'onlyListed', 'allExcept', 'ownerAndHub', 'cancelled'],
  other: ['everyone'],
  listed: ['everyone', 'onlyListed', 'allExcept'],
  unit: ['everyone', 'allExcept'],
  partner: ['onlyListed'],
  hub: ['everyone', 'onlyListed', 'allExcept', 'ownerAndHub', 'cancelled'],
  auditor: [],
};

beforeAll(async () => {
  store = await createTestStore();
  app = await createTestApp(store);
  const ownerOrg = await makeOrg(store);
  personas = {
    owner: await makeUser(store, ownerOrg, 'supervisor'),
    other: await makeUser(store, await makeOrg(store), 'officer'),
    listed: await makeUser(store, await makeOrg(store), 'analyst'),
    unit: await makeUser(store, await makeOrg(store, 'unit'), 'analyst'),
    partner: await makeUser(store, await makeOrg(store, 'partner'), 'partner'),
    hub: await makeUser(store, await makeOrg(store, 'hub'), 'analyst'),
    auditor: await makeUser(store, await makeOrg(store, 'hub'), 'auditor'),
  };
  for (const [name, restriction] of Object.entries(RESTRICTIONS)) {
    const record = await makeRecord(store, personas.owner, { properties: { name: [`${marker} ${name}`] }, restriction: restriction(personas) });
    ids[name] = record.id;
  }
  const cancelled = await makeRecord(store, personas.owner, { properties: { name: [`${marker} cancelled`] } });
  await app.inject({ method: 'POST', url: `/api/records/${cancelled.id}/cancel`, headers: bearer(personas.owner.token), payload: { reason: 'entered in error' } });
  ids.cancelled = cancelled.id;
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const visibleNames = (persona: keyof typeof personas) => EXPECTED[persona].slice().sort();
const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];

describe.each(Object.keys(EXPECTED) as (keyof typeof personas)[])('as %s', (persona) => {
  it('opens exactly the records the rule allows, and gets the same 404 for the others as for a record that does not exist', async () => {
    const opened: string[] = [];
    for (const [name, id] of Object.entries(ids)) {
      const response = await app.inject({ method: 'GET', url: `/api/records/${id}`, headers: bearer(personas[persona].token) });
      if (response.statusCode === 200) opened.push(name);
      else expect(response.statusCode, `${name}: ${response.body}`).toBe(persona === 'auditor' ? 403 : 404);
    }
    expect(opened.sort()).toEqual(visibleNames(persona));
  });

  it('finds exactly those records by search, and the total counts no others', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/records?q=${marker}&status=any&limit=200`, headers: bearer(personas[persona].token) });
    if (persona === 'auditor') return expect(response.statusCode).toBe(403);
    const body = response.json<{ items: { id: string }[]; total: number }>();
    expect(body.items.map((r) => nameOf(r.id)).sort()).toEqual(visibleNames(persona));
    expect(body.total).toBe(EXPECTED[persona].length);
  });

  it('exports exactly those records, or is refused export altogether', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/export?format=ftm&status=any', headers: bearer(personas[persona].token) });
    if (!personas[persona].actor.permissions.has('records:export')) return expect(response.statusCode).toBe(403);
    expect(response.statusCode).toBe(200);
    const exported = response.body
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { properties: { name?: string[] } })
      .map((e) => e.properties.name?.[0] ?? '')
      .filter((name) => name.startsWith(marker))
      .map((name) => name.slice(marker.length + 1));
    expect(exported.sort()).toEqual(visibleNames(persona));
  });

  it('reads version history only of the records it may read', async () => {
    for (const [name, id] of Object.entries(ids)) {
      const response = await app.inject({ method: 'GET', url: `/api/records/${id}/versions`, headers: bearer(personas[persona].token) });
      expect(response.statusCode, name).toBe(EXPECTED[persona].includes(name) ? 200 : persona === 'auditor' ? 403 : 404);
    }
  });
});

describe('relations', () => {
  it('never reveal a restricted record linked to a record the reader may see', async () => {
    const person = await makeRecord(store, personas.owner, { properties: { name: [`${marker} linked person`] } });
    const hiddenPassport = await makeRecord(store, personas.owner, {
      schema: 'Passport',
      properties: { number: ['P7781234'], holder: [person.id] },
      restriction: { mode: 'owner_and_hub', orgs: [] },
    });
    const asOther = await app.inject({ method: 'GET', url: `/api/records/${person.id}/relations`, headers: bearer(personas.other.token) });
    expect(asOther.statusCode).toBe(200);
    expect(asOther.body).not.toContain(hiddenPassport.id);
    expect(asOther.body).not.toContain('P7781234');
    const asOwner = await app.inject({ method: 'GET', url: `/api/records/${person.id}/relations`, headers: bearer(personas.owner.token) });
    expect(asOwner.json<{ incoming: { record: { id: string } }[] }>().incoming.map((i) => i.record.id)).toEqual([hiddenPassport.id]);
  });
});

describe('without signing in', () => {
  it('every record path answers 401 problem+json', async () => {
    for (const url of ['/api/records', `/api/records/${ids.everyone}`, `/api/records/${ids.everyone}/versions`, `/api/records/${ids.everyone}/relations`]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
