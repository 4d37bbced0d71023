import { describe, expect, it } from 'vitest';
import { cleanEntity, entityReferences, getSchema } from '../../kernel/model/registry.ts';
import { generateEntities, truthOf, type GeneratedEntity } from './index.ts';
import { isValidIban, isValidVin } from './identifiers.ts';
import { profileForCountry, SCRIPT_PATTERNS, type Script } from './locales.ts';

const take = (options: Parameters<typeof generateEntities>[0]): GeneratedEntity[] => [...generateEntities(options)];
const cases = take({ seed: 'tests', count: 4000, duplicates: 0.15 });
const persons = take({ seed: 'tests', count: 3000, kind: 'persons', duplicates: 0.1 });
const watchList = take({ seed: 'tests', count: 3500, kind: 'screening' });

describe('the synthetic data generator', () => {
  it('yields entities whose properties all pass cleanEntity', () => {
    for (const { entity } of [...cases, ...persons, ...watchList]) {
      const result = cleanEntity(entity.schema, entity.properties);
      expect(result.ok ? [] : result.problems, `${entity.schema} ${JSON.stringify(entity.properties)}`).toEqual([]);
    }
  });

  it('yields exactly the number of entities asked for, each with its own id', () => {
    expect(cases).toHaveLength(4000);
    expect(new Set(cases.map((g) => g.entity.id)).size).toBe(4000);
    expect(take({ seed: 1, count: 7 })).toHaveLength(7);
  });

  it('gives the same entities for the same seed and different ones for another', () => {
    const again = take({ seed: 'tests', count: 4000, duplicates: 0.15 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(cases));
    const other = take({ seed: 'other', count: 50 });
    expect(other.map((g) => g.entity.id)).not.toEqual(cases.slice(0, 50).map((g) => g.entity.id));
  });

  it('writes every referenced entity before the entities pointing to it', () => {
    const seen = new Set<string>();
    for (const { entity } of cases) {
      const schema = getSchema(entity.schema);
      if (!schema) throw new Error(`unknown schema ${entity.schema}`);
      for (const ref of entityReferences(schema, entity.properties)) expect(seen.has(ref), `${entity.schema} → ${ref}`).toBe(true);
      seen.add(entity.id);
    }
  });

  it('covers groups, memberships, documents, vehicles, firearms, accounts, payments, events and family ties', () => {
    const schemata = new Set(cases.map((g) => g.entity.schema));
    for (const schema of ['Person', 'Organization', 'Membership', 'Passport', 'Vehicle', 'Firearm', 'BankAccount', 'Payment', 'Event', 'Family', 'Ownership']) {
      expect(schemata, schema).toContain(schema);
    }
    const passports = cases.filter((g) => g.entity.schema === 'Passport').flatMap((g) => g.entity.properties.documentStatus ?? []);
    expect(new Set(passports)).toEqual(new Set(['valid', 'stolen', 'lost', 'revoked']));
  });

  it('gives vehicles VINs with a valid ISO 3779 check digit and accounts IBANs with valid mod-97 check digits', () => {
    const vins = cases.flatMap((g) => g.entity.properties.vinCode ?? []);
    const ibans = cases.flatMap((g) => g.entity.properties.iban ?? []);
    expect(vins.length).toBeGreaterThan(50);
    expect(ibans.length).toBeGreaterThan(50);
    expect(vins.filter((v) => !isValidVin(v))).toEqual([]);
    expect(ibans.filter((i) => !isValidIban(i))).toEqual([]);
  });

  it('names people in many scripts, with Latin-script aliases for the others', () => {
    const names = persons.filter((g) => !g.duplicateOf).map((g) => g.entity.properties.name?.[0] ?? '');
    const count = (script: Script) => names.filter((n) => SCRIPT_PATTERNS[script].test(n)).length;
    for (const script of ['Latin', 'Arabic', 'Cyrillic', 'Han', 'Hangul', 'Greek', 'Armenian', 'Hebrew', 'Thai'] as Script[]) {
      expect(count(script), script).toBeGreaterThan(20);
    }
    const arabic = persons.filter((g) => SCRIPT_PATTERNS.Arabic.test(g.entity.properties.name?.[0] ?? '') && g.entity.properties.alias);
    expect(arabic.length).toBeGreaterThan(100);
    expect(arabic.every((g) => /^[A-Za-z' -]+$/.test(g.entity.properties.alias?.[0] ?? ''))).toBe(true);
  });

  it('gives each person a nationality whose people write their names in that script', () => {
    for (const { entity } of persons.filter((g) => !g.duplicateOf)) {
      const nationality = entity.properties.nationality?.[0] ?? '';
      const script = profileForCountry(nationality).script;
      expect(SCRIPT_PATTERNS[script].test(entity.properties.name?.[0] ?? ''), `${entity.properties.name?.[0]} (${nationality})`).toBe(true);
    }
  });

  it('yields only persons in persons mode', () => {
    expect(new Set(persons.map((g) => g.entity.schema))).toEqual(new Set(['Person']));
  });

  it('records which duplicates are the same person as an earlier record, and how they differ', () => {
    const byId = new Map(persons.map((g, index) => [g.entity.id, { g, index }]));
    const truth = persons.map(truthOf).filter((t) => t !== null);
    expect(truth.length).toBeGreaterThan(150);
    for (const line of truth) {
      const original = byId.get(line.sameAs);
      const duplicate = byId.get(line.id);
      expect(original && duplicate && original.index < duplicate.index).toBe(true);
      expect(original?.g.identity).toBe(line.identity);
      expect(line.variations.length).toBeGreaterThan(0);
    }
    const kinds = new Set(truth.flatMap((t) => t.variations));
    expect(kinds).toEqual(new Set(['spelling', 'transposed-date', 'year-only-date', 'missing-middle-name', 'other-script', 'name-order']));
  });

  it('swaps day and month of birth in a transposed-date duplicate', () => {
    const byId = new Map(persons.map((g) => [g.entity.id, g]));
    const line = persons.map(truthOf).find((t) => t?.variations.includes('transposed-date'));
    const original = byId.get(line?.sameAs ?? '')?.entity.properties.birthDate?.[0] ?? '';
    const duplicate = byId.get(line?.id ?? '')?.entity.properties.birthDate?.[0] ?? '';
    expect(duplicate).toBe(`${original.slice(0, 4)}-${original.slice(8, 10)}-${original.slice(5, 7)}`);
  });

  it('in screening mode, follows each person with the 1 to 4 identity documents they hold, 2.5 on average', () => {
    const holders = new Map<string, number>();
    let holder = '';
    for (const { entity } of watchList) {
      if (entity.schema === 'Person') {
        holder = entity.id;
        holders.set(holder, 0);
        continue;
      }
      expect(['Passport', 'Identification']).toContain(entity.schema);
      expect(entity.properties.holder).toEqual([holder]);
      expect(entity.properties.number?.[0]).toMatch(/[0-9A-Z]{4}/);
      holders.set(holder, (holders.get(holder) ?? 0) + 1);
    }
    const perPerson = [...holders.values()].slice(0, -1);
    expect(Math.min(...perPerson)).toBe(1);
    expect(Math.max(...perPerson)).toBe(4);
    const mean = perPerson.reduce((a, b) => a + b, 0) / perPerson.length;
    expect(mean).toBeGreaterThan(2.3);
    expect(mean).toBeLessThan(2.7);
    expect(new Set(watchList.flatMap((g) => g.entity.properties.type ?? []))).toContain('national identity card');
  });

  it('in screening mode, gives persons aliases in several scripts: Latin for the others, Cyrillic for some Latin names', () => {
    const people = watchList.filter((g) => g.entity.schema === 'Person').map((g) => g.entity.properties);
    const aliasScripts = new Set(people.flatMap((p) => (p.alias ?? []).map((a) => (SCRIPT_PATTERNS.Cyrillic.test(a) ? 'Cyrillic' : /^[A-Za-z' -]+$/.test(a) ? 'Latin' : 'other'))));
    expect(aliasScripts).toEqual(new Set(['Latin', 'Cyrillic']));
    const nameScripts = (['Latin', 'Arabic', 'Cyrillic', 'Han'] as Script[]).filter((s) => people.some((p) => SCRIPT_PATTERNS[s].test(p.name?.[0] ?? '')));
    expect(nameScripts).toHaveLength(4);
    expect(people.filter((p) => (p.alias?.length ?? 0) >= 2).length).toBeGreaterThan(20);
  });
});
