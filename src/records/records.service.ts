import sql from 'sql-template-tag';
import type { Actor } from '../kernel/access/actor.ts';
import { actorLabel } from '../kernel/access/actor.ts';
import { actorNames, type ActorNames } from '../kernel/access/actor-names.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { mayModify, readableRecords } from '../kernel/access/visibility.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import type { Config } from '../kernel/config.ts';
import { conflict, forbidden, notFound, validationFailed, type FieldProblem } from '../kernel/errors.ts';
import { cleanEntity, countriesOf, entityReferences, getSchema, isA, type CleanedEntity, type Properties } from '../kernel/model/registry.ts';
import { NameIndexSync } from '../kernel/index/index-sync.ts';
import { searchTextOf } from '../kernel/records/search-text.ts';
import { toLatin } from '../kernel/names/latin.ts';
import { hasNonLatinLetters } from '../kernel/names/scripts.ts';
import { DIRECT_ENTRY_DATASET, recordIdFor, rowToRecord, type PoliceRecord, type RecordRow } from '../kernel/records/record.ts';
import { recordMetaSchema, resolveRecordMeta, type RecordMeta } from '../kernel/records/record-meta.ts';
import { findReadable, searchReadable, type RecordFilters, type SearchPage } from '../kernel/records/record-reader.ts';
import { upsertRecords } from '../kernel/records/record-writer.ts';
import type { Queryable, Store } from '../kernel/store/store.ts';

export interface RecordCreateInput extends RecordMeta {
  schema: string;
  properties: Record<string, string | string[]>;
  dataset?: string | undefined;
  sourceId?: string | undefined;
}

export interface RecordUpdateInput extends Partial<Omit<RecordMeta, 'ownerOrg'>> {
  expectedVersion: number;
  reason?: string | undefined;
  properties?: Record<string, string | string[]> | undefined;
}

/** A record with the names of who created and last changed it (null when unknown). */
export type NamedRecord = PoliceRecord & { createdByName: string | null; updatedByName: string | null };
export type RecordView = NamedRecord & { latin: Record<string, string>; abilities: { update: boolean; cancel: boolean } };

export interface VersionView {
  version: number;
  replacedAt: string | null;
  replacedBy: string | null;
  replacedByName: string | null;
  record: NamedRecord;
}

/** The names behind the records' creators and last editors, in one query. */
const namesFor = (db: Queryable, records: PoliceRecord[]): Promise<ActorNames> => actorNames(db, records.flatMap((r) => [r.createdBy, r.updatedBy]));

const withNames = (record: PoliceRecord, names: ActorNames): NamedRecord => ({
  ...record,
  createdByName: names.get(record.createdBy) ?? null,
  updatedByName: names.get(record.updatedBy) ?? null,
});

/** Each name of the record written in a non-Latin script, with its Latin transliteration. */
function transliterationsOf(record: PoliceRecord): Record<string, string> {
  const schema = getSchema(record.schema);
  const names = [record.caption, ...Object.entries(record.properties).filter(([p]) => schema?.properties[p]?.type === 'name').flatMap(([, v]) => v)];
  return Object.fromEntries(names.filter(hasNonLatinLetters).map((name) => [name, toLatin(name)]));
}

export function presentRecord(actor: Actor, record: PoliceRecord, names: ActorNames): RecordView {
  const owns = mayModify(actor, record.ownerOrg) && record.status === 'active';
  return {
    ...withNames(record, names),
    latin: transliterationsOf(record),
    abilities: {
      update: owns && actor.permissions.has('records:write'),
      cancel: owns && actor.permissions.has('records:cancel'),
    },
  };
}

/** Create, read, update, cancel and search records; every call checked, audited and versioned. */
export class RecordsService {
  constructor(
    private readonly store: Store,
    private readonly config: Pick<Config, 'defaultReviewYears'>,
    private nameIndex?: NameIndexSync,
  ) {}

