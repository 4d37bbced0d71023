import sql from 'sql-template-tag';
import type { Actor } from '../kernel/access/actor.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { mayRead } from '../kernel/access/visibility.ts';
import { badRequest } from '../kernel/errors.ts';
import { nameTokens } from '../kernel/matching/name-tokens.ts';
import type { Store } from '../kernel/store/store.ts';
import type { NameIndexSync } from '../kernel/index/index-sync.ts';
import { normaliseIdentifier } from '../kernel/index/index-entry.ts';
import { scoreEntry, type Feature, type ScoredEntry, type ScreeningSubject } from './scoring.ts';

export interface ScreeningQuery {
  name?: string | undefined;
  birthDate?: string | undefined;
  nationality?: string | undefined;
  gender?: string | undefined;
  documentNumber?: string | undefined;
}

export interface ScreeningOptions {
  /** Only records of these datasets (all when empty). */
  datasets?: string[] | undefined;
  threshold?: number | undefined;
  limit?: number | undefined;
}

/** A match the asker may read in full. */
export interface FullMatch {
  disclosure: 'full';
  recordId: string;
  sourceId: string | null;
  dataset: string;
  schema: string;
  caption: string;
  ownerOrg: string;
  score: number;
  explanation: string;
  features: Feature[];
}

/** A match on a record the asker may not read: only that it exists, and whom to contact. */
export interface ContactMatch {
  disclosure: 'contact-owner';
  recordId: string;
  score: number;
  ownerOrg: string;
  ownerName: string;
  explanation: string;
}

export type ScreeningMatch = FullMatch | ContactMatch;

/**
 * Default operating threshold, 0.72: every name matched on two or more words, whatever the
 * script or spelling (≥ 0.85 before other evidence), passes; a match on one word only
 * (capped at 0.70) needs a corroborating birth date or nationality to pass; a name whose
 * birth date contradicts (−0.25) needs a near-perfect name. Measured by eval:screening.
 */
export const DEFAULT_THRESHOLD = 0.72;
const DEFAULT_LIMIT = 10;

export class ScreeningService {
  constructor(
    private readonly store: Store,
    private readonly sync: NameIndexSync,
  ) {}

  async check(actor: Actor, query: ScreeningQuery, options: ScreeningOptions = {}): Promise<ScreeningMatch[]> {
    requirePermission(actor, 'screening:check');
    const subject = subjectOf(query);
    await this.sync.fresh();
    const scored = this.score(subject, options);
    return scored.length === 0 ? [] : this.disclose(actor, scored);
  }

  private score(subject: ScreeningSubject, options: ScreeningOptions): ScoredEntry[] {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const datasets = options.datasets?.length ? new Set(options.datasets) : null;
    return this.sync.index
      .candidates(subject, 200)
      .filter((entry) => !datasets || datasets.has(entry.dataset))
      .map((entry) => scoreEntry(subject, entry))
      .filter((s) => s.score >= threshold)
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit ?? DEFAULT_LIMIT);
  }

  /** Which matches the asker may read in full is decided by the one access rule, in SQL. */
  private async disclose(actor: Actor, scored: ScoredEntry[]): Promise<ScreeningMatch[]> {
    const ids = scored.map((s) => s.entry.id);
    const { rows } = await this.store.query<{ id: string; caption: string; readable: boolean; owner_name: string }>(sql`
      SELECT r.id, r.caption, ${mayRead(actor, 'r')} AS readable, o.name AS owner_name
      FROM records r JOIN organisations o ON o.id = r.owner_org WHERE r.id = ANY(${ids}::uuid[]) AND r.status = 'active'`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return scored.flatMap((s): ScreeningMatch[] => {
      const row = byId.get(s.entry.id);
      if (!row) return [];
      const explanation = s.features.map((f) => `${f.feature} ${f.agreement}: ${f.detail}`).join('; ');
      if (!row.readable) {
        return [{ disclosure: 'contact-owner', recordId: s.entry.id, score: s.score, ownerOrg: s.entry.ownerOrg, ownerName: row.owner_name,
          explanation: `Possible hit — contact ${row.owner_name}` }];
      }
      return [{ disclosure: 'full', recordId: s.entry.id, sourceId: s.entry.sourceId, dataset: s.entry.dataset, schema: s.entry.schema, caption: row.caption,
        ownerOrg: s.entry.ownerOrg, score: s.score, explanation, features: s.features }];
    });
  }
}

function subjectOf(query: ScreeningQuery): ScreeningSubject {
  const names = query.name ? [nameTokens(query.name)].filter((t) => t.length > 0) : [];
  const identifiers = query.documentNumber ? [normaliseIdentifier(query.documentNumber)].filter((d) => d.length >= 4) : [];
  if (names.length === 0 && identifiers.length === 0) throw badRequest('Give a name, a document number or an MRZ to screen.');
  return { names, identifiers, birthDate: query.birthDate, nationality: query.nationality?.toLowerCase(), gender: query.gender?.toLowerCase() };
}
