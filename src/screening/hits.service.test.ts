import sql, { raw, type Sql } from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, type TestUser } from '../../test/factories.ts';
import { NameIndexSync } from '../kernel/index/index-sync.ts';
import type { Store } from '../kernel/store/store.ts';
import { RecordsService } from '../records/records.service.ts';
import { HitsService } from './hits.service.ts';
import { ScreeningService } from './screening.service.ts';

let store: Store;
let sync: NameIndexSync;
let screening: ScreeningService;
let hits: HitsService;
let counted: string[];

beforeAll(async () => {
  store = await createTestStore();
  sync = new NameIndexSync(store);
  counted = [];
  screening = new ScreeningService(store, sync, (outcome) => counted.push(outcome));
  hits = new HitsService(store);
});
afterAll(async () => {
  await sync.close();
  await store.close();
});

/** An owning bureau with an officer and a supervisor, and an asking bureau with two officers. */
async function world(): Promise<{ owner: TestUser; ownerSupervisor: TestUser; asker: TestUser; colleague: TestUser }> {
  const ownerOrg = await makeOrg(store);
  const askerOrg = await makeOrg(store);
  return {
    owner: await makeUser(store, ownerOrg),
    ownerSupervisor: await makeUser(store, ownerOrg, 'supervisor'),
    asker: await makeUser(store, askerOrg),
    colleague: await makeUser(store, askerOrg),
  };
}

