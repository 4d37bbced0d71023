import { randomUUID } from 'node:crypto';
import sql from 'sql-template-tag';
import type { Actor } from '../kernel/access/actor.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { mayRead } from '../kernel/access/visibility.ts';
import { badRequest } from '../kernel/errors.ts';
import { parseMrz, type MrzDocument } from '../kernel/matching/mrz.ts';
import { nameTokens } from '../kernel/matching/name-tokens.ts';
import type { Store } from '../kernel/store/store.ts';
import type { NameIndexSync } from '../kernel/index/index-sync.ts';
import { normaliseIdentifier } from '../kernel/index/index-entry.ts';
import { HitsService, type RaisedMatch } from './hits.service.ts';
import { DEFAULT_THRESHOLD, type Feature } from '../kernel/matching/score-entry.ts';
import type { ScreenedMatch, SubjectAsWritten } from '../kernel/index/index-shard.ts';

export interface ScreeningQuery {
  name?: string | undefined;
  birthDate?: string | undefined;
  nationality?: string | undefined;
  gender?: string | undefined;
  documentNumber?: string | undefined;
  /** A machine-readable zone (2 or 3 lines): fills every field not given above. */
  mrz?: string | undefined;
}

export interface ScreeningOptions {
  /** Only records of these datasets (all when empty). */
  datasets?: string[] | undefined;
  threshold?: number | undefined;
  limit?: number | undefined;
  /** Why the asker screens: kept with the hits and in the audit trail. */
  purpose?: string | undefined;
}

/** What was read from an MRZ, and which check digits failed (the subject is screened all the same). */
export interface MrzReport {
  format: MrzDocument['format'];
  valid: boolean;
  failedChecks: { field: string; line: number; column: number; message: string }[];
  problems: string[];
  corrections: string[];
  read: { name: string; birthDate: string | null; nationality: string | null; gender: string | null; documentNumber: string };
}

/** A check's outcome: every match with the hit it raised (or the earlier decision that cleared it). */
export interface ScreeningResult {
  checkId: string;
  matches: RaisedMatch[];
  mrz?: MrzReport;
}

/** A match as the scorer and the access rule produced it, before it is shown or recorded. */
export interface EvaluatedMatch {
  match: ScreeningMatch;
  recordVersion: number;
  caption: string;
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

export { DEFAULT_THRESHOLD };
const DEFAULT_LIMIT = 10;
/**
 * How many of the index's best candidates are scored. The index ranks by rarity-weighted
 * shared keys, birth date and nationality: a true match below the 64th is a namesake among
 * thousands, which scoring could not tell apart either (bench:screening measures the recall).
 */
const CANDIDATES = 64;

/** Counts checks by outcome (a Prometheus counter when the server has metrics). */
export type CheckCounter = (outcome: 'hit' | 'no_hit') => void;

/** A subject matched and its matches disclosed, its hits not yet recorded (see `ScreeningService.matchMany`); or why it could not be screened. */
export type MatchedSubject = { result: ScreeningResult; evaluated: EvaluatedMatch[]; subject: ScreeningQuery } | Error;

export class ScreeningService {
  private readonly hits: HitsService;

  constructor(
    private readonly store: Store,
    private readonly sync: NameIndexSync,
    private readonly countCheck: CheckCounter = () => undefined,
  ) {
    this.hits = new HitsService(store);
  }

  /**
   * The matches, as the access rule lets the asker see them; records nothing (use `screen`
   * for a check that raises hits).
   */
  async check(actor: Actor, query: ScreeningQuery, options: ScreeningOptions = {}): Promise<ScreeningMatch[]> {
    const [evaluated] = await this.evaluateMany(actor, [resolveQuery(query).query], options);
    if (evaluated instanceof Error) throw evaluated;
    return (evaluated ?? []).map((e) => e.match);
  }

  /**
   * Screens one subject and raises a hit for every match: recorded, audited and notified to
   * the record's owner in one transaction. A check without a match writes nothing.
   *
   * @example
   *   const { checkId, matches } = await screening.screen(actor, { mrz }, { purpose: 'border check' });
   */
  async screen(actor: Actor, query: ScreeningQuery, options: ScreeningOptions = {}): Promise<ScreeningResult> {
    const [result] = await this.screenMany(actor, [query], options);
    if (!result) throw new Error('screenMany returned no result for one query');
    if (result instanceof Error) throw result;
    return result;
  }

