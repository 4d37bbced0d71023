import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../kernel/store/store.ts';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, type TestUser } from '../../test/factories.ts';
import { RecordsService } from '../records/records.service.ts';
import { NameIndexSync } from '../kernel/index/index-sync.ts';
import { DEFAULT_THRESHOLD, ScreeningService, type FullMatch } from './screening.service.ts';

let store: Store;
let sync: NameIndexSync;
let screening: ScreeningService;
let owner: TestUser;
let supervisor: TestUser;
let otherBureau: TestUser;
let auditor: TestUser;

beforeAll(async () => {
  store = await createTestStore();
  sync = new NameIndexSync(store);
  screening = new ScreeningService(store, sync);
  const org = await makeOrg(store);
  owner = await makeUser(store, org, 'officer');
  supervisor = await makeUser(store, org, 'supervisor');
  otherBureau = await makeUser(store, await makeOrg(store), 'officer');
  auditor = await makeUser(store, await makeOrg(store), 'auditor');
});
afterAll(async () => {
  await sync.close();
  await store.close();
});

const person = (name: string, extra: Record<string, string[]> = {}) => ({ properties: { name: [name], ...extra } });

describe('screening a name', () => {
  it('finds a record by its name in another script, with a score and an explanation', async () => {
    const record = await makeRecord(store, owner, person('Usama bin Muhammad bin Awad BIN LADIN', { birthDate: ['1957-03-10'], nationality: ['sa'] }));
    await sync.catchUp();
    const [match] = await screening.check(otherBureau.actor, { name: 'أسامة بن لادن', birthDate: '1957' });
    expect(match?.recordId).toBe(record.id);
    expect(match?.disclosure).toBe('full');
    expect(match?.score).toBeGreaterThanOrEqual(0.72);
    expect((match as FullMatch).features.map((f) => f.feature)).toEqual(['name', 'birthDate']);
    expect(match?.explanation).toContain('birthDate partly: year 1957');
  });

  it('returns nothing for an unrelated name (the no-hit path)', async () => {
    await makeRecord(store, owner, person('Theodoros Papadopoulos'));
    await sync.catchUp();
    expect(await screening.check(otherBureau.actor, { name: 'Margaret Whitfield-Brown' })).toEqual([]);
  });

  it('keeps a namesake born years apart below the default threshold', async () => {
    await makeRecord(store, owner, person('Zoran Milosavljević', { birthDate: ['1971-05-02'] }));
    await sync.catchUp();
    const agreeing = await screening.check(otherBureau.actor, { name: 'Zoran Milosavljevic', birthDate: '1971-05-02' });
    const contradicting = await screening.check(otherBureau.actor, { name: 'Zoran Milosavljevic', birthDate: '1990-11-30' }, { threshold: 0 });
    expect(agreeing[0]?.score).toBe(1);
    expect(contradicting[0]?.score).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('finds a document number read with OCR confusions (O for 0, I for 1)', async () => {
    const record = await makeRecord(store, owner, person('Ilse Brandstätter', { passportNumber: ['P01234I78'] }));
    await sync.catchUp();
    const [match] = await screening.check(otherBureau.actor, { documentNumber: 'PO1234178' });
    expect(match?.recordId).toBe(record.id);
    expect(match?.score).toBeGreaterThanOrEqual(0.97);
  });
});

describe('keeping the index current', () => {
  it('screens a new record at once, a new version by its new name, and a cancelled one no more — without a rebuild', async () => {
    const record = await makeRecord(store, owner, person('Kasimir Wojciechowski'));
    await sync.catchUp();
    expect((await screening.check(otherBureau.actor, { name: 'Kasimir Wojciechowski' })).map((m) => m.recordId)).toContain(record.id);
    const records = new RecordsService(store, { defaultReviewYears: 5 });
    await records.update(owner.actor, record.id, { expectedVersion: 1, properties: { name: ['Kazimierz Wojciechowski-Nowak'] } });
    // The feed may hand back rows already applied (a transaction elsewhere holds the horizon
    // back): applying them writes nothing. Only the new version takes a slot.
    const slotsBefore = (await sync.index.stats()).slots;
    await sync.catchUp();
    expect((await sync.index.stats()).slots).toBe(slotsBefore + 1);
    expect((await screening.check(otherBureau.actor, { name: 'Kazimierz Wojciechowski-Nowak' }))[0]?.recordId).toBe(record.id);
    await records.cancel(supervisor.actor, record.id, 'entered by mistake');
    await sync.catchUp();
    expect((await screening.check(otherBureau.actor, { name: 'Kazimierz Wojciechowski-Nowak' })).map((m) => m.recordId)).not.toContain(record.id);
  });

  it('builds the same index from scratch in another process (a second sync over the same database)', async () => {
    const record = await makeRecord(store, owner, person('Evdokia Karamanlidou'));
    const other = new NameIndexSync(store);
    await other.catchUp();
    expect((await other.index.get(record.id))?.names.length).toBe(1);
    await sync.catchUp();
    expect((await other.index.stats()).entries).toBe((await sync.index.stats()).entries);
    await other.close();
  });
});

describe('an index that lost a shard', () => {
  it('refuses checks with a clear error while broken, then rebuilds itself from the database at the next catch-up', async () => {
    const record = await makeRecord(store, owner, person('Teodora Vasilakopoulou'));
    const threads: Worker[] = [];
    const own = new NameIndexSync(store, { shards: 2, onThread: (thread) => threads.push(thread) });
    const service = new ScreeningService(store, own);
    await own.catchUp();
    expect((await service.check(otherBureau.actor, { name: 'Teodora Vasilakopoulou' }))[0]?.recordId).toBe(record.id);
    await threads[0]?.terminate();
    await threads[1]?.terminate();
    await expect(own.index.screen([{ subject: { names: ['Teodora Vasilakopoulou'], identifiers: [] }, candidates: 8, threshold: 0.72, limit: 1, datasets: null }]))
      .rejects.toMatchObject({ code: 'INDEX_UNAVAILABLE' });
    await own.catchUp();
    expect(threads).toHaveLength(4);
    expect((await service.check(otherBureau.actor, { name: 'Teodora Vasilakopoulou' }))[0]?.recordId).toBe(record.id);
    await own.close();
  });
});

describe('what a hit discloses', () => {
  it('tells an asker who may not read the record only whom to contact, never its details', async () => {
    const restricted = await makeRecord(store, owner, { ...person('Radovan Stojiljković', { birthDate: ['1966-01-19'] }), restriction: { mode: 'owner_and_hub', orgs: [] } });
    await sync.catchUp();
    const [hidden] = await screening.check(otherBureau.actor, { name: 'Radovan Stojiljkovic' });
    expect(hidden).toEqual({ disclosure: 'contact-owner', recordId: restricted.id, score: hidden?.score, ownerOrg: owner.org.id, ownerName: `Test ncb ${owner.org.id}`, explanation: `Possible hit — contact Test ncb ${owner.org.id}` });
    expect(JSON.stringify(hidden)).not.toContain('1966');
    const [full] = await screening.check(owner.actor, { name: 'Radovan Stojiljkovic' });
    expect(full?.disclosure).toBe('full');
  });

  it('refuses a role without the screening permission', async () => {
    await expect(screening.check(auditor.actor, { name: 'Anyone' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('asks for something to screen', async () => {
    await expect(screening.check(otherBureau.actor, { name: '  ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
