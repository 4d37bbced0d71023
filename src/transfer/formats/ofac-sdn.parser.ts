import { pipeline, type Readable } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { countryCode } from './country-names.ts';
import type { ImportFormatSpec, ParsedEntity, ParsedRow } from './format.ts';
import { Values, readRemarks, type RemarkDocument } from './ofac-sdn.remarks.ts';

/**
 * The US Treasury's OFAC SDN main table, sdn.csv: no header, CRLF, 12 columns, "-0-" for
 * empty. One row gives one record (its source id is `ent_num`) and one linked record per
 * passport or national ID found in the remarks. See docs/import-export.md for the mappings.
 */
const COLUMNS = ['ent_num', 'SDN_Name', 'SDN_Type', 'Program', 'Title', 'Call_Sign', 'Vess_type', 'Tonnage', 'GRT', 'Vess_flag', 'Vess_owner', 'Remarks'] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

const SCHEMA_BY_TYPE: Record<string, string> = { individual: 'Person', '-0-': 'Organization', vessel: 'Vehicle', aircraft: 'Vehicle' };

/** Legal forms that make a "-0-" (entity) row a Company rather than an Organization. */
export const LEGAL_FORM = /(?:^|[\s,(])(LTD|LIMITED|LLC|L\.L\.C|INC|INCORPORATED|CORP|CORPORATION|COMPANY|CO|S\.A|SA|S\.A\. DE C\.V|SA DE CV|S\.R\.L|SRL|S\.L|GMBH|AG|PLC|LLP|B\.V|N\.V|OOO|OAO|ZAO|PAO|AO|JSC|PJSC|OJSC|CJSC|FZE|FZCO|FZ-LLC|SARL|SAS|LTDA|PTE|PTY|BHD|KFT|S\.P\.A|SPA|JOINT STOCK COMPANY|LIMITED LIABILITY COMPANY)\.?(?=$|[\s,)])/i;

const CTRL_Z = String.fromCharCode(0x1a);
const DETAILS_URL = 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=';

async function* parseSdn(input: Readable): AsyncGenerator<ParsedRow> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true });
  const skipped: ParsedRow[] = [];
  parser.on('skip', (error: CsvError & { lines?: number }) => skipped.push({ line: error.lines ?? 0, error: `not valid CSV: ${error.message}` }));
  const records = pipeline(input, parser, () => undefined) as AsyncIterable<{ record: string[]; info: Info }>;
  for await (const { record, info } of records) {
    const line = info.lines - newlinesIn(record);
    while (skipped.length && (skipped[0]?.line ?? 0) < line) yield skipped.shift() as ParsedRow;
    // OFAC's files end with a DOS end-of-file mark (Ctrl-Z) on a line of its own.
    if (record.length === 1 && (record[0] ?? '').replaceAll(CTRL_Z, '').trim() === '') continue;
    yield* rowEntities(record, line);
  }
  yield* skipped;
}

