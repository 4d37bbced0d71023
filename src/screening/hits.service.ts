import { createHash, randomUUID } from 'node:crypto';
import sql from 'sql-template-tag';
import { actorLabel, type Actor } from '../kernel/access/actor.ts';
import { actorNames } from '../kernel/access/actor-names.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { appendAudit, appendAuditMany } from '../kernel/audit/audit.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import { normaliseIdentifier } from '../kernel/index/index-entry.ts';
import { identifierKey } from '../kernel/index/index-keys.ts';
import { nameTokens } from '../kernel/matching/name-tokens.ts';
import { notifyMany } from '../kernel/notifications/notify.ts';
import type { Queryable, Store } from '../kernel/store/store.ts';
import {
  decideHit,
  findClearances,
  insertHits,
  iso,
  listHits,
  type Clearance,
  type HitFilter,
  type HitRow,
  type HitStatus,
  type HitSubject,
  type NewHit,
} from './hits.repository.ts';
import type { EvaluatedMatch, ScreeningMatch, ScreeningQuery } from './screening.service.ts';
import { enqueueDeliveries } from './webhooks.ts';

/** An earlier decision of the asker's organisation that this subject is not this record (at this version). */
export interface PreviouslyCleared {
  hitId: string;
  decidedAt: string;
  note: string | null;
}

/**
 * A match as a check returns it: with the hit it raised, or — when the asker's organisation
 * already marked this subject a false positive against this very version of the record —
 * no new hit (nobody is notified again) and the decision that cleared it.
 */
export type RaisedMatch = ScreeningMatch & { hitId: string | null; previouslyCleared: PreviouslyCleared | null };

export interface HitView {
  id: string;
  checkId: string;
  askedAt: string;
  score: number;
  status: HitStatus;
  asker: { orgId: string; orgName: string; user: string; userName: string | null };
  purpose: string | null;
  /** The fields the asker screened. */
  subject: HitSubject;
  match:
    | { disclosure: 'full'; recordId: string; recordVersion: number; currentVersion: number; schema: string; caption: string; dataset: string; sourceId: string | null; ownerOrg: string; ownerName: string }
    | { disclosure: 'contact-owner'; recordId: string; ownerOrg: string; ownerName: string; explanation: string };
  decision: { note: string | null; decidedAt: string; decidedBy: string | null; decidedByName: string | null } | null;
}

export interface CheckContext {
  checkId: string;
  subject: ScreeningQuery;
  purpose: string | null;
}

const SUBJECT_FIELDS = ['name', 'birthDate', 'nationality', 'gender', 'documentNumber'] as const;

/**
 * The same subject, however it was typed: the name's words folded and sorted (order, case,
 * script and accents aside), the birth date, and the document number with OCR confusions
 * collapsed; hashed, so the key itself says nothing.
 */
export function subjectKey(subject: ScreeningQuery): string {
  const name = subject.name ? nameTokens(subject.name).map((t) => t.folded).sort().join(' ') : '';
  const document = subject.documentNumber ? identifierKey(normaliseIdentifier(subject.documentNumber)) : '';
  return createHash('sha256').update(JSON.stringify([name, subject.birthDate ?? '', document])).digest('hex');
}

const subjectOf = (query: ScreeningQuery): HitSubject =>
  Object.fromEntries(SUBJECT_FIELDS.flatMap((f) => (query[f]?.trim() ? [[f, query[f].trim()]] : [])));

const titleOf = (caption: string, askerOrgName: string) => {
  const title = `Possible hit on ${caption} by ${askerOrgName}`;
  return title.length <= 300 ? title : `${title.slice(0, 299)}…`;
};

/**
 * Screening hits: raised by checks, read by the organisation that asked and the one that owns
 * the record, decided (confirmed or false positive) by the one that asked.
 */
export class HitsService {
  constructor(private readonly store: Store) {}

  /**
   * Records the hits of one or several checks (a batch's subjects) in one transaction: each
   * check with one audit entry, a notification to each record's owner (who always learns who
   * asked) and a webhook delivery when the owner has one; the list commits once, not once a
   * subject.
   */
  async raiseMany(actor: Actor, checks: { check: CheckContext; evaluated: EvaluatedMatch[] }[]): Promise<RaisedMatch[][]> {
    if (checks.length === 0) return [];
    return this.store.transaction(async (tx) => {
      const keys = checks.map(({ check }) => subjectKey(check.subject));
      const recordIds = [...new Set(checks.flatMap(({ evaluated }) => evaluated.map((e) => e.match.recordId)))];
      const clearances = await findClearances(tx, actor.orgId, [...new Set(keys)], recordIds);
      const raised = checks.map(({ check, evaluated }, i) => this.decideRaise(actor, check, evaluated, keys[i] as string, clearances));
      const fresh = raised.flatMap((r) => r.fresh);
      const askedAt = fresh.length ? await insertHits(tx, fresh) : new Date();
      await appendAuditMany(tx, actor, raised.map(({ check, fresh: hits, matches }) => ({
        action: 'screening.hit',
        targetType: 'hit',
        targetIds: hits.map((h) => h.id),
        purpose: check.purpose,
        details: {
          checkId: check.checkId,
          hits: hits.map((h) => ({ hitId: h.id, recordId: h.recordId, recordVersion: h.recordVersion, score: h.score, disclosure: h.disclosure })),
          suppressed: matches.flatMap((m) => (m.previouslyCleared ? [{ recordId: m.recordId, clearedBy: m.previouslyCleared.hitId }] : [])),
        },
      })));
      await this.tellOwners(tx, actor, fresh, checks.flatMap((c) => c.evaluated), askedAt);
      return raised.map((r) => r.matches);
    });
  }

