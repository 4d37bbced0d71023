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
import { unScFormat } from './un-sc.parser.ts';

/** Written by hand after the published structure of the UN SC consolidated list. */
const UN_XML = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2024-05-03T00:00:00">
<INDIVIDUALS>
<INDIVIDUAL>
  <DATAID>6908555</DATAID>
  <VERSIONNUM>1</VERSIONNUM>
  <FIRST_NAME>RI</FIRST_NAME>
  <SECOND_NAME>WON HO</SECOND_NAME>
  <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
  <REFERENCE_NUMBER>KPi.033</REFERENCE_NUMBER>
  <LISTED_ON>2016-11-30</LISTED_ON>
  <NAME_ORIGINAL_SCRIPT>리원호</NAME_ORIGINAL_SCRIPT>
  <COMMENTS1>Ri Won Ho is a DPRK Ministry of State Security Official.</COMMENTS1>
  <DESIGNATION><VALUE>Official</VALUE></DESIGNATION>
  <NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE></NATIONALITY>
  <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>RI WON-HO</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>THE OFFICIAL</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1964-07-17</DATE></INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_PLACE_OF_BIRTH><CITY>Pyongyang</CITY><COUNTRY>Democratic People's Republic of Korea</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
  <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>381310014</NUMBER><ISSUING_COUNTRY>Democratic People's Republic of Korea</ISSUING_COUNTRY><DATE_OF_ISSUE>2011-05-10</DATE_OF_ISSUE></INDIVIDUAL_DOCUMENT>
  <GENDER>Male</GENDER>
</INDIVIDUAL>
<INDIVIDUAL>
  <DATAID>110455</DATAID>
  <FIRST_NAME>ABDUL</FIRST_NAME>
  <SECOND_NAME>GHANI</SECOND_NAME>
  <THIRD_NAME>BARADAR</THIRD_NAME>
  <UN_LIST_TYPE>1988</UN_LIST_TYPE>
  <REFERENCE_NUMBER>TAi.024</REFERENCE_NUMBER>
  <NATIONALITY><VALUE>Afghanistan</VALUE></NATIONALITY>
  <INDIVIDUAL_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Mullah Baradar Akhund</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>Abdul Ghani Akhund</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1968</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1972</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification Number</TYPE_OF_DOCUMENT><NUMBER>00123</NUMBER><ISSUING_COUNTRY>Afghanistan</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
</INDIVIDUAL>
<INDIVIDUAL>
  <FIRST_NAME>NO ID</FIRST_NAME>
</INDIVIDUAL>
</INDIVIDUALS>
<ENTITIES>
<ENTITY>
  <DATAID>113191</DATAID>
  <FIRST_NAME>KOREA MINING DEVELOPMENT TRADING CORPORATION</FIRST_NAME>
  <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
  <REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER>
  <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>KOMID</ALIAS_NAME></ENTITY_ALIAS>
  <ENTITY_ADDRESS><CITY>Pyongyang</CITY><COUNTRY>Democratic People's Republic of Korea</COUNTRY></ENTITY_ADDRESS>
</ENTITY>
<ENTITY>
  <DATAID>6908000</DATAID>
  <FIRST_NAME>AL-QAIDA</FIRST_NAME>
  <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>The Base</ALIAS_NAME></ENTITY_ALIAS>
