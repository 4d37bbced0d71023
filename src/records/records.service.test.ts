import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../kernel/store/store.ts';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, personInput, type TestUser } from '../../test/factories.ts';
import { RecordsService } from './records.service.ts';

let store: Store;
let records: RecordsService;
let owner: TestUser;
let supervisor: TestUser;
let otherBureau: TestUser;

beforeAll(async () => {
  store = await createTestStore();
  records = new RecordsService(store, { defaultReviewYears: 5 });
  const org = await makeOrg(store);
  owner = await makeUser(store, org, 'officer');
  supervisor = await makeUser(store, org, 'supervisor');
  otherBureau = await makeUser(store, await makeOrg(store), 'officer');
});
afterAll(async () => store.close());

describe('creating a record', () => {
  it('stores cleaned properties, the caption and a five-year review date by default', async () => {
    const record = await makeRecord(store, owner, personInput({ properties: { name: ['  Ivan   Petrov '], nationality: ['RU'], birthDate: ['1975-03'] } }));
    expect(record.caption).toBe('Ivan Petrov');
    expect(record.properties.nationality).toEqual(['ru']);
    expect(record.properties.birthDate).toEqual(['1975-03']);
    expect(record.version).toBe(1);
    expect(record.ownerOrg).toBe(owner.org.id);
    expect(Number(record.reviewDate.slice(0, 4))).toBe(new Date().getUTCFullYear() + 5);
  });

  it('rejects every invalid field at once, naming each', async () => {
    const attempt = records.create(owner.actor, personInput({ properties: { name: ['X'], birthDate: ['1980-02-30'], nationality: ['qq'], shoeSize: ['44'] } }));
    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        problems: expect.arrayContaining([
          expect.objectContaining({ field: 'properties.birthDate' }),
          expect.objectContaining({ field: 'properties.nationality' }),
          expect.objectContaining({ field: 'properties.shoeSize' }),
        ]),
      },
    });
  });

  it('requires a stated restriction for handling code H3', async () => {
    await expect(records.create(owner.actor, personInput({ handling: { code: 'H3' } }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: [expect.objectContaining({ field: 'handling.note' })] },
    });
    const stated = await records.create(owner.actor, personInput({ handling: { code: 'H3', note: 'not to be shared with partners' } }));
    expect(stated.handling).toEqual({ code: 'H3', note: 'not to be shared with partners' });
  });

  it('refuses to link to a record the creator cannot see', async () => {
    const hidden = await makeRecord(store, otherBureau, { restriction: { mode: 'owner_and_hub', orgs: [] } });
    const passport = records.create(owner.actor, personInput({ schema: 'Passport', properties: { number: ['X1234567'], holder: [hidden.id] } }));
    await expect(passport).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a record owned by another organisation', async () => {
    await expect(records.create(owner.actor, personInput({ ownerOrg: otherBureau.org.id }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('updating a record', () => {
  it('keeps the previous version and advances the version number', async () => {
    const record = await makeRecord(store, owner);
    const updated = await records.update(owner.actor, record.id, { expectedVersion: 1, properties: { alias: ['The Ghost'] }, reason: 'new alias from informant' });
    expect(updated.version).toBe(2);
    expect(updated.properties.alias).toEqual(['The Ghost']);
    const history = await records.history(owner.actor, record.id);
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    expect(history[1]?.record.properties.alias).toBeUndefined();
  });

  it('refuses a stale version instead of silently overwriting', async () => {
    const record = await makeRecord(store, owner);
    await records.update(owner.actor, record.id, { expectedVersion: 1, properties: { alias: ['A'] } });
    await expect(records.update(owner.actor, record.id, { expectedVersion: 1, properties: { alias: ['B'] } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('lets only the owner organisation change its record', async () => {
    const record = await makeRecord(store, owner);
    await expect(records.update(otherBureau.actor, record.id, { expectedVersion: 1, properties: { alias: ['X'] } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps versions even when SQL bypasses the service', async () => {
    const record = await makeRecord(store, owner);
    await expect(store.query(sql`UPDATE records SET caption = 'silent' WHERE id = ${record.id}::uuid`)).rejects.toThrow(/advance version/);
    await expect(store.query(sql`DELETE FROM records WHERE id = ${record.id}::uuid`)).rejects.toThrow(/never deleted/);
  });
});

describe('cancelling a record', () => {
  it('needs the cancel permission and a reason, and hides the record from other bureaus', async () => {
    const record = await makeRecord(store, owner);
    await expect(records.cancel(owner.actor, record.id, 'duplicate')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await records.get(otherBureau.actor, record.id)).id).toBe(record.id);
    const cancelled = await records.cancel(supervisor.actor, record.id, 'duplicate of an earlier record');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelReason).toBe('duplicate of an earlier record');
    await expect(records.get(otherBureau.actor, record.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await records.get(owner.actor, record.id)).status).toBe('cancelled');
  });
});

describe('searching', () => {
  it('finds names by their whole written form in scripts with combining marks (Thai, Urdu)', async () => {
    for (const name of ['ซูลฟีย์ บางค้างพลู', 'آمنہ چوہدری']) {
      const record = await makeRecord(store, owner, { properties: { name: [name] } });
      const found = await records.search(owner.actor, { q: name }, { limit: 10, offset: 0 });
      expect(found.items.map((r) => r.id), name).toContain(record.id);
    }
  });

  it('finds a name typed in decomposed form (NFD), as some keyboards and data sources send it', async () => {
    const record = await makeRecord(store, owner, { properties: { name: ['آمنہ چوہدری'] } });
    const decomposed = 'آمنہ چوہدری'.normalize('NFD');
    expect(decomposed).not.toBe('آمنہ چوہدری');
    const found = await records.search(owner.actor, { q: decomposed }, { limit: 50, offset: 0 });
    expect(found.items.map((r) => r.id)).toContain(record.id);
  });
});

describe('relations', () => {
  it('lists linked records both ways', async () => {
    const person = await makeRecord(store, owner);
    const group = await makeRecord(store, owner, { schema: 'Organization', properties: { name: ['Los Testigos'], classification: ['cartel'] } });
    const membership = await makeRecord(store, owner, { schema: 'Membership', properties: { member: [person.id], organization: [group.id], role: ['lieutenant'] } });
    const fromPerson = await records.relations(owner.actor, person.id);
    expect(fromPerson.incoming.map((i) => [i.property, i.record.id])).toEqual([['member', membership.id]]);
    const fromMembership = await records.relations(owner.actor, membership.id);
    expect(fromMembership.outgoing.map((o) => o.record.id).sort()).toEqual([person.id, group.id].sort());
  });
});
