import fs from 'node:fs';
import path from 'node:path';
import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeUser, type TestUser } from '../../test/factories.ts';
import { recordIdFor } from '../kernel/records/record.ts';
import type { Store } from '../kernel/store/store.ts';
import { applyDateFormat, compileDateFormat } from './formats/csv-mapping.ts';
import { csvEntityId } from './formats/csv.parser.ts';
import { runImport } from './import.service.ts';
import type { ImportOptions } from './import.types.ts';
import { DEFAULTS, FIXTURES, countRecords, tempDir } from './transfer.test-support.ts';

let store: Store;
let officer: TestUser;
let dir: string;
let n = 0;
const dataset = () => `csv-${(n += 1)}`;
const CSV = path.join(FIXTURES, 'persons.csv');
const MAPPING = path.join(FIXTURES, 'persons.mapping.yml');

beforeAll(async () => {
  store = await createTestStore();
  officer = await makeUser(store, await makeOrg(store), 'officer');
  dir = tempDir();
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const options = (overrides: Partial<ImportOptions>): ImportOptions => ({ file: CSV, format: 'csv', mappingFile: MAPPING, dataset: dataset(), defaults: DEFAULTS, ...overrides });

describe('importing CSV with a column mapping', () => {
  it('gives two linked entities per row: a person and the passport it holds', async () => {
    const ds = dataset();
    const report = await runImport(store, officer.actor, options({ dataset: ds }));
    expect(report).toMatchObject({ imported: 5, rejected: 2 });
    expect(report.rejects).toEqual([
      { line: 4, reason: expect.stringMatching(/birthDate.*"1990-02-31" is not a real calendar date/) },
      { line: 5, reason: expect.stringMatching(/every key column is empty/) },
    ]);
    const { rows } = await store.query<{ source_id: string; schema: string; properties: Record<string, string[]>; crime_area: string; handling_code: string }>(
      sql`SELECT source_id, schema, properties, crime_area, handling_code FROM records WHERE dataset = ${ds} ORDER BY schema, caption`,
    );
    const ivan = rows.find((r) => r.properties.name?.[0] === 'Ivan Petrov');
    expect(ivan).toMatchObject({ source_id: csvEntityId('person', ['P1']), properties: { alias: ['Vanya', 'Ivanushka'], birthDate: ['1975-03-02'], nationality: ['ru'] } });
    const passport = rows.find((r) => r.properties.number?.[0] === 'X1234567');
    expect(passport?.properties.holder).toEqual([recordIdFor(ds, csvEntityId('person', ['P1']))]);
    expect(rows.find((r) => r.properties.name?.[0] === 'Ana "La Jefa" Silva')?.properties.birthDate).toEqual(['1970-02-01']);
    // The mapping's defaults win over the import's.
    expect(new Set(rows.map((r) => `${r.crime_area}/${r.handling_code}`))).toEqual(new Set(['fugitive/H2']));
    expect(rows.filter((r) => r.schema === 'Passport')).toHaveLength(2);
  });

  it('derives ids from the key columns, so importing the file again changes nothing', async () => {
    const ds = dataset();
    await runImport(store, officer.actor, options({ dataset: ds }));
    const again = await runImport(store, officer.actor, options({ dataset: ds }));
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 5 });
    expect(await countRecords(store, ds)).toBe(5);
  });

  it("rejects a whole row when one of its entities belongs to another organisation, writing none of the row", async () => {
    const ds = dataset();
    await runImport(store, officer.actor, options({ dataset: ds }));
    const rival = await makeUser(store, await makeOrg(store), 'officer');
    const file = path.join(dir, 'rival.csv');
    fs.writeFileSync(file, 'person_id,full_name,dob,alias1,alias2,nat,passport_no\nP1,Ivan Petrov,02/03/1975,,,RU,NEW-PASSPORT\nP9,Someone Else,01/01/1990,,,FR,\n');
    const report = await runImport(store, rival.actor, options({ dataset: ds, file }));
    expect(report).toMatchObject({ imported: 1, rejected: 1, rejects: [{ line: 2, reason: expect.stringMatching(/belongs to another organisation/) }] });
    const { rows } = await store.query(sql`SELECT 1 FROM records WHERE dataset = ${ds} AND properties->'number' ? 'NEW-PASSPORT'`);
    expect(rows).toEqual([]);
    expect(await countRecords(store, ds)).toBe(6);
  });

  it('lists every problem of a mapping at once, columns missing from the header included', async () => {
    const attempt = runImport(store, officer.actor, options({ mappingFile: path.join(FIXTURES, 'broken.mapping.yml') }));
    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        problems: [
          { field: 'mapping.entities.person.schema', message: expect.stringMatching(/"Persn" is not a record type/) },
          { field: 'mapping.entities.passport.properties.holder.entity', message: expect.stringMatching(/"persons" is not an entity/) },
          { field: 'mapping.entities.passport.properties.shoeSize', message: 'is not a property of Passport' },
          { field: 'mapping.entities.passport.properties.number', message: 'column "passport_number" is not in the file\'s header' },
        ],
      },
    });
  });

  it('refuses a mapping that is not shaped like one, naming the field', async () => {
    const attempt = runImport(store, officer.actor, options({ mappingFile: undefined, mapping: { entities: { person: { schema: 'Person', keys: ['person_id'], properties: { name: { colum: 'full_name' } } } } } }));
    await expect(attempt).rejects.toMatchObject({ details: { problems: [expect.objectContaining({ field: 'mapping.entities.person.properties.name' })] } });
    await expect(runImport(store, officer.actor, options({ mappingFile: undefined }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(runImport(store, officer.actor, options({ mappingFile: undefined, mapping: 'entities: [' }))).rejects.toMatchObject({ details: { problems: [expect.objectContaining({ message: expect.stringMatching(/not valid YAML or JSON/) })] } });
  });

  it('reports rows with a wrong number of fields or broken quoting by their line', async () => {
    const file = path.join(dir, 'ragged.csv');
    fs.writeFileSync(file, 'person_id,full_name,dob,alias1,alias2,nat,passport_no\nP1,One,01/01/1970,,,FR,\nP2,Two\n"P3","multi\nline name",01/01/1970,,,FR,\nP4,"Unclosed,01/01/1970,,,FR,\nP5,Five,01/01/1970,,,FR,\n');
    const report = await runImport(store, officer.actor, options({ file }));
    expect(report.imported).toBe(2);
    expect(report.rejects).toEqual([
      { line: 3, reason: 'has 2 fields where the header has 7' },
      { line: 7, reason: expect.stringMatching(/not valid CSV: Quote Not Closed/) },
    ]);
  });
});

describe('date formats in mappings', () => {
  it('rewrites dates written another way as YYYY-MM-DD, and refuses formats without a year', () => {
    const dmy = compileDateFormat('DD/MM/YYYY');
    expect(dmy && applyDateFormat(dmy, '31/12/1980')).toBe('1980-12-31');
    expect(dmy && applyDateFormat(dmy, '1980-12-31')).toBeUndefined();
    const loose = compileDateFormat('D.M.YYYY');
    expect(loose && applyDateFormat(loose, '1.2.1970')).toBe('1970-02-01');
    const month = compileDateFormat('MM/YYYY');
    expect(month && applyDateFormat(month, '07/2001')).toBe('2001-07');
    expect(compileDateFormat('DD/MM/YY')).toBeUndefined();
    expect(compileDateFormat('DD/MM')).toBeUndefined();
  });
});
