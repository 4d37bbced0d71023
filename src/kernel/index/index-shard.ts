import type { RecordRow } from '../records/record.ts';
import { scoreEntry, type Feature, type ScreeningSubject } from '../matching/score-entry.ts';
import { rankBySpelling, type RankedRecord } from './fuzzy-ranking.ts';
import { indexEntryOf, INDEXED_PROPERTIES, isIndexed, type IndexEntry } from './index-entry.ts';
import { nameTokens } from '../matching/name-tokens.ts';
import { NameIndex } from './name-index.ts';
import type { ShardRequest } from './shard-protocol.ts';

/** A record as the index reads it: the properties it indexes as a JSON array, in `INDEXED_PROPERTIES` order (index-sync.ts). */
export type IndexedRow = Pick<RecordRow, 'id' | 'version' | 'schema' | 'dataset' | 'source_id' | 'owner_org' | 'status'> & { indexed: string };

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

function propertiesOf(indexed: string): RecordRow['properties'] {
  const columns: unknown = JSON.parse(indexed);
  const properties: RecordRow['properties'] = {};
  if (!Array.isArray(columns)) return properties;
  INDEXED_PROPERTIES.forEach((key, i) => {
    const values: unknown = columns[i];
    if (Array.isArray(values)) properties[key] = values.filter((v): v is string => typeof v === 'string');
  });
  return properties;
}

/**
 * One share of the name index (the records whose id falls to it, see sharded-index.ts) and
 * what is asked of it: apply database rows, screen subjects, rank spellings. Pure and
 * synchronous: it runs in a worker thread (index-shard.worker.ts), or in the caller's thread
 * when the index has one shard.
 */
export class IndexShard {
  readonly index = new NameIndex();

  /** Applies changed rows: an active indexed record is (re)written, anything else forgotten. */
  apply(rows: readonly IndexedRow[]): void {
    for (const row of rows) {
      if (row.status !== 'active' || !isIndexed(row.schema)) this.index.remove(row.id);
      else this.index.upsert(indexEntryOf({ id: row.id, version: row.version, schema: row.schema, dataset: row.dataset, source_id: row.source_id, owner_org: row.owner_org,
        properties: propertiesOf(row.indexed) }));
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
      shard.apply(request.rows);
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