  /** Which matches of one check raise a new hit, and which an earlier false-positive decision on this record version suppresses. */
  private decideRaise(actor: Actor, check: CheckContext, evaluated: EvaluatedMatch[], key: string, clearances: Clearance[]): { check: CheckContext; matches: RaisedMatch[]; fresh: NewHit[] } {
    const subject = subjectOf(check.subject);
    const matches: RaisedMatch[] = [];
    const fresh: NewHit[] = [];
    for (const e of evaluated) {
      const cleared = clearances.find((c) => c.subjectKey === key && c.recordId === e.match.recordId && c.recordVersion === e.recordVersion);
      if (cleared) {
        matches.push({ ...e.match, hitId: null, previouslyCleared: { hitId: cleared.hitId, decidedAt: cleared.decidedAt, note: cleared.note } });
        continue;
      }
      const hitId = randomUUID();
      matches.push({ ...e.match, hitId, previouslyCleared: null });
      fresh.push({
        id: hitId, checkId: check.checkId, askerOrg: actor.orgId, askerUser: actorLabel(actor), askerApiKey: actor.apiKeyId, purpose: check.purpose,
        recordId: e.match.recordId, recordVersion: e.recordVersion, ownerOrg: e.match.ownerOrg, score: e.match.score, disclosure: e.match.disclosure, subject, subjectKey: key,
      });
    }
    return { check, matches, fresh };
  }

  /** Hits the actor's organisation raised (`asked`) or hits on its records (`owned`), newest first. */
  async list(actor: Actor, filter: HitFilter): Promise<{ items: HitView[]; nextBefore: string | null }> {
    requirePermission(actor, filter.scope === 'asked' ? 'screening:check' : 'records:read');
    const rows = await listHits(this.store, actor, { ...filter, limit: filter.limit + 1 });
    const items = await this.present(this.store, rows.slice(0, filter.limit));
    return { items, nextBefore: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
  }

  /**
   * The asking organisation's verdict on its hit. A false positive keeps the same subject from
   * raising a hit on the same version of the record again; a new version raises it again.
   * Another organisation's hit is answered as absent.
   */
  async decide(actor: Actor, id: string, decision: { status: Exclude<HitStatus, 'open'>; note?: string | undefined }): Promise<HitView> {
    requirePermission(actor, 'screening:check');
    if (!actor.userId) throw forbidden('A person decides on a hit: sign in as one instead of using an API key.');
    return this.store.transaction(async (tx) => {
      const note = decision.note?.trim() || null;
      if (!(await decideHit(tx, actor.orgId, id, { status: decision.status, note, by: actorLabel(actor) }))) throw notFound('hit', id);
      await appendAudit(tx, actor, { action: 'screening.decision', targetType: 'hit', targetIds: [id], purpose: note, details: { status: decision.status } });
      const [view] = await this.present(tx, await listHits(tx, actor, { scope: 'asked', id, limit: 1 }));
      if (!view) throw notFound('hit', id);
      return view;
    });
  }

  private async tellOwners(tx: Queryable, actor: Actor, fresh: NewHit[], evaluated: EvaluatedMatch[], askedAt: Date): Promise<void> {
    const toOthers = fresh.filter((h) => h.ownerOrg !== actor.orgId);
    if (toOthers.length === 0) return;
    const { rows } = await tx.query<{ name: string }>(sql`SELECT name FROM organisations WHERE id = ${actor.orgId}`);
    const askerOrgName = rows[0]?.name ?? actor.orgId;
    const captions = new Map(evaluated.map((e) => [e.match.recordId, e.caption]));
    await notifyMany(tx, toOthers.map((hit) => ({
      id: hit.id,
      orgId: hit.ownerOrg,
      kind: 'screening.hit',
      title: titleOf(captions.get(hit.recordId) ?? hit.recordId, askerOrgName),
      body: `Score ${hit.score}. Open the hit to see who asked, why, and the details they screened.`,
      ref: { type: 'hit', id: hit.id },
      priority: 'high' as const,
    })));
    // No subject fields and no caption leave in the webhook: the receiver reads them through the API.
    await enqueueDeliveries(tx, toOthers.map((hit) => ({
      orgId: hit.ownerOrg,
      event: 'screening.hit',
      payload: {
        hitId: hit.id, checkId: hit.checkId, askedAt: askedAt.toISOString(), askerOrg: actor.orgId, askerOrgName,
        recordId: hit.recordId, recordVersion: hit.recordVersion, score: hit.score,
      },
    })));
  }

  private async present(db: Queryable, rows: HitRow[]): Promise<HitView[]> {
    const names = await actorNames(db, rows.flatMap((r) => [r.asker_user, r.decided_by]));
    return rows.map((r) => ({
      id: r.id,
      checkId: r.check_id,
      askedAt: iso(r.asked_at),
      score: r.score,
      status: r.status,
      asker: { orgId: r.asker_org, orgName: r.asker_org_name, user: r.asker_user, userName: names.get(r.asker_user) ?? null },
      purpose: r.purpose,
      subject: r.subject,
      match: r.readable && r.caption !== null
        ? { disclosure: 'full', recordId: r.record_id, recordVersion: r.record_version, currentVersion: r.current_version ?? r.record_version, schema: r.schema ?? '',
          caption: r.caption, dataset: r.dataset ?? '', sourceId: r.source_id, ownerOrg: r.owner_org, ownerName: r.owner_name }
        : { disclosure: 'contact-owner', recordId: r.record_id, ownerOrg: r.owner_org, ownerName: r.owner_name, explanation: `Possible hit — contact ${r.owner_name}` },
      decision: r.decided_at === null ? null : { note: r.decision_note, decidedAt: iso(r.decided_at), decidedBy: r.decided_by, decidedByName: r.decided_by ? (names.get(r.decided_by) ?? null) : null },
    }));
  }
}