  /**
   * Screens several subjects (a passenger list's next lines) as `screen` does each, recording
   * all their hits in one transaction; a subject that cannot be screened gets its error in its
   * place, the others go on.
   */
  async screenMany(actor: Actor, queries: ScreeningQuery[], options: ScreeningOptions = {}): Promise<(ScreeningResult | Error)[]> {
    return this.recordMany(actor, await this.matchMany(actor, queries, options), options);
  }

  /**
   * The first half of `screenMany`: the subjects matched and their matches disclosed, nothing
   * recorded yet. A passenger list matches its next group in the index's threads while this
   * group's hits are written (screening.batch.ts).
   */
  async matchMany(actor: Actor, queries: ScreeningQuery[], options: ScreeningOptions = {}): Promise<MatchedSubject[]> {
    const resolved = queries.map((query) => attempt(() => resolveQuery(query)));
    const evaluated = await this.evaluateMany(actor, resolved.map((r) => (r instanceof Error ? r : r.query)), options);
    return resolved.map((r, i): MatchedSubject => {
      // evaluateMany answers each query in its place.
      const e = evaluated[i] as EvaluatedMatch[] | Error;
      if (r instanceof Error) return r;
      if (e instanceof Error) return e;
      return { result: { checkId: randomUUID(), matches: [], ...(r.mrz ? { mrz: r.mrz } : {}) }, evaluated: e, subject: r.query };
    });
  }

  /** The second half of `screenMany`: every hit of the matched subjects recorded, audited and notified, in one transaction. */
  async recordMany(actor: Actor, matched: MatchedSubject[], options: ScreeningOptions = {}): Promise<(ScreeningResult | Error)[]> {
    const withHits = matched.filter((o): o is Exclude<MatchedSubject, Error> => !(o instanceof Error) && o.evaluated.length > 0);
    const raised = await this.hits.raiseMany(actor, withHits.map((o) => ({ check: { checkId: o.result.checkId, subject: o.subject, purpose: options.purpose ?? null }, evaluated: o.evaluated })));
    withHits.forEach((o, i) => (o.result.matches = raised[i] ?? []));
    for (const o of matched) if (!(o instanceof Error)) this.countCheck(o.evaluated.length ? 'hit' : 'no_hit');
    return matched.map((o) => (o instanceof Error ? o : o.result));
  }

  /**
   * Scores each query against the index, then asks the database once, for all of them, which
   * matches the asker may read in full (a passenger list's group: one round trip, not one a
   * subject). A query that cannot be screened gets its error in its place.
   */
  private async evaluateMany(actor: Actor, queries: (ScreeningQuery | Error)[], options: ScreeningOptions): Promise<(EvaluatedMatch[] | Error)[]> {
    requirePermission(actor, 'screening:check');
    await this.sync.fresh();
    const scored = await this.score(queries.map((query) => (query instanceof Error ? query : attempt(() => subjectOf(query)))), options);
    const ids = [...new Set(scored.flatMap((s) => (s instanceof Error ? [] : s.map((e) => e.entry.id))))];
    const rows = ids.length ? await this.readable(actor, ids) : new Map<string, DisclosureRow>();
    return scored.map((s) => (s instanceof Error ? s : disclose(s, rows)));
  }

  /** Each subject's matches above the threshold, best first, from every shard of the index at once. */
  private async score(subjects: (SubjectAsWritten | Error)[], options: ScreeningOptions): Promise<(ScreenedMatch[] | Error)[]> {
    const valid = subjects.filter((s): s is SubjectAsWritten => !(s instanceof Error));
    const requests = valid.map((subject) => ({ subject, candidates: CANDIDATES, threshold: options.threshold ?? DEFAULT_THRESHOLD,
      limit: options.limit ?? DEFAULT_LIMIT, datasets: options.datasets?.length ? options.datasets : null }));
    const answers = requests.length ? await this.sync.index.screen(requests) : [];
    let next = 0;
    return subjects.map((s) => (s instanceof Error ? s : (answers[next++] ?? [])));
  }

