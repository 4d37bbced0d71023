import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../test/db.ts';
import { makeOrg } from '../../../test/factories.ts';
import { cleanEntity } from '../model/registry.ts';
import type { Store } from '../store/store.ts';
import { recordIdFor } from './record.ts';
import { upsertRecords, type NewRecord } from './record-writer.ts';

let store: Store;
let orgId: string;
beforeAll(async () => {
  store = await createTestStore();
  orgId = (await makeOrg(store)).id;
});
afterAll(async () => store.close());

function person(sourceId: string, name: string, reviewDate: string, owner = orgId): NewRecord {
  const cleaned = cleanEntity('Person', { name: [name] });
  if (!cleaned.ok) throw new Error('fixture does not validate');
  return {
    id: recordIdFor('writer-test', sourceId),
    entity: cleaned.entity,
    dataset: 'writer-test',
    sourceId,
    ownerOrg: owner,
    crimeArea: 'fugitive',
    purpose: null,
    restriction: { mode: 'everyone', orgs: [] },
    handling: { code: 'H0', note: null },
    evaluation: { source: 'B', information: 2 },
    reviewDate,
    importId: null,
  };
}

describe('upsertRecords', () => {
  it('inserts new records, leaves identical ones unchanged and updates changed ones', async () => {
    const first = await upsertRecords(store, [person('a', 'Ana', '2031-01-01'), person('b', 'Bo', '2031-01-01')], 'test');
    expect([first.inserted.length, first.updated.length, first.unchanged.length]).toEqual([2, 0, 0]);
    const second = await upsertRecords(store, [person('a', 'Ana', '2031-01-01'), person('b', 'Bob', '2031-01-01')], 'test');
    expect(second).toEqual({ inserted: [], updated: [recordIdFor('writer-test', 'b')], unchanged: [recordIdFor('writer-test', 'a')], foreign: [] });
  });

  it('keeps an existing review date when the incoming one was only a default', async () => {
    await upsertRecords(store, [person('c', 'Cy', '2030-05-05')], 'test', { defaultedReviewDate: '2030-05-05' });
    const later = await upsertRecords(store, [person('c', 'Cy', '2030-05-06')], 'test', { defaultedReviewDate: '2030-05-06' });
    expect(later.unchanged).toEqual([recordIdFor('writer-test', 'c')]);
    const stated = await upsertRecords(store, [person('c', 'Cy', '2032-01-01')], 'test', { defaultedReviewDate: '2030-05-06' });
    expect(stated.updated).toEqual([recordIdFor('writer-test', 'c')]);
  });

  it('never takes over a record owned by another organisation', async () => {
    const other = await makeOrg(store);
    await upsertRecords(store, [person('d', 'Di', '2031-01-01')], 'test');
    const attempt = await upsertRecords(store, [person('d', 'Diana', '2031-01-01', other.id)], 'test');
    expect(attempt.foreign).toEqual([recordIdFor('writer-test', 'd')]);
    expect(attempt.updated).toEqual([]);
  });
});
