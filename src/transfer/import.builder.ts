import { cleanEntity, getSchema } from '../kernel/model/registry.ts';
import { recordIdFor } from '../kernel/records/record.ts';
import type { NewRecord } from '../kernel/records/record-writer.ts';
import type { ParsedEntity } from './formats/format.ts';
import type { RowMetaResolver } from './transfer.meta.ts';

export type Built = { ok: true; record: NewRecord } | { ok: false; reason: string };

const MAX_SOURCE_ID = 200;

/**
 * Turns what a parser read into a record ready to store, the same way for every format:
 * the record id comes from (dataset, source id), links are translated the same way, the
 * properties are cleaned by the data model, and the metadata is the line's own over the
 * import's defaults. Properties the schema does not have are dropped and counted (or,
 * when strict, reject the line).
 */
export class RecordBuilder {
  /** `Schema.property` → how many values were dropped because the schema has no such property. */
  readonly droppedProperties = new Map<string, number>();

  constructor(
    private readonly dataset: string,
    private readonly importId: string,
    private readonly metaResolver: RowMetaResolver,
    private readonly strict: boolean,
  ) {}

  build(row: ParsedEntity): Built {
    if (!row.id) return { ok: false, reason: 'has no "id": every entity needs one, so that importing the file again updates instead of duplicating' };
    if (row.id.length > MAX_SOURCE_ID) return { ok: false, reason: `the id is longer than ${MAX_SOURCE_ID} characters` };
    const schema = getSchema(row.schema);
    if (!schema) return { ok: false, reason: `schema "${row.schema.slice(0, 60)}" is not a record type of Passerelle (see GET /api/model)` };
    if (schema.spec.abstract) return { ok: false, reason: `schema "${row.schema}" is abstract: use a more specific one (see GET /api/model)` };
    const properties: Record<string, unknown> = {};
    for (const [prop, value] of Object.entries(row.properties)) {
      const spec = schema.properties[prop];
      if (!spec) {
        if (this.strict) return { ok: false, reason: `"${prop.slice(0, 60)}" is not a property of ${schema.name} (--strict)` };
        const key = `${schema.name}.${prop}`;
        this.droppedProperties.set(key, (this.droppedProperties.get(key) ?? 0) + 1);
        continue;
      }
      properties[prop] = spec.type === 'entity' ? this.link(value) : value;
    }
    const cleaned = cleanEntity(schema.name, properties);
    if (!cleaned.ok) {
      return { ok: false, reason: `${schema.name}: ${cleaned.problems.map((p) => `${p.field.replace(/^properties\./, '')}: ${p.message}`).join('; ')}` };
    }
    const meta = this.metaResolver.resolve(row.meta);
    if (!meta.ok) return meta;
    return {
      ok: true,
      record: {
        id: recordIdFor(this.dataset, row.id),
        entity: cleaned.entity,
        dataset: this.dataset,
        sourceId: row.id,
        importId: this.importId,
        ...meta.meta,
      },
    };
  }

  /** Links name other entities by their source id: they become the ids those records get. */
  private link(value: unknown): unknown {
    const one = (v: unknown) => (typeof v === 'string' && v.trim() ? recordIdFor(this.dataset, v.trim()) : v);
    return Array.isArray(value) ? value.map(one) : one(value);
  }
}