const person = (name: string, extra: Record<string, string[]> = {}) => ({ properties: { name: [name], ...extra } });
const count = async (table: 'screening_hits' | 'notifications', where: Sql) =>
  (await store.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${raw(table)} WHERE ${where}`)).rows[0]?.n;

describe('raising a hit', () => {
  it('records every match as a hit, audits the check once with the hit ids, and notifies the owner of who asked', async () => {
    const { owner, asker } = await world();
    const a = await makeRecord(store, owner, person('Bogdan Vasilescu-Marinescu', { birthDate: ['1970-02-03'] }));
    await sync.catchUp();
    const b = await makeRecord(store, owner, person('Bogdan Vasilescu Marinescu', { birthDate: ['1970-02-03'] }));
    await sync.catchUp();
    const result = await screening.screen(asker.actor, { name: 'Bogdan Vasilescu Marinescu', birthDate: '1970-02-03' }, { purpose: 'border check' });
    expect(result.matches.map((m) => m.recordId).sort()).toEqual([a.id, b.id].sort());
    const hitIds = result.matches.map((m) => m.hitId);
    expect(hitIds.every((id) => typeof id === 'string')).toBe(true);

    const audit = await store.query<{ target_ids: string[]; purpose: string; details: { checkId: string } }>(sql`
      SELECT target_ids, purpose, details FROM audit_log WHERE action = 'screening.hit' AND actor_user = ${asker.id}`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.target_ids.sort()).toEqual([...hitIds].sort());
    expect(audit.rows[0]).toMatchObject({ purpose: 'border check', details: { checkId: result.checkId } });

    const notes = await store.query<{ org_id: string; kind: string; title: string; ref_id: string }>(sql`
      SELECT org_id, kind, title, ref_id FROM notifications WHERE ref_type = 'hit' AND ref_id = ANY(${hitIds}::text[])`);
    expect(notes.rows).toHaveLength(2);
    for (const n of notes.rows) {
      expect(n).toMatchObject({ org_id: owner.org.id, kind: 'screening.hit' });
      expect(n.title).toMatch(new RegExp(`^Possible hit on Bogdan Vasilescu.Marinescu by Test ncb ${asker.org.id}$`));
    }
    expect(await count('notifications', sql`org_id = ${asker.org.id}`)).toBe(0);
  });

  it('writes nothing for a check without a match, and counts it', async () => {
    const { asker } = await world();
    counted.length = 0;
    const result = await screening.screen(asker.actor, { name: 'Quentin Oyelaran-Sørbø' });
    expect(result.matches).toEqual([]);
    expect(counted).toEqual(['no_hit']);
    expect(await count('screening_hits', sql`asker_org = ${asker.org.id}`)).toBe(0);
    const audit = await store.query(sql`SELECT 1 FROM audit_log WHERE actor_org = ${asker.org.id}`);
    expect(audit.rows).toEqual([]);
  });

  it('stores the fields the asker screened, never the raw MRZ', async () => {
    const { owner, asker } = await world();
    await makeRecord(store, owner, person('Anna Maria Eriksson', { birthDate: ['1974-08-12'], passportNumber: ['L898902C3'] }));
    await sync.catchUp();
    const mrz = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';
    const result = await screening.screen(asker.actor, { mrz });
    const { rows } = await store.query<{ subject: Record<string, string> }>(sql`SELECT subject FROM screening_hits WHERE id = ${result.matches[0]?.hitId}::uuid`);
    expect(rows[0]?.subject).toEqual({ name: 'ANNA MARIA ERIKSSON', birthDate: '1974-08-12', gender: 'female', documentNumber: 'L898902C3' });
    expect(JSON.stringify(rows)).not.toContain('<<');
  });
});

describe('screening an MRZ', () => {
  it('screens the name, birth date, sex and document number read from it', async () => {
    const { owner, asker } = await world();
    const record = await makeRecord(store, owner, person('Erika Mustermann-Utopia', { birthDate: ['1964-08-12'], passportNumber: ['C01X00T47'] }));
    await sync.catchUp();
    const mrz = 'P<D<<MUSTERMANN<UTOPIA<<ERIKA<<<<<<<<<<<<<<<\nC01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4';
    const result = await screening.screen(asker.actor, { mrz });
    expect(result.mrz).toMatchObject({ format: 'TD3', read: { name: 'ERIKA MUSTERMANN UTOPIA', birthDate: '1964-08-12', nationality: 'de', documentNumber: 'C01X00T47' } });
    expect(result.matches[0]).toMatchObject({ recordId: record.id, disclosure: 'full' });
    expect(result.matches[0]?.score).toBeGreaterThanOrEqual(0.97);
  });

  it('still screens when a check digit fails, and says which one', async () => {
    const { owner, asker } = await world();
    const record = await makeRecord(store, owner, person('Anna Maria Eriksson', { birthDate: ['1974-08-12'], passportNumber: ['L898902C3'] }));
    await sync.catchUp();
    const result = await screening.screen(asker.actor, { mrz: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408122F1204159ZE184226B<<<<<10' });
    expect(result.mrz?.valid).toBe(false);
    expect(result.mrz?.failedChecks.map((c) => c.field)).toContain('documentNumber');
    expect(result.matches.map((m) => m.recordId)).toContain(record.id);
  });

  it('refuses an unreadable MRZ with the parser’s message', async () => {
    const { asker } = await world();
    await expect(screening.screen(asker.actor, { mrz: 'P<UTOERIKSSON<<ANNA\nL898902C3' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('The MRZ could not be read') });
  });
});

describe('deciding on a hit', () => {
  it('does not raise a subject cleared as a false positive again against the same record version, until the record changes', async () => {
    const { owner, asker, colleague } = await world();
    const record = await makeRecord(store, owner, person('Ludovico Castellammare', { birthDate: ['1981-07-07'], passportNumber: ['YA4417730'] }));
    await sync.catchUp();
    const first = await screening.screen(asker.actor, { name: 'Ludovico Castellammare', birthDate: '1981-07-07', documentNumber: 'YA4417730' });
    const hitId = first.matches[0]?.hitId ?? '';
    const decided = await hits.decide(asker.actor, hitId, { status: 'false_positive', note: 'different person, checked the photo' });
    expect(decided).toMatchObject({ status: 'false_positive', decision: { note: 'different person, checked the photo', decidedBy: asker.id, decidedByName: asker.displayName } });

    // Same subject, typed otherwise (order, case, OCR confusion): cleared, nobody notified again.
    const again = await screening.screen(colleague.actor, { name: 'CASTELLAMMARE, ludovico', birthDate: '1981-07-07', documentNumber: 'YA44I773O' });
    expect(again.matches).toEqual([expect.objectContaining({ recordId: record.id, hitId: null, previouslyCleared: expect.objectContaining({ hitId, note: 'different person, checked the photo' }) })]);
    expect(await count('screening_hits', sql`record_id = ${record.id}::uuid`)).toBe(1);
    expect(await count('notifications', sql`org_id = ${owner.org.id} AND ref_type = 'hit'`)).toBe(1);

    // Another organisation's decision is not this one's.
    const elsewhere = await makeUser(store, await makeOrg(store));
    expect((await screening.screen(elsewhere.actor, { name: 'Ludovico Castellammare', birthDate: '1981-07-07', documentNumber: 'YA4417730' })).matches[0]?.hitId).toEqual(expect.any(String));

    // A new version of the record raises it again.
    await new RecordsService(store, { defaultReviewYears: 5 }).update(owner.actor, record.id, { expectedVersion: 1, properties: { alias: ['Ludo'] } });
    await sync.catchUp();
    const changed = await screening.screen(asker.actor, { name: 'Ludovico Castellammare', birthDate: '1981-07-07', documentNumber: 'YA4417730' });
    expect(changed.matches[0]).toMatchObject({ recordId: record.id, hitId: expect.any(String), previouslyCleared: null });
  });

  it('in one list, suppresses only the subject that was cleared, not another subject matching the same record', async () => {
    const { owner, asker } = await world();
    const record = await makeRecord(store, owner, person('Ermenegildo Pappalardo', { birthDate: ['1975-03-12'] }));
    await sync.catchUp();
    const first = await screening.screen(asker.actor, { name: 'Ermenegildo Pappalardo', birthDate: '1975-03-12' });
    await hits.decide(asker.actor, first.matches[0]?.hitId ?? '', { status: 'false_positive' });
    // The same subject and one without a birth date (another subject key), screened together.
    const [cleared, other] = await screening.screenMany(asker.actor, [{ name: 'Ermenegildo Pappalardo', birthDate: '1975-03-12' }, { name: 'Ermenegildo Pappalardo' }]);
    expect(cleared).toMatchObject({ matches: [expect.objectContaining({ recordId: record.id, hitId: null, previouslyCleared: expect.anything() })] });
    expect(other).toMatchObject({ matches: [expect.objectContaining({ recordId: record.id, hitId: expect.any(String), previouslyCleared: null })] });
    expect(await count('screening_hits', sql`record_id = ${record.id}::uuid`)).toBe(2);
  });

  it('audits decisions, and answers another organisation’s hit as absent', async () => {
    const { owner, ownerSupervisor, asker } = await world();
    await makeRecord(store, owner, person('Teodora Hadžipetrović', { birthDate: ['1990-01-30'] }));
    await sync.catchUp();
    const { matches } = await screening.screen(asker.actor, { name: 'Teodora Hadzipetrovic', birthDate: '1990-01-30' });
    const hitId = matches[0]?.hitId ?? '';
    await expect(hits.decide(owner.actor, hitId, { status: 'confirmed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(hits.decide(ownerSupervisor.actor, hitId, { status: 'false_positive' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await hits.decide(asker.actor, hitId, { status: 'confirmed' });
    const audit = await store.query<{ target_ids: string[]; details: unknown }>(sql`SELECT target_ids, details FROM audit_log WHERE action = 'screening.decision' AND actor_user = ${asker.id}`);
    expect(audit.rows).toEqual([{ target_ids: [hitId], details: { status: 'confirmed' } }]);
  });
});

describe('listing hits', () => {
  it('shows the owner who asked and what they screened, and the asker the record as the access rule allows', async () => {
    const { owner, asker } = await world();
    const hidden = await makeRecord(store, owner, { ...person('Svetozar Kneževićević', { birthDate: ['1959-12-24'] }), restriction: { mode: 'owner_and_hub', orgs: [] } });
    await sync.catchUp();
    const { matches } = await screening.screen(asker.actor, { name: 'Svetozar Knezevicevic', birthDate: '1959-12-24' }, { purpose: 'visa application' });
    expect(matches[0]).toMatchObject({ disclosure: 'contact-owner', recordId: hidden.id });

    const asked = await hits.list(asker.actor, { scope: 'asked', limit: 10 });
    expect(asked.items).toHaveLength(1);
    expect(asked.items[0]?.match).toEqual({ disclosure: 'contact-owner', recordId: hidden.id, ownerOrg: owner.org.id, ownerName: `Test ncb ${owner.org.id}`, explanation: `Possible hit — contact Test ncb ${owner.org.id}` });
    expect(JSON.stringify(asked)).not.toContain('Kneževićević');

    const owned = await hits.list(owner.actor, { scope: 'owned', limit: 10 });
    expect(owned.items[0]).toMatchObject({
      asker: { orgId: asker.org.id, orgName: `Test ncb ${asker.org.id}`, user: asker.id, userName: asker.displayName },
      purpose: 'visa application',
      subject: { name: 'Svetozar Knezevicevic', birthDate: '1959-12-24' },
      match: { disclosure: 'full', caption: 'Svetozar Kneževićević', recordVersion: 1 },
    });
    expect((await hits.list(asker.actor, { scope: 'owned', limit: 10 })).items).toEqual([]);
  });
});
