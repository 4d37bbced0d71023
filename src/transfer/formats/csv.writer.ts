import { concreteSchemata, getSchema, isA } from '../../kernel/model/registry.ts';
import type { PoliceRecord } from '../../kernel/records/record.ts';
import { exportedProperties } from './ftm.writer.ts';
import type { ExportWriter } from './writer.ts';

/** Separates several values of one property (and the organisations of a restriction) in a cell. */
export const VALUE_SEPARATOR = ';';

const META_COLUMNS = [
  'dataset', 'owner', 'crime_area', 'purpose', 'restriction_mode', 'restriction_orgs', 'handling_code', 'handling_note',
  'source_reliability', 'info_reliability', 'review_date', 'status', 'record_id',
] as const;

function metaCells(r: PoliceRecord): string[] {
  return [
    r.dataset, r.ownerOrg, r.crimeArea, r.purpose ?? '', r.restriction.mode, r.restriction.orgs.join(VALUE_SEPARATOR), r.handling.code,
    r.handling.note ?? '', r.evaluation.source, String(r.evaluation.information), r.reviewDate, r.status, r.id,
  ];
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
export const csvCell = (value: string) => (NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\n`;

/**
 * One record type per file: a column per property (of the schema and of the schemata
 * extending it, so nothing is lost), values joined by ";", then the metadata columns.
 */
export function csvWriter(schemaName: string): ExportWriter {
  const schema = getSchema(schemaName);
  if (!schema) throw new Error(`unknown schema ${schemaName}`);
  const columns = [...new Set(concreteSchemata().filter((s) => isA(s.name, schema.name)).flatMap((s) => Object.keys(s.properties)))];
  columns.sort((a, b) => Number(!schema.properties[a]) - Number(!schema.properties[b]));
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    header: () => csvLine(['id', 'schema', ...columns, ...META_COLUMNS]),
    write: (record, ids) => {
      const properties = exportedProperties(record, ids);
      return csvLine([ids.get(record.id) ?? record.id, record.schema, ...columns.map((c) => (properties[c] ?? []).join(VALUE_SEPARATOR)), ...metaCells(record)]);
    },
  };
}