/** The entities of one sdn.csv row, or the reason it cannot be read. */
export function rowEntities(record: string[], line: number): ParsedRow[] {
  const source = Object.fromEntries(COLUMNS.map((c, i) => [c, record[i] ?? '']));
  if (record.length !== COLUMNS.length) return [{ line, error: `has ${record.length} fields where sdn.csv has ${COLUMNS.length} (${COLUMNS.join(', ')})`, source }];
  const row = Object.fromEntries(COLUMNS.map((c, i) => [c, clean(record[i])])) as Row;
  if (!/^\d+$/.test(row.ent_num)) return [{ line, error: `ent_num "${row.ent_num.slice(0, 40)}" is not a number: the first column is OFAC's entry number`, source }];
  if (!row.SDN_Name) return [{ line, error: 'SDN_Name (the second column) is empty', source }];
  const type = row.SDN_Type.toLowerCase() || '-0-';
  const schema = SCHEMA_BY_TYPE[type] === 'Organization' && LEGAL_FORM.test(row.SDN_Name) ? 'Company' : SCHEMA_BY_TYPE[type];
  if (!schema) return [{ line, error: `SDN_Type "${row.SDN_Type.slice(0, 40)}" is not individual, vessel, aircraft or -0- (an entity)`, source }];
  const values = new Values(schema);
  values.add('name', row.SDN_Name, `Name ${row.SDN_Name}`);
  values.add('topics', 'sanction', '');
  values.add('sourceUrl', `${DETAILS_URL}${row.ent_num}`, '');
  if (schema === 'Person') splitName(values, row.SDN_Name);
  if (schema === 'Vehicle') readCraft(values, type, row);
  for (const program of programs(row.Program)) values.add('keywords', program, `Program ${program}`);
  if (row.Title && values.has('position')) values.add('position', row.Title, `Title ${row.Title}`);
  else if (row.Title) values.note(`Title ${row.Title}`);
  if (row.Remarks) readRemarks(values, row.Remarks);
  const properties: Record<string, string[]> = { ...values.properties };
  if (values.notes.length) properties.notes = [values.notes.join('; ')];
  const main: ParsedEntity = { line, id: row.ent_num, schema, properties, source };
  return [main, ...values.documents.map((doc, i) => documentEntity(doc, i, row.ent_num, line, source))];
}

/** "-0- " and blanks are empty. */
const clean = (field: string | undefined): string => {
  const value = (field ?? '').trim();
  return value === '-0-' ? '' : value;
};

/** OFAC writes individuals "SURNAME, Given Names": with exactly one comma the split is clear. */
function splitName(values: Values, name: string): void {
  const parts = name.split(',');
  if (parts.length !== 2) return;
  const [last, first] = parts.map((p) => p.trim());
  if (!last || !first) return;
  values.add('lastName', last, '');
  values.add('firstName', first, '');
}

/** "SDGT] [IRGC" (the column as the CSV carries it) → ["SDGT", "IRGC"]. */
const programs = (column: string): string[] =>
  column
    .split(/\]\s*\[/)
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter(Boolean);

/** Vessels and aircraft are Vehicles: the kind goes first in `type`, OFAC's vessel type after it. */
function readCraft(values: Values, type: string, row: Row): void {
  values.add('type', type, '');
  if (row.Vess_type) values.add('type', row.Vess_type, `Vessel type ${row.Vess_type}`);
  if (row.Vess_flag) values.add('country', countryCode(row.Vess_flag), `Flag ${row.Vess_flag}`);
  if (row.Call_Sign) values.note(`Call sign ${row.Call_Sign}`);
  if (row.Tonnage) values.note(`Tonnage ${row.Tonnage}`);
  if (row.GRT) values.note(`GRT ${row.GRT}`);
  if (row.Vess_owner) values.note(`Owner ${row.Vess_owner}`);
}

function documentEntity(doc: RemarkDocument, index: number, holder: string, line: number, source: unknown): ParsedEntity {
  const properties: Record<string, string[]> = { number: [doc.number], type: [doc.type], holder: [holder], topics: ['sanction'] };
  if (doc.country) properties.country = [doc.country];
  if (doc.issued) properties.startDate = [doc.issued];
  if (doc.expires) properties.endDate = [doc.expires];
  return { line, id: `${holder}-${doc.schema === 'Passport' ? 'passport' : 'id'}-${index + 1}`, schema: doc.schema, properties, source };
}

function newlinesIn(record: string[]): number {
  let n = 0;
  for (const field of record) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n += 1;
  return n;
}

export const ofacSdnFormat: ImportFormatSpec = {
  description: 'US Treasury OFAC SDN list, main table (sdn.csv: no header, remarks parsed)',
  contentTypes: ['text/csv'],
  // .csv selects the generic CSV format: this one is always chosen with --format ofac-sdn.
  extensions: [],
  needsMapping: false,
  open: async (input) => parseSdn(input),
};
