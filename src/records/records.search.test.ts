import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshSearchText, SEARCH_TEXT_VERSION } from '../kernel/records/search-text.ts';
import type { Store } from '../kernel/store/store.ts';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, type TestUser } from '../../test/factories.ts';
import { RecordsService } from './records.service.ts';

let store: Store;
let records: RecordsService;
let owner: TestUser;
let otherBureau: TestUser;

beforeAll(async () => {
  store = await createTestStore();
  records = new RecordsService(store, { defaultReviewYears: 5 });
  owner = await makeUser(store, await makeOrg(store), 'officer');
  otherBureau = await makeUser(store, await makeOrg(store), 'officer');
});
afterAll(async () => store.close());

const page = { limit: 20, offset: 0 };
const idsFound = async (user: TestUser, q: string, fuzzy = false) =>
  (await records.search(user.actor, { q, fuzzy }, page)).items.map((r) => r.id);

describe('searching across scripts and accents', () => {
  it('finds a name written in another script by its Latin transliteration, and an accented name without accents', async () => {
    const cyrillic = await makeRecord(store, owner, { properties: { name: ['Вячеслав Кондратенко'] } });
    const turkish = await makeRecord(store, owner, { properties: { name: ['Gülşen Öztürkoğlu'] } });
    expect(await idsFound(owner, 'vyacheslav kondratenko')).toContain(cyrillic.id);
    expect(await idsFound(owner, 'Кондратенко')).toContain(cyrillic.id);
    expect(await idsFound(owner, 'ozturkoglu')).toContain(turkish.id);
  });

  it('shows each name written in another script with its Latin transliteration', async () => {
    const record = await makeRecord(store, owner, { properties: { name: ['习近平'], alias: ['Xi Jinping'] } });
    expect(record.latin).toEqual({ 习近平: 'Xi Jinping' });
    const latinOnly = await makeRecord(store, owner, { properties: { name: ['Élodie Marchand'] } });
    expect(latinOnly.latin).toEqual({});
  });
});

describe('fuzzy search', () => {
  it('finds names with typing errors that the word search misses, best match first', async () => {
    const exact = await makeRecord(store, owner, { properties: { name: ['Radomir Vukašinović'] } });
    const near = await makeRecord(store, owner, { properties: { name: ['Radomir Vukasinovich'] } });
    expect(await idsFound(owner, 'Radomri Vukasinovic')).toEqual([]);
    const fuzzy = await idsFound(owner, 'Radomri Vukasinovic', true);
    expect(fuzzy).toEqual(expect.arrayContaining([exact.id, near.id]));
    expect(fuzzy[0]).toBe(exact.id);
  });

  it('finds a name written in another script, with another spelling', async () => {
    const arabic = await makeRecord(store, owner, { properties: { name: ['محمد يوسف الحمادي'] } });
    expect(await idsFound(owner, 'Mohammed Yusuf al-Hamadi', true)).toContain(arabic.id);
    expect(await idsFound(owner, 'Mohammed Yusuf al-Hamadi')).not.toContain(arabic.id);
  });

  it('does not return unrelated names', async () => {
    await makeRecord(store, owner, { properties: { name: ['Theodora Castellanos'] } });
    const found = (await records.search(owner.actor, { q: 'Radomir Vukasinovic', fuzzy: true }, page)).items.map((r) => r.caption);
    expect(found).not.toContain('Theodora Castellanos');
  });

  it('goes through the access rule: another bureau’s restricted record is never a fuzzy result', async () => {
    const restricted = await makeRecord(store, owner, { properties: { name: ['Ksenia Zharikova'] }, restriction: { mode: 'owner_and_hub', orgs: [] } });
    expect(await idsFound(owner, 'Ksenya Zharikova', true)).toContain(restricted.id);
    expect(await idsFound(otherBureau, 'Ksenya Zharikova', true)).not.toContain(restricted.id);
    expect((await records.search(otherBureau.actor, { q: 'Ksenya Zharikova', fuzzy: true }, page)).total).toBe(0);
  });
});

describe('refreshing derived search text', () => {
  it('rewrites stale search text once per derivation version without creating record versions', async () => {
    const record = await makeRecord(store, owner, { properties: { name: ['Мирослава Дьяченко'] } });
    await store.query(sql`UPDATE records SET search_text = 'stale' WHERE id = ${record.id}`);
    await store.query(sql`DELETE FROM derived_state WHERE name = 'search_text'`);
    expect(await refreshSearchText(store)).toBeGreaterThanOrEqual(1);
    const { rows } = await store.query<{ search_text: string; version: number }>(sql`SELECT search_text, version FROM records WHERE id = ${record.id}`);
    expect(rows[0]?.search_text).toContain('miroslava dyachenko');
    expect(rows[0]?.version).toBe(1);
    expect((await records.history(owner.actor, record.id)).map((v) => v.version)).toEqual([1]);
    const state = await store.query<{ version: number }>(sql`SELECT version FROM derived_state WHERE name = 'search_text'`);
    expect(state.rows[0]?.version).toBe(SEARCH_TEXT_VERSION);
    expect(await refreshSearchText(store)).toBe(0);
  });

  it('still refuses any other update that does not advance the version', async () => {
    const record = await makeRecord(store, owner);
    await expect(store.query(sql`UPDATE records SET caption = 'changed silently' WHERE id = ${record.id}`)).rejects.toThrow(/advance version/);
  });
});
