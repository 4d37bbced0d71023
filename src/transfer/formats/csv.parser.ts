import { createHash } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { validationFailed } from '../../kernel/errors.ts';
import { applyDateFormat, checkColumns, type CsvMapping, type MappedEntity } from './csv-mapping.ts';
import type { ImportFormatSpec, ParsedRow } from './format.ts';

/**
 * Generic CSV with a column mapping (see csv-mapping.ts). The first line is the header; each
 * following row gives one entity per mapped name. An entity's id is a hash of its key
 * columns, so importing the same file again updates the same records instead of adding new
 * ones. An entity whose key columns are all empty is left out of that row, with its links.
 */
async function openCsv(input: Readable, mapping: CsvMapping | undefined): Promise<AsyncIterable<ParsedRow>> {
  if (!mapping) throw validationFailed([{ field: 'mapping', message: 'a CSV import needs a column mapping (--mapping FILE)' }]);
  const parser = parse({
    delimiter: mapping.delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  const skipped: ParsedRow[] = [];
  parser.on('skip', (error: CsvError & { lines?: number }) => skipped.push({ line: error.lines ?? 0, error: `not valid CSV: ${error.message}` }));
  const records = pipeline(input, parser, () => undefined)[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: Info }>;
  const first = await records.next();
  if (first.done) throw validationFailed([...mapping.problems, { field: 'file', message: 'is empty: a CSV file starts with a header line naming its columns' }]);
  const header = first.value.record.map((h) => h.trim());
  checkColumns(mapping, header);
  return readRows(records, header, bindMapping(mapping, header), mapping.defaults, skipped);
}

async function* readRows(
  records: AsyncIterator<{ record: string[]; info: Info }>,
  header: string[],
  entities: BoundEntity[],
  defaults: unknown,
  skipped: ParsedRow[],
): AsyncGenerator<ParsedRow> {
  for (let next = await records.next(); !next.done; next = await records.next()) {
    const { record, info } = next.value;
    const line = info.lines - newlinesIn(record);
    while (skipped.length && (skipped[0]?.line ?? 0) < line) yield skipped.shift() as ParsedRow;
    const source = new CsvSource(header, record);
    if (record.length !== header.length) {
      yield { line, error: `has ${record.length} fields where the header has ${header.length}`, source };
      continue;
    }
    yield* entitiesOf(entities, defaults, record, line, source);
  }
  yield* skipped;
}

interface BoundEntity extends MappedEntity {
  keyIndexes: number[];
  columnIndexes: number[][];
}

function bindMapping(mapping: CsvMapping, header: string[]): BoundEntity[] {
  const index = (column: string) => header.indexOf(column);
  return mapping.entities.map((entity) => ({
    ...entity,
    keyIndexes: entity.keys.map(index),
    columnIndexes: entity.properties.map((p) => (p.source.kind === 'columns' ? p.source.columns.map(index) : [])),
  }));
}

/** The id of an entity from its key values, as FollowTheMoney's make_id does. */
export function csvEntityId(keyLiteral: string, keyValues: string[]): string {
  return createHash('sha1').update([keyLiteral, ...keyValues].join('\u001f')).digest('hex');
}

function entitiesOf(entities: BoundEntity[], defaults: unknown, fields: string[], line: number, source: CsvSource): ParsedRow[] {
  const ids = new Map<string, string>();
  for (const entity of entities) {
    const keyValues = entity.keyIndexes.map((i) => (fields[i] ?? '').trim());
    if (keyValues.some(Boolean)) ids.set(entity.name, csvEntityId(entity.keyLiteral, keyValues));
  }
  if (ids.size === 0) {
    const keys = entities.map((e) => `${e.keys.join('+')} for ${e.name}`).join(', ');
    return [{ line, error: `every key column is empty (${keys}): nothing identifies the row`, source }];
  }
  const rows: ParsedRow[] = [];
  for (const entity of entities) {
    const id = ids.get(entity.name);
    if (!id) continue;
    const properties: Record<string, string[]> = {};
    for (const [n, prop] of entity.properties.entries()) {
      let values: string[];
      if (prop.source.kind === 'literal') values = prop.source.values;
      else if (prop.source.kind === 'entity') values = ids.has(prop.source.entity) ? [ids.get(prop.source.entity) as string] : [];
      else values = cellValues(fields, entity.columnIndexes[n] ?? [], prop.source.split);
      if (prop.dateFormat && values.length) {
        const format = prop.dateFormat;
        const dates = values.map((v) => applyDateFormat(format, v));
        const bad = values.find((_, i) => dates[i] === undefined);
        if (bad !== undefined) return [{ line, error: `${entity.name}.${prop.name}: "${bad.slice(0, 40)}" is not a date written ${format.text}`, source }];
        values = dates as string[];
      }
      if (values.length) properties[prop.name] = properties[prop.name] ? [...(properties[prop.name] ?? []), ...values] : values;
    }
    rows.push({ line, id, schema: entity.schema, properties, meta: defaults, source });
  }
  return rows;
}

function cellValues(fields: string[], indexes: number[], split: string | undefined): string[] {
  const values: string[] = [];
  for (const i of indexes) {
    const cell = fields[i];
    if (!cell) continue;
    for (const part of split ? cell.split(split) : [cell]) {
      const value = part.trim();
      if (value) values.push(value);
    }
  }
  return values;
}

function newlinesIn(record: string[]): number {
  let n = 0;
  for (const field of record) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n += 1;
  return n;
}

/** A row as the rejects file shows it: column name → value (built only when written). */
class CsvSource {
  constructor(
    private readonly header: string[],
    private readonly fields: string[],
  ) {}

  toJSON(): Record<string, string> {
    return Object.fromEntries(this.fields.map((f, i) => [this.header[i] ?? `column${i + 1}`, f]));
  }
}

export const csvFormat: ImportFormatSpec = {
  description: 'CSV with a column mapping (YAML or JSON, FollowTheMoney-style)',
  contentTypes: ['text/csv'],
  extensions: ['.csv', '.tsv'],
  needsMapping: true,
  open: async (input, options) => openCsv(input, options.mapping),
};
