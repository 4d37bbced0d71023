import { getSchema, type Properties } from '../../kernel/model/registry.ts';
import type { PoliceRecord } from '../../kernel/records/record.ts';
import { passerelleMeta, type ExportWriter } from './writer.ts';

/** Links written as the ids the linked records are exported under. */
export function exportedProperties(record: PoliceRecord, ids: ReadonlyMap<string, string>): Properties {
  const schema = getSchema(record.schema);
  const out: Properties = {};
  for (const [prop, values] of Object.entries(record.properties)) {
    out[prop] = schema?.properties[prop]?.type === 'entity' ? values.map((v) => ids.get(v) ?? v) : values;
  }
  return out;
}

/**
 * FollowTheMoney JSON lines, loadable by FtM tools and by `passerelle import --format ftm`:
 * the `passerelle` key keeps owner, restriction, handling code and note, evaluation codes
 * and review date with the record.
 */
export const ftmWriter: ExportWriter = {
  contentType: 'application/x-ndjson; charset=utf-8',
  extension: 'ndjson',
  header: () => '',
  write: (record, ids) =>
    `${JSON.stringify({
      id: ids.get(record.id) ?? record.id,
      schema: record.schema,
      properties: exportedProperties(record, ids),
      caption: record.caption,
      datasets: [record.dataset],
      first_seen: record.createdAt,
      last_seen: record.updatedAt,
      passerelle: passerelleMeta(record),
    })}\n`,
};
