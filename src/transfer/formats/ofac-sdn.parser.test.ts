import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../test/db.ts';
import { makeOrg, makeUser, type TestUser } from '../../../test/factories.ts';
import { recordIdFor } from '../../kernel/records/record.ts';
import type { Store } from '../../kernel/store/store.ts';
import { runImport } from '../import.service.ts';
import { DEFAULTS, tempDir } from '../transfer.test-support.ts';
import { isFailure, type ParsedEntity, type ParsedRow } from './format.ts';
import { ofacSdnFormat } from './ofac-sdn.parser.ts';
import { Values, birthDates, readRemarks, remarkParts } from './ofac-sdn.remarks.ts';

const REAL_FILE = '/work/shared/research-data/ofac_sdn/sdn_2024-05-03.csv';

const LEADER =
  `2674,"ABU ALI, Ahmad Hasan","individual","SDGT] [IRGC","Commander",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Jan 1965; alt. DOB Sep 1966; ` +
  `POB Tehran, Iran; nationality Iran; citizen Lebanon; Gender Male; Passport D9004070 (Iran) issued 01 Feb 2001 expires 31 Jan 2006; ` +
  `National ID No. 1234567890 (Iran); a.k.a. 'ABU ALI'; a.k.a. 'ALI, Abu'; f.k.a. 'AL-QA'QA'; Tax ID No. 7701 (Russia); Linked To: HIZBALLAH."`;