  /** Which matches the asker may read in full is decided by the one access rule, in SQL. */
  private async readable(actor: Actor, ids: string[]): Promise<Map<string, DisclosureRow>> {
    const { rows } = await this.store.query<DisclosureRow>(sql`
      SELECT r.id, r.caption, r.version, ${mayRead(actor, 'r')} AS readable, o.name AS owner_name
      FROM records r JOIN organisations o ON o.id = r.owner_org WHERE r.id = ANY(${ids}::uuid[]) AND r.status = 'active'`);
    return new Map(rows.map((r) => [r.id, r]));
  }
}

interface DisclosureRow {
  id: string;
  caption: string;
  version: number;
  readable: boolean;
  owner_name: string;
}

/** The scored matches as the asker may see them: in full, or only whom to contact. A record no longer active is dropped. */
function disclose(scored: ScreenedMatch[], rows: Map<string, DisclosureRow>): EvaluatedMatch[] {
  return scored.flatMap((s): EvaluatedMatch[] => {
    const row = rows.get(s.entry.id);
    if (!row) return [];
    const explanation = s.features.map((f) => `${f.feature} ${f.agreement}: ${f.detail}`).join('; ');
    const match: ScreeningMatch = row.readable
      ? { disclosure: 'full', recordId: s.entry.id, sourceId: s.entry.sourceId, dataset: s.entry.dataset, schema: s.entry.schema, caption: row.caption,
        ownerOrg: s.entry.ownerOrg, score: s.score, explanation, features: s.features }
      : { disclosure: 'contact-owner', recordId: s.entry.id, score: s.score, ownerOrg: s.entry.ownerOrg, ownerName: row.owner_name,
        explanation: `Possible hit — contact ${row.owner_name}` };
    return [{ match, recordVersion: row.version, caption: row.caption }];
  });
}

/** The value, or the error it threw (one bad subject of a list does not stop the others). */
function attempt<T>(compute: () => T): T | Error {
  try {
    return compute();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The query with the MRZ's fields filling those not typed in: the holder's given names and
 * surname, birth date, nationality, sex and document number. An unreadable MRZ is a 400 with
 * the parser's message; failing check digits are reported, and the subject screened anyway.
 */
export function resolveQuery(query: ScreeningQuery): { query: ScreeningQuery; mrz?: MrzReport } {
  if (!query.mrz?.trim()) return { query: { ...query, mrz: undefined } };
  const doc = parseMrz(query.mrz);
  const read = {
    name: `${doc.givenNames} ${doc.surname}`.trim(),
    birthDate: doc.birthDate,
    nationality: doc.nationality,
    gender: doc.sex === 'male' || doc.sex === 'female' ? doc.sex : null,
    documentNumber: doc.documentNumber,
  };
  const mrz: MrzReport = {
    format: doc.format,
    valid: doc.valid,
    failedChecks: doc.checkDigits.filter((c) => !c.valid).map((c) => ({ field: c.field, line: c.line, column: c.column, message: c.message ?? `the ${c.field} check digit does not verify` })),
    problems: doc.problems,
    corrections: doc.corrections,
    read,
  };
  const pick = (given: string | undefined, fromMrz: string | null) => (given?.trim() ? given : (fromMrz || undefined));
  return {
    query: {
      name: pick(query.name, read.name),
      birthDate: pick(query.birthDate, read.birthDate),
      nationality: pick(query.nationality, read.nationality),
      gender: pick(query.gender, read.gender),
      documentNumber: pick(query.documentNumber, read.documentNumber),
    },
    mrz,
  };
}

/** The subject as the index's shards take it (they make the name's words themselves); a subject with nothing to screen by is refused here. */
function subjectOf(query: ScreeningQuery): SubjectAsWritten {
  const names = query.name && nameTokens(query.name).length > 0 ? [query.name] : [];
  const identifiers = query.documentNumber ? [normaliseIdentifier(query.documentNumber)].filter((d) => d.length >= 4) : [];
  if (names.length === 0 && identifiers.length === 0) throw badRequest('Give a name, a document number or an MRZ to screen.');
  return { names, identifiers, birthDate: query.birthDate, nationality: query.nationality?.toLowerCase(), gender: query.gender?.toLowerCase() };
}