  async create(actor: Actor, input: RecordCreateInput): Promise<RecordView> {
    requirePermission(actor, 'records:write');
    checkMeta(input);
    const ownerOrg = input.ownerOrg ?? actor.orgId;
    if (!mayModify(actor, ownerOrg)) throw forbidden('You can only create records owned by your own organisation.');
    const entity = this.clean(input.schema, input.properties);
    const dataset = input.dataset ?? DIRECT_ENTRY_DATASET;
    const id = recordIdFor(dataset, input.sourceId);
    return this.store.transaction(async (tx) => {
      await this.checkReferences(tx, actor, entity);
      await this.checkOrganisations(tx, [ownerOrg, ...input.restriction.orgs]);
      const outcome = await upsertRecords(
        tx,
        [
          {
            id,
            entity,
            dataset,
            sourceId: input.sourceId ?? null,
            importId: null,
            ...resolveRecordMeta(input, ownerOrg, this.config.defaultReviewYears),
          },
        ],
        actorLabel(actor),
      );
      if (!outcome.inserted.includes(id)) {
        throw conflict(`A record with source id "${input.sourceId ?? ''}" already exists in dataset "${dataset}"; update it instead.`, { recordId: id });
      }
      await appendAudit(tx, actor, { action: 'record.create', targetType: 'record', targetIds: [id], purpose: input.purpose ?? null, details: { schema: input.schema } });
      return this.present(tx, actor, await this.readOne(tx, actor, id));
    });
  }

  async get(actor: Actor, id: string, purpose?: string): Promise<RecordView> {
    requirePermission(actor, 'records:read');
    return this.store.transaction(async (tx) => {
      const record = await this.readOne(tx, actor, id);
      await appendAudit(tx, actor, { action: 'record.read', targetType: 'record', targetIds: [id], purpose: purpose ?? null });
      return this.present(tx, actor, record);
    });
  }

  async search(actor: Actor, filters: RecordFilters, page: { limit: number; offset: number }, purpose?: string): Promise<SearchPage & { items: RecordView[] }> {
    requirePermission(actor, 'records:read');
    const rankedIds = filters.fuzzy && filters.q ? await this.rankBySpelling(filters.q) : undefined;
    return this.store.transaction(async (tx) => {
      const result = await searchReadable(tx, actor, { ...filters, rankedIds }, page);
      await appendAudit(tx, actor, {
        action: 'record.search',
        targetType: 'record',
        targetIds: result.items.map((r) => r.id),
        purpose: purpose ?? null,
        details: { filters: Object.fromEntries(Object.entries(filters).filter(([k, v]) => v !== undefined && k !== 'rankedIds')), total: result.total },
      });
      const names = await namesFor(tx, result.items);
      return { ...result, items: result.items.map((r) => presentRecord(actor, r, names)) };
    });
  }

  async update(actor: Actor, id: string, input: RecordUpdateInput): Promise<RecordView> {
    requirePermission(actor, 'records:write');
    checkMeta(input);
    return this.store.transaction(async (tx) => {
      const current = await this.readOne(tx, actor, id);
      if (!mayModify(actor, current.ownerOrg)) throw forbidden(`Only ${current.ownerOrg}, the record's owner, may change it.`);
      if (current.status === 'cancelled') throw conflict('This record is cancelled and can no longer be changed.');
      if (current.version !== input.expectedVersion) {
        throw conflict(`The record changed since you opened it (you edited version ${input.expectedVersion}, it is now at ${current.version}). Reload it and apply your change again.`, {
          currentVersion: current.version,
        });
      }
      const entity = this.clean(current.schema, mergeProperties(current.properties, input.properties));
      await this.checkReferences(tx, actor, entity);
      if (input.restriction) await this.checkOrganisations(tx, input.restriction.orgs);
      const restriction = input.restriction ?? current.restriction;
      const handling = input.handling ? { code: input.handling.code, note: input.handling.note ?? null } : current.handling;
      const evaluation = input.evaluation ?? current.evaluation;
      const written = await tx.query<RecordRow>(sql`
        UPDATE records SET properties = ${JSON.stringify(entity.properties)}::jsonb, caption = ${entity.caption},
          refs = ${entityReferences(entity.schema, entity.properties)}::uuid[],
          search_text = ${searchTextOf(entity.schema, entity.properties)},
          countries = ${countriesOf(entity.schema, entity.properties)}::text[],
          crime_area = ${input.crimeArea ?? current.crimeArea}, purpose = ${input.purpose ?? current.purpose},
          restriction_mode = ${restriction.mode}, restriction_orgs = ${restriction.orgs}::text[],
          handling_code = ${handling.code}, handling_note = ${handling.note},
          source_reliability = ${evaluation.source}, info_reliability = ${evaluation.information},
          review_date = ${input.reviewDate ?? current.reviewDate}::date,
          version = version + 1, updated_at = now(), updated_by = ${actorLabel(actor)}
        WHERE id = ${id}::uuid AND version = ${input.expectedVersion}
        RETURNING *`);
      const row = written.rows[0];
      if (!row) throw conflict('The record changed while you were saving. Reload it and apply your change again.');
      await appendAudit(tx, actor, {
        action: 'record.update',
        targetType: 'record',
        targetIds: [id],
        purpose: input.reason ?? null,
        details: { fromVersion: current.version, toVersion: row.version },
      });
      return this.present(tx, actor, rowToRecord(row));
    });
  }

