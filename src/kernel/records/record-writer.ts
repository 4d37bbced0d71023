import sql from 'sql-template-tag';
import { countriesOf, entityReferences, type CleanedEntity } from '../model/registry.ts';
import { searchTextOf } from './search-text.ts';
import type { Queryable } from '../store/store.ts';
import type { RecordMetadata } from './record.ts';

/** One record ready to store: cleaned properties plus its metadata. */
export interface NewRecord extends RecordMetadata {
  id: string;
  entity: CleanedEntity;
  dataset: string;
  sourceId: string | null;
  importId: string | null;
}

export interface WriteOutcome {
  inserted: string[];
  updated: string[];
  unchanged: string[];
  /** Records that exist under another owner: an import may not take them over. */
  foreign: string[];
}

const toJsonRow = (r: NewRecord) => ({
  id: r.id,
  schema: r.entity.schema.name,
  caption: r.entity.caption,
  properties: r.entity.properties,
  refs: entityReferences(r.entity.schema, r.entity.properties),
  countries: countriesOf(r.entity.schema, r.entity.properties),
  search_text: searchTextOf(r.entity.schema, r.entity.properties),
  dataset: r.dataset,
  source_id: r.sourceId,
  owner_org: r.ownerOrg,
  crime_area: r.crimeArea,
  purpose: r.purpose,
  restriction_mode: r.restriction.mode,
  restriction_orgs: r.restriction.orgs,
  handling_code: r.handling.code,
  handling_note: r.handling.note,
  source_reliability: r.evaluation.source,
  info_reliability: r.evaluation.information,
  review_date: r.reviewDate,
  import_id: r.importId,
});

/**
 * Inserts records, or updates those already present (same id) when their content
 * changed, in one statement. Updates go through the versioning trigger, so the replaced
 * state is kept. A record owned by another organisation is never touched.
 *
 * The whole batch travels as one JSON parameter: one round trip, and the same SQL on
 * PGlite and PostgreSQL (COPY is not available the same way on both).
 */
export interface UpsertOptions {
  /**
   * The review date that was filled in by default (not stated by the source). An existing
   * record keeps its own review date instead, so re-running an import on a later day does
   * not rewrite every record just because "five years from today" moved.
   */
  defaultedReviewDate?: string | undefined;
}

export async function upsertRecords(tx: Queryable, records: NewRecord[], actorLabel: string, options: UpsertOptions = {}): Promise<WriteOutcome> {
  // One statement may not touch a row twice: of repeated ids, the last one wins.
  records = [...new Map(records.map((r) => [r.id, r])).values()];
  if (records.length === 0) return { inserted: [], updated: [], unchanged: [], foreign: [] };
  const at = new Date().toISOString();
  const payload = JSON.stringify(records.map(toJsonRow));
  const reviewDate = sql`(CASE WHEN excluded.review_date = ${options.defaultedReviewDate ?? null}::date THEN r.review_date ELSE excluded.review_date END)`;
  const { rows } = await tx.query<{ id: string; inserted: boolean }>(sql`
    INSERT INTO records AS r (id, schema, caption, properties, refs, countries, search_text, dataset, source_id, owner_org,
      crime_area, purpose, restriction_mode, restriction_orgs, handling_code, handling_note, source_reliability,
      info_reliability, review_date, import_id, created_at, created_by, updated_at, updated_by)
    SELECT i.id, i.schema, i.caption, i.properties, i.refs, i.countries, i.search_text, i.dataset, i.source_id, i.owner_org,
      i.crime_area, i.purpose, i.restriction_mode, i.restriction_orgs, i.handling_code, i.handling_note, i.source_reliability,
      i.info_reliability, i.review_date, i.import_id, ${at}::timestamptz, ${actorLabel}, ${at}::timestamptz, ${actorLabel}
    FROM jsonb_to_recordset(${payload}::jsonb) AS i(id uuid, schema text, caption text, properties jsonb, refs uuid[],
      countries text[], search_text text, dataset text, source_id text, owner_org text, crime_area text, purpose text,
      restriction_mode text, restriction_orgs text[], handling_code text, handling_note text, source_reliability text,
      info_reliability smallint, review_date date, import_id uuid)
    ON CONFLICT (id) DO UPDATE SET
      schema = excluded.schema, caption = excluded.caption, properties = excluded.properties, refs = excluded.refs,
      countries = excluded.countries, search_text = excluded.search_text, crime_area = excluded.crime_area,
      purpose = excluded.purpose, restriction_mode = excluded.restriction_mode, restriction_orgs = excluded.restriction_orgs,
      handling_code = excluded.handling_code, handling_note = excluded.handling_note,
      source_reliability = excluded.source_reliability, info_reliability = excluded.info_reliability,
      review_date = ${reviewDate}, import_id = excluded.import_id,
      version = r.version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by
    WHERE r.owner_org = excluded.owner_org
      AND (r.schema, r.properties, r.crime_area, r.purpose, r.restriction_mode, r.restriction_orgs, r.handling_code,
           r.handling_note, r.source_reliability, r.info_reliability, r.review_date)
        IS DISTINCT FROM
          (excluded.schema, excluded.properties, excluded.crime_area, excluded.purpose, excluded.restriction_mode,
           excluded.restriction_orgs, excluded.handling_code, excluded.handling_note, excluded.source_reliability,
           excluded.info_reliability, ${reviewDate})
    RETURNING r.id, (r.version = 1) AS inserted`);
  const inserted = rows.filter((r) => r.inserted).map((r) => r.id);
  const updated = rows.filter((r) => !r.inserted).map((r) => r.id);
  const touched = new Set(rows.map((r) => r.id));
  const untouched = records.map((r) => r.id).filter((id) => !touched.has(id));
  let foreign: string[] = [];
  if (untouched.length) {
    const owners = await tx.query<{ id: string }>(sql`
      SELECT r.id FROM records r JOIN jsonb_to_recordset(${payload}::jsonb) AS i(id uuid, owner_org text) ON r.id = i.id
      WHERE r.id = ANY(${untouched}::uuid[]) AND r.owner_org <> i.owner_org`);
    foreign = owners.rows.map((r) => r.id);
  }
  const foreignSet = new Set(foreign);
  return { inserted, updated, unchanged: untouched.filter((id) => !foreignSet.has(id)), foreign };
}