/** Rows shaped as in the real sdn.csv (CRLF, "-0- " for empty, Ctrl-Z at the end). */
const SDN_LINES = [
  `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
  `173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'ACC'."`,
  LEADER,
  `4243,"EBANO","vessel","CUBA",-0- ,"CL2192","General Cargo","2595","1865","Panama",-0- ,"Vessel Registration Identification IMO 7406784; f.k.a. 'SAND SWAN'."`,
  `oops,"NO NUMBER","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
  `15431,"EP-GOM","aircraft","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Aircraft Manufacture Date 1992; Aircraft Model IL76-TD; Aircraft Manufacturer's Serial Number (MSN) 1023409321."`,
  `99,"TOO FEW","individual"`,
  `15962,"NIKOUSOKHAN, Mahmoud","individual","IRAN","Finance Director",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Jan 1961 to 31 Dec 1962; nationality Atlantis."`,
  `77,"SPACESHIP","starship","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
];
const SDN_TEXT = `${SDN_LINES.join('\r\n')}\r\n\u001a`;

async function parseText(text: string): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of await ofacSdnFormat.open(Readable.from([Buffer.from(text)]), {})) rows.push(row);
  return rows;
}

const entity = (rows: ParsedRow[], id: string) => rows.find((r): r is ParsedEntity => !isFailure(r) && r.id === id);

function remarks(schema: string, text: string): Values {
  const values = new Values(schema);
  readRemarks(values, text);
  return values;
}

describe('OFAC SDN remarks', () => {
  it('reads a.k.a. as weak aliases, f.k.a. as previous names and n.k.a. as aliases, quotes and apostrophes kept right', () => {
    const v = remarks('Person', "a.k.a. 'ABU ALI'; a.k.a. 'ALI, Abu'; a.k.a. ''FUPI''; f.k.a. 'AL-QA'QA'; n.k.a. \"NEW NAME\"; alt. a.k.a. 'ABU-'UMAR'.");
    expect(v.properties.weakAlias).toEqual(['ABU ALI', 'ALI, Abu', 'FUPI', "ABU-'UMAR"]);
    expect(v.properties.previousName).toEqual(["AL-QA'QA"]);
    expect(v.properties.alias).toEqual(['NEW NAME']);
    expect(v.notes).toEqual([]);
  });

  it('keeps a semicolon inside an alias instead of splitting the alias there', () => {
    expect(remarkParts("a.k.a. 'WHOIS; HACKING'; DOB 1970.")).toEqual(["a.k.a. 'WHOIS; HACKING'", 'DOB 1970']);
  });

  it('reads full, month and year dates of birth, and circa dates with their wording kept in the notes', () => {
    expect(birthDates('12 Jan 1965')).toEqual({ dates: ['1965-01-12'], approximate: false });
    expect(birthDates('Sep 1966')).toEqual({ dates: ['1966-09'], approximate: false });
    expect(birthDates('1946')).toEqual({ dates: ['1946'], approximate: false });
    expect(birthDates('circa 1951')).toEqual({ dates: ['1951'], approximate: true });
    const v = remarks('Person', 'DOB circa 07 Jul 1966');
    expect(v.properties.birthDate).toEqual(['1966-07-07']);
    expect(v.notes).toEqual(['DOB circa 07 Jul 1966']);
  });

  it('turns ranges into every year or month they span', () => {
    expect(birthDates('1960 to 1962')?.dates).toEqual(['1960', '1961', '1962']);
    expect(birthDates('circa 1979-1982')?.dates).toEqual(['1979', '1980', '1981', '1982']);
    expect(birthDates('01 Jan 1961 to 31 Dec 1962')?.dates).toEqual(['1961', '1962']);
    expect(birthDates('01 Feb 1960 to 29 Feb 1960')?.dates).toEqual(['1960-02']);
    expect(birthDates('26 Sep 1946 to 07 Dec 1946')?.dates).toEqual(['1946-09', '1946-10', '1946-11', '1946-12']);
    expect(birthDates('21 Mar 1950 to 20 Mar 1951')?.dates).toEqual(['1950', '1951']);
    expect(birthDates('sometime in spring')).toBeUndefined();
  });

  it('maps places of birth, nationality and citizenship to country codes, and keeps unknown countries in the notes', () => {
    const v = remarks('Person', 'POB Culiacan, Sinaloa, Mexico; nationality Korea, North; citizen Congo, Democratic Republic of the; alt. nationality Atlantis');
    expect(v.properties).toMatchObject({ birthPlace: ['Culiacan, Sinaloa, Mexico'], birthCountry: ['mx'], nationality: ['kp'], citizenship: ['cd'] });
    expect(v.notes).toEqual(['alt. nationality Atlantis']);
  });

  it('reads gender, passports with their issuing country and dates, and national ids', () => {
    const v = remarks('Person', 'Gender Female; Passport D9004070 (Iran) issued 01 Feb 2001 expires 31 Jan 2006; alt. Passport G 649385; National ID No. 660000 73767 (Belgium)');
    expect(v.properties).toMatchObject({ gender: ['female'], passportNumber: ['D9004070', 'G 649385'], idNumber: ['660000 73767'] });
    expect(v.documents).toEqual([
      { schema: 'Passport', type: 'passport', number: 'D9004070', country: 'ir', issued: '2001-02-01', expires: '2006-01-31' },
      { schema: 'Passport', type: 'passport', number: 'G 649385', country: undefined, issued: undefined, expires: undefined },
      { schema: 'Identification', type: 'national ID', number: '660000 73767', country: 'be', issued: undefined, expires: undefined },
    ]);
  });

  it('fills identifiers, e-mail and website where the schema has them, and notes every part it cannot place', () => {
    const v = remarks('Company', 'Tax ID No. 7701234 (Russia); Registration Number 1027700; Email Address info@example.ir; Website www.example.ir; Linked To: HIZBALLAH; DOB 1970');
    expect(v.properties).toMatchObject({ taxNumber: ['7701234'], registrationNumber: ['1027700'], email: ['info@example.ir'], website: ['http://www.example.ir'] });
    expect(v.notes).toEqual(['Tax ID No. 7701234 (Russia)', 'Linked To: HIZBALLAH', 'DOB 1970']);
  });
});

describe('OFAC SDN rows', () => {
  it('maps individuals to Persons with the name split, entities to Organizations or Companies, vessels and aircraft to Vehicles', async () => {
    const rows = await parseText(SDN_TEXT);
    expect(entity(rows, '36')).toMatchObject({ schema: 'Organization', line: 1, properties: { name: ['AEROCARIBBEAN AIRLINES'], keywords: ['CUBA'], topics: ['sanction'] } });
    expect(entity(rows, '173')).toMatchObject({ schema: 'Company', properties: { weakAlias: ['ACC'] } });
    const person = entity(rows, '2674');
    expect(person).toMatchObject({
      schema: 'Person',
      line: 3,
      properties: {
        name: ['ABU ALI, Ahmad Hasan'],
        lastName: ['ABU ALI'],
        firstName: ['Ahmad Hasan'],
        position: ['Commander'],
        keywords: ['SDGT', 'IRGC'],
        birthDate: ['1965-01-12', '1966-09'],
        nationality: ['ir'],
        citizenship: ['lb'],
        passportNumber: ['D9004070'],
        idNumber: ['1234567890'],
        sourceUrl: ['https://sanctionssearch.ofac.treas.gov/Details.aspx?id=2674'],
      },
    });
    expect(person?.properties.notes).toEqual(['Tax ID No. 7701 (Russia); Linked To: HIZBALLAH']);
    expect(entity(rows, '2674-passport-1')).toMatchObject({ schema: 'Passport', line: 3, properties: { number: ['D9004070'], country: ['ir'], holder: ['2674'], startDate: ['2001-02-01'], endDate: ['2006-01-31'] } });
    expect(entity(rows, '2674-id-2')).toMatchObject({ schema: 'Identification', properties: { number: ['1234567890'], type: ['national ID'], country: ['ir'] } });
    expect(entity(rows, '4243')).toMatchObject({ schema: 'Vehicle', properties: { type: ['vessel', 'General Cargo'], country: ['pa'], registrationNumber: ['IMO 7406784'], previousName: ['SAND SWAN'] } });
    expect(entity(rows, '4243')?.properties.notes).toEqual(['Call sign CL2192; Tonnage 2595; GRT 1865']);
    expect(entity(rows, '15431')).toMatchObject({ schema: 'Vehicle', properties: { type: ['aircraft'], buildDate: ['1992'], model: ['IL76-TD'], vinCode: ['1023409321'] } });
    expect(entity(rows, '15962')?.properties).toMatchObject({ birthDate: ['1961', '1962'], notes: ['DOB 01 Jan 1961 to 31 Dec 1962; nationality Atlantis'] });
  });

  it('reports malformed rows with their line number and reason, and skips the end-of-file mark', async () => {
    const failures = (await parseText(SDN_TEXT)).filter(isFailure);
    expect(failures.map((f) => [f.line, f.error])).toEqual([
      [5, expect.stringMatching(/ent_num "oops" is not a number/)],
      [7, expect.stringMatching(/has 3 fields where sdn.csv has 12/)],
      [9, expect.stringMatching(/SDN_Type "starship" is not individual, vessel, aircraft or -0-/)],
    ]);
  });
});

describe('importing an OFAC SDN file', () => {
  let store: Store;
  let officer: TestUser;
  let dir: string;
  beforeAll(async () => {
    store = await createTestStore();
    officer = await makeUser(store, await makeOrg(store), 'officer');
    dir = tempDir();
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores each listing under its ent_num, with aliases, birth dates, nationalities and passports linked to their holder', async () => {
    const file = path.join(dir, 'sdn.csv');
    fs.writeFileSync(file, SDN_TEXT);
    const report = await runImport(store, officer.actor, { file, format: 'ofac-sdn', dataset: 'ofac-test', defaults: DEFAULTS });
    expect(report).toMatchObject({ status: 'completed', rejected: 3, imported: 8 });
    expect(report.rejects.map((r) => r.line)).toEqual([5, 7, 9]);
    const { rows } = await store.query<{ id: string; source_id: string; schema: string; properties: Record<string, string[]> }>(
      sql`SELECT id, source_id, schema, properties FROM records WHERE dataset = 'ofac-test' ORDER BY source_id`,
    );
    expect(rows.map((r) => r.source_id)).toEqual(['15431', '15962', '173', '2674', '2674-id-2', '2674-passport-1', '36', '4243']);
    const person = rows.find((r) => r.source_id === '2674');
    expect(person).toMatchObject({ schema: 'Person', id: recordIdFor('ofac-test', '2674') });
    expect(person?.properties).toMatchObject({ weakAlias: ['ABU ALI', 'ALI, Abu'], birthDate: ['1965-01-12', '1966-09'], nationality: ['ir'], passportNumber: ['D9004070'] });
    expect(rows.find((r) => r.source_id === '2674-passport-1')?.properties.holder).toEqual([recordIdFor('ofac-test', '2674')]);
  });

  it.skipIf(!fs.existsSync(REAL_FILE))('imports the real SDN list of 3 May 2024: 6,854 individuals as Persons, no row rejected', async () => {
    const report = await runImport(store, officer.actor, { file: REAL_FILE, format: 'ofac-sdn', dataset: 'ofac-real', defaults: DEFAULTS });
    console.info(`real SDN import: ${report.linesRead} lines, ${report.imported} records, ${report.rejected} rejected in ${report.durationMs} ms`);
    expect(report.rejects).toEqual([]);
    expect(report.status).toBe('completed');
    const { rows } = await store.query<{ schema: string; n: number }>(sql`SELECT schema, count(*)::int AS n FROM records WHERE dataset = 'ofac-real' GROUP BY schema`);
    const bySchema = Object.fromEntries(rows.map((r) => [r.schema, r.n]));
    expect(bySchema.Person).toBe(6854);
    expect(bySchema.Vehicle).toBe(851 + 376);
    expect((bySchema.Organization ?? 0) + (bySchema.Company ?? 0)).toBe(14_965 - 6854 - 851 - 376);
  }, 300_000);
});

if (!fs.existsSync(REAL_FILE)) console.info(`ofac-sdn: the real-list test is skipped: ${REAL_FILE} is not on this machine (see /work/shared/research-data/README.md)`);