  async cancel(actor: Actor, id: string, reason: string, expectedVersion?: number): Promise<RecordView> {
    requirePermission(actor, 'records:cancel');
    return this.store.transaction(async (tx) => {
      const current = await this.readOne(tx, actor, id);
      if (!mayModify(actor, current.ownerOrg)) throw forbidden(`Only ${current.ownerOrg}, the record's owner, may cancel it.`);
      if (current.status === 'cancelled') throw conflict('This record is already cancelled.');
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw conflict(`The record changed since you opened it (now version ${current.version}). Reload it before cancelling.`);
      }
      const { rows } = await tx.query<RecordRow>(sql`
        UPDATE records SET status = 'cancelled', cancel_reason = ${reason}, version = version + 1,
          updated_at = now(), updated_by = ${actorLabel(actor)}
        WHERE id = ${id}::uuid AND version = ${current.version} RETURNING *`);
      const row = rows[0];
      if (!row) throw conflict('The record changed while you were cancelling it. Reload it and try again.');
      await appendAudit(tx, actor, { action: 'record.cancel', targetType: 'record', targetIds: [id], purpose: reason });
      return this.present(tx, actor, rowToRecord(row));
    });
  }

  /** Every earlier version of a record, newest first, then the current one. */
  async history(actor: Actor, id: string): Promise<VersionView[]> {
    requirePermission(actor, 'records:read');
    return this.store.transaction(async (tx) => {
      const current = await this.readOne(tx, actor, id);
      const { rows } = await tx.query<{ version: number; snapshot: RecordRow; replaced_at: Date; replaced_by: string }>(sql`
        SELECT v.version, v.snapshot, v.replaced_at, v.replaced_by FROM record_versions v
        WHERE v.record_id = ${id}::uuid ORDER BY v.version DESC`);
      await appendAudit(tx, actor, { action: 'record.history', targetType: 'record', targetIds: [id] });
      const earlier = rows.map((v) => ({ version: v.version, replacedAt: v.replaced_at.toISOString(), replacedBy: v.replaced_by, record: rowToRecord(v.snapshot) }));
      const records = [current, ...earlier.map((v) => v.record)];
      const names = await actorNames(tx, [...records.flatMap((r) => [r.createdBy, r.updatedBy]), ...earlier.map((v) => v.replacedBy)]);
      return [
        { version: current.version, replacedAt: null, replacedBy: null, replacedByName: null, record: withNames(current, names) },
        ...earlier.map((v) => ({ ...v, replacedByName: names.get(v.replacedBy) ?? null, record: withNames(v.record, names) })),
      ];
    });
  }

  /** The records this one points to and those pointing to it, as far as the actor may see. */
  async relations(actor: Actor, id: string) {
    requirePermission(actor, 'records:read');
    return this.store.transaction(async (tx) => {
      const record = await this.readOne(tx, actor, id);
      const schema = getSchema(record.schema);
      const outgoingIds = schema ? entityReferences(schema, record.properties) : [];
      const outgoingRecords = await findReadable(tx, actor, outgoingIds);
      const { rows } = await tx.query<RecordRow>(sql`
        SELECT r.* FROM ${readableRecords(actor)} AS r WHERE ${id}::uuid = ANY(r.refs) ORDER BY r.updated_at DESC LIMIT 500`);
      const incomingRecords = rows.map(rowToRecord);
      const names = await namesFor(tx, [record, ...outgoingRecords.values(), ...incomingRecords]);
      const outgoing = Object.entries(record.properties).flatMap(([property, values]) =>
        values.flatMap((v) => {
          const target = outgoingRecords.get(v);
          return target && schema?.properties[property]?.type === 'entity' ? [{ property, record: presentRecord(actor, target, names) }] : [];
        }),
      );
      const incoming = incomingRecords.flatMap((r) =>
        Object.entries(r.properties)
          .filter(([, values]) => values.includes(id))
          .map(([property]) => ({ property, record: presentRecord(actor, r, names) })),
      );
      await appendAudit(tx, actor, {
        action: 'record.relations',
        targetType: 'record',
        targetIds: [id, ...outgoing.map((o) => o.record.id), ...incoming.map((i) => i.record.id)],
      });
      return { record: presentRecord(actor, record, names), outgoing, incoming };
    });
  }

  /** Fuzzy search asks the name index (built on first use when this process has none yet). */
  private async rankBySpelling(q: string): Promise<string[]> {
    this.nameIndex ??= new NameIndexSync(this.store);
    // Not the hot path: always current, so a record just written is found at once.
    await this.nameIndex.catchUp();
    return (await this.nameIndex.index.rankBySpelling(q)).map((r) => r.id);
  }

  private async present(tx: Queryable, actor: Actor, record: PoliceRecord): Promise<RecordView> {
    return presentRecord(actor, record, await namesFor(tx, [record]));
  }

  private async readOne(tx: Queryable, actor: Actor, id: string): Promise<PoliceRecord> {
    const record = (await findReadable(tx, actor, [id])).get(id);
    if (!record) throw notFound('record', id);
    return record;
  }

  private clean(schema: string, properties: Record<string, unknown>): CleanedEntity {
    const result = cleanEntity(schema, properties);
    if (!result.ok) throw validationFailed(result.problems);
    return result.entity;
  }

  /** Linked records must exist, be visible to the actor and be of the expected kind. */
  private async checkReferences(tx: Queryable, actor: Actor, entity: CleanedEntity): Promise<void> {
    const refs = entityReferences(entity.schema, entity.properties);
    if (!refs.length) return;
    const found = await findReadable(tx, actor, refs);
    const problems: FieldProblem[] = [];
    for (const [prop, values] of Object.entries(entity.properties)) {
      const spec = entity.schema.properties[prop];
      if (spec?.type !== 'entity') continue;
      for (const value of values) {
        const target = found.get(value);
        if (!target) problems.push({ field: `properties.${prop}`, message: `${spec.label}: record ${value} was not found or you may not see it` });
        else if (spec.range && !isA(target.schema, spec.range)) {
          problems.push({ field: `properties.${prop}`, message: `${spec.label} must be a ${spec.range}, not a ${target.schema}` });
        }
      }
    }
    if (problems.length) throw validationFailed(problems);
  }

  private async checkOrganisations(tx: Queryable, orgIds: string[]): Promise<void> {
    if (!orgIds.length) return;
    const { rows } = await tx.query<{ id: string }>(sql`SELECT id FROM organisations WHERE id = ANY(${orgIds}::text[])`);
    const known = new Set(rows.map((r) => r.id));
    const unknown = [...new Set(orgIds)].filter((o) => !known.has(o));
    if (unknown.length) {
      throw validationFailed(unknown.map((o) => ({ field: 'restriction.orgs', message: `${o} is not a known organisation` })));
    }
  }
}

/** The route's schema checks this too; the service checks again so no caller can skip it. */
function checkMeta(input: Partial<RecordMeta>): void {
  const parsed = recordMetaSchema.partial().safeParse(input);
  if (!parsed.success) {
    throw validationFailed(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
}

function mergeProperties(current: Properties, patch: Record<string, string | string[]> | undefined): Record<string, unknown> {
  if (!patch) return current;
  const merged: Record<string, unknown> = { ...current };
  for (const [prop, value] of Object.entries(patch)) {
    if (Array.isArray(value) && value.length === 0) delete merged[prop];
    else merged[prop] = value;
  }
  return merged;
}
