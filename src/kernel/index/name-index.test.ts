import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nameTokens } from '../matching/name-tokens.ts';
import type { IndexEntry } from './index-entry.ts';
import { NameIndex } from './name-index.ts';

function entry(names: string[], extra: Partial<IndexEntry> = {}): IndexEntry {
  return {
    id: randomUUID(), version: 1, schema: 'Person', dataset: 'test', sourceId: null, ownerOrg: 'ncb-fr',
    names: names.map(nameTokens), birthDates: [], nationalities: [], gender: null, identifiers: [], ...extra,
  };
}

const query = (name: string, identifiers: string[] = []) => ({ names: name ? [nameTokens(name)] : [], identifiers });
const idsOf = (entries: IndexEntry[]) => entries.map((e) => e.id);

describe('the compact name index', () => {
  it('gives back every field of an entry as it was written', () => {
    const index = new NameIndex();
    const written = entry(['Иван Петров', 'Ivan Petrov'], {
      id: 'C0FFEE00-1234-4abc-8def-0123456789AB'.toLowerCase(), version: 7, schema: 'Passport', dataset: 'ofac', sourceId: '12345-ü-𝔘',
      birthDates: ['1975-03-14', '1975'], nationalities: ['ru', 'ua'], gender: 'male', identifiers: ['AB123456', 'X1234'],
    });
    index.upsert(written);
    expect(index.get(written.id)).toEqual(written);
    expect(index.size).toBe(1);
  });

  it('finds an entry by any of its names, whatever the script, and by an identifier read with OCR confusions', () => {
    const index = new NameIndex();
    const petrov = entry(['Ivan Petrov', 'Иван Петров'], { identifiers: ['AB1234567'] });
    index.upsert(entry(['Maria Garcia']));
    index.upsert(petrov);
    expect(idsOf(index.candidates(query('PETROV, Ivan')))[0]).toBe(petrov.id);
    expect(idsOf(index.candidates(query('Иван Петров')))[0]).toBe(petrov.id);
    expect(idsOf(index.candidates(query('', ['A8I234567'])))).toEqual([petrov.id]);
    expect(index.candidates(query('Ngozi Okonkwo'))).toEqual([]);
  });

  it('replaces an older version, ignores a stale one, and forgets a removed entry', () => {
    const index = new NameIndex();
    const first = entry(['Karim Benali']);
    index.upsert(first);
    index.upsert({ ...first, version: 2, names: [nameTokens('Karim Benhali')] });
    index.upsert({ ...first, version: 1, names: [nameTokens('Someone Else')] });
    expect(index.get(first.id)?.version).toBe(2);
    expect(index.size).toBe(1);
    expect(idsOf(index.candidates(query('Someone Else')))).toEqual([]);
    index.remove(first.id);
    expect(index.get(first.id)).toBeUndefined();
    expect(index.size).toBe(0);
    expect(index.candidates(query('Karim Benhali'))).toEqual([]);
  });

  it('keeps answering while writes and reads interleave, merging its sorted runs and dropping dead postings', () => {
    const index = new NameIndex();
    const written: IndexEntry[] = [];
    for (let i = 0; i < 300; i += 1) {
      const e = entry([`Person${i} Familyname${i % 7}`]);
      written.push(e);
      index.upsert(e);
      if (i % 3 === 0 && i >= 3) index.remove(written[i - 3]?.id ?? '');
      expect(index.candidates(query(`Person${i} Familyname${i % 7}`), 1)[0]?.id).toBe(e.id);
    }
    expect(index.stats.runs).toBeLessThanOrEqual(Math.ceil(Math.log2(300)) + 1);
    expect(index.size).toBe(300 - 99);
    for (let i = 0; i < 300; i += 1) {
      const removed = i % 3 === 0 && i + 3 < 300;
      expect(index.get(written[i]?.id ?? '') === undefined).toBe(removed);
    }
  });

  it('ranks the entry sharing the rare words above thousands sharing only a common first name', () => {
    const index = new NameIndex();
    for (let i = 0; i < 3000; i += 1) index.upsert(entry([`Mohammed Surname${i.toString(36)}x`]));
    const target = entry(['Mohammed Rezaei Tabrizi']);
    index.upsert(target);
    for (let i = 0; i < 30; i += 1) index.upsert(entry([`Given${i.toString(36)}x Tabrizi`]));
    const found = index.candidates(query('Mohammed Tabrizi Rezaei'), 10);
    expect(found[0]?.id).toBe(target.id);
    // Once ten entries share a rare word, no other Mohammed can enter the best ten: the name's postings are not read whole.
    expect(index.lastQuery.touched).toBeLessThan(100);
  });

  it('returns the same best candidates as reading every key whole would', () => {
    const index = new NameIndex();
    const words = ['Ana', 'Maria', 'Jose', 'Luis', 'Garcia', 'Lopez', 'Perez', 'Sanchez', 'Gomez', 'Diaz', 'Ruiz', 'Vega'];
    for (let i = 0; i < 4000; i += 1) index.upsert(entry([`${words[i % 4]} ${words[4 + (i % 8)]} ${words[4 + ((i * 7) % 8)]} ${i % 50 === 0 ? 'Zubizarreta' : ''}`]));
    const q = query('Maria Zubizarreta Gomez');
    const pruned = idsOf(index.candidates(q, 20));
    const whole = idsOf(index.candidates(q, 4001)).slice(0, 20);
    expect(new Set(pruned)).toEqual(new Set(whole));
  });

  it('puts the namesake born on the asked day first among hundreds, yet never finds anyone by a birth date alone', () => {
    const index = new NameIndex();
    for (let i = 0; i < 500; i += 1) index.upsert(entry(['Maria Garcia'], { birthDates: [`19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`], nationalities: ['es'] }));
    const target = entry(['Maria Garcia'], { birthDates: ['1977-12-24'], nationalities: ['mx'] });
    index.upsert(target);
    expect(index.candidates({ ...query('Maria Garcia'), birthDate: '1977-12-24', nationality: 'mx' }, 5)[0]?.id).toBe(target.id);
    expect(index.candidates({ names: [], identifiers: [], birthDate: '1977-12-24', nationality: 'mx' }, 5)).toEqual([]);
  });

  it('ranks the namesake with day and month transposed, or listed with the year only, above namesakes born on other days', () => {
    const index = new NameIndex();
    for (let i = 0; i < 600; i += 1) index.upsert(entry(['Maria Garcia'], { birthDates: [`19${50 + (i % 40)}-0${1 + (i % 9)}-2${i % 9}`] }));
    const transposed = entry(['Maria Garcia'], { birthDates: ['1977-12-03'] });
    const yearOnly = entry(['Maria Garcia'], { birthDates: ['1977'] });
    index.upsert(transposed);
    index.upsert(yearOnly);
    const best = idsOf(index.candidates({ ...query('Maria Garcia'), birthDate: '1977-03-12' }, 2));
    expect(new Set(best)).toEqual(new Set([transposed.id, yearOnly.id]));
  });

  it('looks among the asked datasets only, so others crowd none of their entries out', () => {
    const index = new NameIndex();
    for (let i = 0; i < 50; i += 1) index.upsert(entry([`Vladimir Petrov${i}`], { dataset: 'big-list' }));
    const putin = entry(['Vladimir Vladimirovich Putin'], { dataset: 'small-list' });
    index.upsert(putin);
    expect(idsOf(index.candidates(query('Vladimir'), 5, { datasets: new Set(['small-list']) }))).toEqual([putin.id]);
    expect(index.candidates(query('Vladimir'), 5, { datasets: new Set(['no-such-list']) })).toEqual([]);
  });

  it('finds a name whose two words the other side writes as one, both ways, among many sharing the other word', () => {
    const index = new NameIndex();
    for (let i = 0; i < 200; i += 1) {
      index.upsert(entry([`Hassan Someone${i.toString(36)}q`]));
      index.upsert(entry([`Ri Other${i.toString(36)}q`]));
    }
    const joined = entry(['Hasan Nasrallah']);
    const apart = entry(['Ri Pyong Chol']);
    index.upsert(joined);
    index.upsert(apart);
    expect(idsOf(index.candidates(query('Hassan Nasr Allah'), 5))).toContain(joined.id);
    expect(idsOf(index.candidates(query('Ri Byongchol'), 5))).toContain(apart.id);
  });

  it('finds the holders of two common words by their pair, and single-word names by their word, without reading every holder of either word', () => {
    const index = new NameIndex();
    // More holders than a long key's floor (5,000), so each word alone is only re-ranked by.
    for (let i = 0; i < 5200; i += 1) {
      index.upsert(entry([`Maria Given${i.toString(36)}q`]));
      index.upsert(entry([`Other${i.toString(36)}q Garcia`]));
    }
    const target = entry(['GARCIA LOPEZ, Maria']);
    const mononym = entry(['Garcia'], { birthDates: ['1970-01-01'] });
    index.upsert(target);
    index.upsert(mononym);
    const found = idsOf(index.candidates(query('Maria Garcia'), 10));
    expect(found[0]).toBe(target.id);
    expect(found).toContain(mononym.id);
    expect(index.lastQuery.postingsRead).toBeLessThan(5200);
  });

  it('pairs two short neighbouring words as one, so a name split into syllables meets the same name written joined', () => {
    const index = new NameIndex();
    for (let i = 0; i < 5200; i += 1) index.upsert(entry([`Ma Given${i.toString(36)}q`, `Li Wei${i.toString(36)}q`]));
    const joined = entry(['Ma Liwei']);
    const apart = entry(['Gan Jae Min']);
    index.upsert(joined);
    index.upsert(apart);
    expect(idsOf(index.candidates(query('马 立伟'), 5))).toContain(joined.id);
    expect(idsOf(index.candidates(query('Gan JaeMin'), 5))).toContain(apart.id);
  });

  it('refuses an entry whose id is not a UUID (the index packs ids as 128 bits)', () => {
    expect(() => new NameIndex().upsert(entry(['A B'], { id: 'not-a-uuid' }))).toThrow(/UUID/);
  });
});
