import sql, { empty, join } from 'sql-template-tag';
import type { Actor } from '../kernel/access/actor.ts';
import { mayRead } from '../kernel/access/visibility.ts';
import type { Queryable } from '../kernel/store/store.ts';

export const HIT_STATUSES = ['open', 'confirmed', 'false_positive'] as const;
export type HitStatus = (typeof HIT_STATUSES)[number];
export type Disclosure = 'full' | 'contact-owner';

/** The fields the asker screened: their own data, kept with the hit. */
export interface HitSubject {
  name?: string;
  birthDate?: string;
  nationality?: string;
  gender?: string;
  documentNumber?: string;
}

export interface NewHit {
  id: string;
  checkId: string;
  askerOrg: string;
  askerUser: string;
  askerApiKey: string | null;
  purpose: string | null;
  recordId: string;
  recordVersion: number;
  ownerOrg: string;
  score: number;
  disclosure: Disclosure;
  subject: HitSubject;
  subjectKey: string;
}

export async function insertHits(db: Queryable, hits: NewHit[]): Promise<Date> {
  const values = hits.map((h) => sql`(${h.id}::uuid, ${h.checkId}::uuid, ${h.askerOrg}, ${h.askerUser}, ${h.askerApiKey}, ${h.purpose}, ${h.recordId}::uuid,
    ${h.recordVersion}, ${h.ownerOrg}, ${h.score}, ${h.disclosure}, ${JSON.stringify(h.subject)}::jsonb, ${h.subjectKey})`);
  const { rows } = await db.query<{ asked_at: Date | string }>(sql`
    INSERT INTO screening_hits (id, check_id, asker_org, asker_user, asker_api_key, purpose, record_id, record_version, owner_org, score, disclosure, subject, subject_key)
    VALUES ${join(values)} RETURNING asked_at`);
  return new Date(rows[0]?.asked_at ?? Date.now());
}

export interface Clearance {
  hitId: string;
  subjectKey: string;
  recordId: string;
  recordVersion: number;
  decidedAt: string;
  note: string | null;
}

/** Hits this organisation marked false positive for these subjects (by key) against these records, newest decision first. */
export async function findClearances(db: Queryable, askerOrg: string, subjectKeys: string[], recordIds: string[]): Promise<Clearance[]> {
  if (subjectKeys.length === 0 || recordIds.length === 0) return [];
  const { rows } = await db.query<{ id: string; subject_key: string; record_id: string; record_version: number; decided_at: Date | string; decision_note: string | null }>(sql`
    SELECT id, subject_key, record_id, record_version, decided_at, decision_note FROM screening_hits
    WHERE status = 'false_positive' AND asker_org = ${askerOrg} AND subject_key = ANY(${subjectKeys}::text[]) AND record_id = ANY(${recordIds}::uuid[])
    ORDER BY decided_at DESC`);
  return rows.map((r) => ({ hitId: r.id, subjectKey: r.subject_key, recordId: r.record_id, recordVersion: r.record_version, decidedAt: iso(r.decided_at), note: r.decision_note }));
}

/** A hit row with the record as the reader may see it now (the access rule decides, at every read). */
export interface HitRow {
  id: string;
  check_id: string;
  asked_at: Date | string;
  asker_org: string;
  asker_org_name: string;
  asker_user: string;
  purpose: string | null;
  record_id: string;
  record_version: number;
  owner_org: string;
  owner_name: string;
  score: number;
  subject: HitSubject;
  status: HitStatus;
  decided_at: Date | string | null;
  decided_by: string | null;
  decision_note: string | null;
  readable: boolean;
  caption: string | null;
  schema: string | null;
  dataset: string | null;
  source_id: string | null;
  current_version: number | null;
}

export interface HitFilter {
  scope: 'asked' | 'owned';
  status?: HitStatus | undefined;
  limit: number;
  /** Only hits older than this one (the previous page's last id). */
  before?: string | undefined;
  id?: string | undefined;
}

/**
 * Hits of the actor's organisation, newest first: those it raised (`asked`) or those on its
 * records (`owned`). Record details are selected only where `mayRead` holds; elsewhere null.
 */
export async function listHits(db: Queryable, actor: Actor, filter: HitFilter): Promise<HitRow[]> {
  const whose = filter.scope === 'asked' ? sql`h.asker_org = ${actor.orgId}` : sql`h.owner_org = ${actor.orgId}`;
  const conditions = [
    whose,
    filter.status ? sql`h.status = ${filter.status}` : empty,
    filter.id ? sql`h.id = ${filter.id}::uuid` : empty,
    filter.before ? sql`(h.asked_at, h.id) < (SELECT c.asked_at, c.id FROM screening_hits c WHERE c.id = ${filter.before}::uuid)` : empty,
  ].filter((c) => c !== empty);
  const readable = mayRead(actor, 'r');
  const { rows } = await db.query<HitRow>(sql`
    SELECT h.id, h.check_id, h.asked_at, h.asker_org, ao.name AS asker_org_name, h.asker_user, h.purpose, h.record_id, h.record_version,
      h.owner_org, oo.name AS owner_name, h.score, h.subject, h.status, h.decided_at, h.decided_by, h.decision_note,
      ${readable} AS readable,
      CASE WHEN ${readable} THEN r.caption END AS caption, CASE WHEN ${readable} THEN r.schema END AS schema,
      CASE WHEN ${readable} THEN r.dataset END AS dataset, CASE WHEN ${readable} THEN r.source_id END AS source_id,
      CASE WHEN ${readable} THEN r.version END AS current_version
    FROM screening_hits h
    JOIN records r ON r.id = h.record_id
    JOIN organisations ao ON ao.id = h.asker_org
    JOIN organisations oo ON oo.id = h.owner_org
    WHERE ${join(conditions, ' AND ')}
    ORDER BY h.asked_at DESC, h.id DESC
    LIMIT ${filter.limit}`);
  return rows;
}

/** Records the asking organisation's decision; false when no hit of that organisation has this id. */
export async function decideHit(db: Queryable, askerOrg: string, id: string, decision: { status: Exclude<HitStatus, 'open'>; note: string | null; by: string }): Promise<boolean> {
  const { rowCount } = await db.query(sql`
    UPDATE screening_hits SET status = ${decision.status}, decision_note = ${decision.note}, decided_by = ${decision.by}, decided_at = now()
    WHERE id = ${id}::uuid AND asker_org = ${askerOrg}`);
  return rowCount > 0;
}

export const iso = (v: Date | string): string => new Date(v).toISOString();