</ENTITY>
</ENTITIES>
</CONSOLIDATED_LIST>
`;

async function parseText(text: string): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of await unScFormat.open(Readable.from([Buffer.from(text)]), {})) rows.push(row);
  return rows;
}

const entity = (rows: ParsedRow[], id: string) => rows.find((r): r is ParsedEntity => !isFailure(r) && r.id === id);

describe('UN Security Council consolidated list', () => {
  it('maps individuals to Persons under their DATAID, with the original-script name as an alias', async () => {
    const rows = await parseText(UN_XML);
    expect(entity(rows, '6908555')).toMatchObject({
      schema: 'Person',
      line: 4,
      properties: {
        name: ['RI WON HO'],
        alias: ['리원호', 'RI WON-HO'],
        weakAlias: ['THE OFFICIAL'],
        keywords: ['KPi.033', 'DPRK'],
        nationality: ['kp'],
        birthDate: ['1964-07-17'],
        birthPlace: ["Pyongyang, Democratic People's Republic of Korea"],
        birthCountry: ['kp'],
        gender: ['male'],
        position: ['Official'],
        passportNumber: ['381310014'],
        description: ['Ri Won Ho is a DPRK Ministry of State Security Official.'],
      },
    });
    expect(entity(rows, '6908555-passport-1')).toMatchObject({ schema: 'Passport', properties: { number: ['381310014'], country: ['kp'], holder: ['6908555'], startDate: ['2011-05-10'] } });
  });

  it('reads approximate years and year ranges, previous names, and keeps identifiers as text', async () => {
    const baradar = entity(await parseText(UN_XML), '110455');
    expect(baradar?.properties).toMatchObject({
      name: ['ABDUL GHANI BARADAR'],
      alias: ['Mullah Baradar Akhund'],
      previousName: ['Abdul Ghani Akhund'],
      birthDate: ['1968', '1970', '1971', '1972'],
      idNumber: ['00123'],
    });
    expect((baradar?.properties.notes as string[] | undefined)?.[0]).toMatch(/Date of birth APPROXIMATELY 1968; Date of birth BETWEEN 1970 1972/);
  });

  it('maps entities to Organizations, or Companies when the name has a legal form', async () => {
    const rows = await parseText(UN_XML);
    expect(entity(rows, '113191')).toMatchObject({ schema: 'Company', properties: { alias: ['KOMID'], country: ['kp'] } });
    expect(entity(rows, '6908000')).toMatchObject({ schema: 'Organization', properties: { alias: ['The Base'] } });
  });

  it('reports a listing without DATAID with its line, and refuses a file that is not the list', async () => {
    const failures = (await parseText(UN_XML)).filter(isFailure);
    expect(failures).toEqual([expect.objectContaining({ line: 38, error: expect.stringMatching(/DATAID "" is missing/) })]);
    await expect(parseText('<CONSOLIDATED_LIST><INDIVIDUALS>')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(parseText('<OTHER_LIST/>')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { problems: [{ field: 'file', message: expect.stringMatching(/no CONSOLIDATED_LIST root/) }] } });
  });
});

describe('importing a UN SC list', () => {
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

  it('stores each listing under its DATAID with aliases, birth dates, nationalities and passport numbers', async () => {
    const file = path.join(dir, 'consolidated.xml');
    fs.writeFileSync(file, UN_XML);
    const report = await runImport(store, officer.actor, { file, format: 'un-sc', dataset: 'un-test', defaults: DEFAULTS });
    expect(report).toMatchObject({ status: 'completed', imported: 6, rejected: 1 });
    const { rows } = await store.query<{ source_id: string; schema: string; properties: Record<string, string[]> }>(
      sql`SELECT source_id, schema, properties FROM records WHERE dataset = 'un-test' ORDER BY source_id`,
    );
    expect(rows.map((r) => `${r.schema}:${r.source_id}`).sort()).toEqual(['Company:113191', 'Identification:110455-id-1', 'Organization:6908000', 'Passport:6908555-passport-1', 'Person:110455', 'Person:6908555']);
    expect(rows.find((r) => r.source_id === '6908555')?.properties).toMatchObject({ alias: ['리원호', 'RI WON-HO'], birthDate: ['1964-07-17'], nationality: ['kp'], passportNumber: ['381310014'] });
    expect(rows.find((r) => r.source_id === '6908555-passport-1')?.properties.holder).toEqual([recordIdFor('un-test', '6908555')]);
  });
});
