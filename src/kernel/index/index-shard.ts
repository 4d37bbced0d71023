import type { RecordRow } from '../records/record.ts';
import { scoreEntry, type Feature, type ScreeningSubject } from '../matching/score-entry.ts';
import { rankBySpelling, type RankedRecord } from './fuzzy-ranking.ts';
import { indexEntryOf, INDEXED_PROPERTIES, isIndexed, type IndexEntry } from './index-entry.ts';
import { nameTokens } from '../matching/name-tokens.ts';
import { NameIndex } from './name-index.ts';
import type { ShardRequest } from './shard-protocol.ts';

type IndexedFields = Pick<RecordRow, 'id' | 'version' | 'schema' | 'dataset' | 'source_id' | 'owner_org' | 'status'>;

/** The record's own fields a record line starts with, in order; its indexed properties follow, in `INDEXED_PROPERTIES` order. */
export const RECORD_LINE_FIELDS = ['id', 'version', 'schema', 'dataset', 'source_id', 'owner_org', 'status'] as const satisfies readonly (keyof IndexedFields)[];

/**
 * A record as the index reads it: one JSON array, as text: `RECORD_LINE_FIELDS`, then each of
 * `INDEXED_PROPERTIES` (its values, or null). The database writes it (index-sync.ts) and the
 * shard parses it: the thread reading the database only passes text on, one string a record.
 */
export type RecordLine = string;

/** A record's line, as the database writes it (tests, tools). */
export function recordLine(record: IndexedFields & { properties: RecordRow['properties'] }): RecordLine {
  return JSON.stringify([...RECORD_LINE_FIELDS.map((field) => record[field]), ...INDEXED_PROPERTIES.map((key) => record.properties[key] ?? null)]);
}

/** A changed record as the index is handed it: its id (which shard it falls to) and its line. */
export interface IndexedRow {
  id: string;
  line: RecordLine;
}

/**
 * A subject as sent to a shard: its names as written. The shard makes their words, so they are
 * its own shared word objects, which its comparisons are remembered by (pair-memo.ts).
 */
export type SubjectAsWritten = Omit<ScreeningSubject, 'names'> & { names: string[] };

/** One subject to screen, with what the asker set: how many candidates to score, the lowest score kept, how many matches, which datasets. */
export interface ScreenRequest {
  subject: SubjectAsWritten;
  candidates: number;
  threshold: number;
  limit: number;
  datasets: string[] | null;
}

/**
 * A subject's match as a shard answers it: the record's identity, not its names and numbers
 * (copied between threads for every match of every subject of a passenger list).
 */
export interface ScreenedMatch {
  entry: Pick<IndexEntry, 'id' | 'sourceId' | 'dataset' | 'schema' | 'ownerOrg'>;
  score: number;
  features: Feature[];
}

/** What a shard holds, for benchmarks and the explain output. */
export interface ShardStats {
  entries: number;
  slots: number;
  words: number;
  postings: number;
  runs: number;
  bytes: number;
}

function readRecordLine(line: RecordLine): IndexedFields & { properties: RecordRow['properties'] } {
  const values: unknown = JSON.parse(line);
  if (!Array.isArray(values) || values.length !== RECORD_LINE_FIELDS.length + INDEXED_PROPERTIES.length) throw new Error(`not a record line: ${line.slice(0, 80)}`);
  const text = (i: number) => (typeof values[i] === 'string' ? values[i] : null);
  const properties: RecordRow['properties'] = {};
  INDEXED_PROPERTIES.forEach((key, i) => {
    const given: unknown = values[RECORD_LINE_FIELDS.length + i];
    if (Array.isArray(given)) properties[key] = given.filter((v): v is string => typeof v === 'string');
  });
  return { id: text(0) ?? '', version: Number(values[1]), schema: text(2) ?? '', dataset: text(3) ?? '', source_id: text(4), owner_org: text(5) ?? '',
    status: (text(6) ?? '') as RecordRow['status'], properties };
}

/**
 * One share of the name index (the records whose id falls to it, see sharded-index.ts) and
 * what is asked of it: apply database rows, screen subjects, rank spellings. Pure and
 * synchronous: it runs in a worker thread (index-shard.worker.ts), or in the caller's thread
 * when the index has one shard.
 */
export class IndexShard {
  readonly index = new NameIndex();

  /** Applies changed records: an active indexed record is (re)written, anything else forgotten. */
  apply(lines: readonly RecordLine[]): void {
    for (const line of lines) {
      const record = readRecordLine(line);
      if (record.status !== 'active' || !isIndexed(record.schema)) this.index.remove(record.id);
      else this.index.upsert(indexEntryOf(record));
    }
  }

  settle(): void {
    this.index.settle();
  }

  /** Each subject's matches in this shard, best first: the index's best candidates, scored. */
  screen(requests: readonly ScreenRequest[]): ScreenedMatch[][] {
    return requests.map(({ subject: written, candidates, threshold, limit, datasets }) => {
      const subject: ScreeningSubject = { ...written, names: written.names.map(nameTokens).filter((t) => t.length > 0) };
      return this.index
        .candidates(subject, candidates, { datasets: datasets ? new Set(datasets) : null })
        .map((entry) => scoreEntry(subject, entry))
        .filter((s) => s.score >= threshold)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map(({ entry: { id, sourceId, dataset, schema, ownerOrg }, score, features }) => ({ entry: { id, sourceId, dataset, schema, ownerOrg }, score, features }));
    });
  }

  rankBySpelling(text: string): RankedRecord[] {
    return rankBySpelling(this.index, text);
  }

  get(id: string): IndexEntry | null {
    return this.index.get(id) ?? null;
  }

  stats(): ShardStats {
    return this.index.stats;
  }
}

/** The shard's answer to one request, as its thread or the caller's thread gives it. */
export function answerRequest(shard: IndexShard, request: ShardRequest): unknown {
  switch (request.op) {
    case 'apply':
      shard.apply(request.lines);
      return null;
    case 'settle':
      shard.settle();
      return null;
    case 'screen':
      return shard.screen(request.requests);
    case 'rankBySpelling':
      return shard.rankBySpelling(request.text);
    case 'get':
      return shard.get(request.id);
    case 'stats':
      return shard.stats();
  }
}
