import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { indexUnavailable } from '../errors.ts';
import type { RankedRecord } from './fuzzy-ranking.ts';
import type { IndexEntry } from './index-entry.ts';
import { answerRequest, IndexShard, type IndexedRow, type ScreenedMatch, type ScreenRequest, type ShardStats } from './index-shard.ts';
import type { ShardRequest, ShardResponse } from './shard-protocol.ts';

/** One shard, in a worker thread or in the caller's. */
interface ShardClient {
  call(request: ShardRequest): Promise<unknown>;
  close(): Promise<void>;
}

/** The shard in the caller's thread: an index of one shard needs no thread to hand work to. */
class LocalShard implements ShardClient {
  private readonly shard = new IndexShard();

  call(request: ShardRequest): Promise<unknown> {
    try {
      return Promise.resolve(answerRequest(this.shard, request));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const WORKER_SCRIPT = new URL('./index-shard.worker.mjs', import.meta.url);

/**
 * A shard in its own worker thread. The thread holds the process open only while a request
 * is pending (a server is held open by its listener anyway); one that dies fails what it was
 * asked, and every later request, with `indexUnavailable`: the sync then rebuilds the index.
 */
class WorkerShard implements ShardClient {
  private readonly worker = new Worker(WORKER_SCRIPT);
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private seq = 0;
  private closing = false;
  private readonly ready: Promise<unknown>;
  private failedToStart: (error: Error) => void = () => undefined;

  constructor(
    private readonly onFailure: (error: Error) => void,
    onThread?: (thread: Worker) => void,
  ) {
    onThread?.(this.worker);
    let started: (value: unknown) => void = () => undefined;
    this.ready = new Promise((resolve, reject) => {
      started = resolve;
      this.failedToStart = reject;
    });
    // A thread that never starts fails the calls waiting for it (see `fail`), not the process.
    this.ready.catch(() => undefined);
    this.worker.on('message', (response: ShardResponse) => {
      if (response.seq === 0) {
        // Idle until asked: the thread alone must not keep a command's process alive.
        if (this.pending.size === 0) this.worker.unref();
        return started(null);
      }
      const waiting = this.pending.get(response.seq);
      if (!waiting) return;
      this.pending.delete(response.seq);
      if (this.pending.size === 0) this.worker.unref();
      if (response.ok) waiting.resolve(response.result);
      else waiting.reject(new Error(`name index shard: ${response.message}`));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`name index shard thread exited with code ${code}`));
    });
  }

  async call(request: ShardRequest): Promise<unknown> {
    await this.ready;
    return new Promise((resolve, reject) => {
      this.seq += 1;
      this.pending.set(this.seq, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...request, seq: this.seq });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    const failure = indexUnavailable(error);
    this.failedToStart(failure);
    for (const waiting of this.pending.values()) waiting.reject(failure);
    this.pending.clear();
    this.onFailure(failure);
  }
}

/** Shards by default: one per core, so a build and a passenger list use them all. */
export const defaultShards = (): number => Math.min(8, availableParallelism());

/** The shard a record falls to: the last 32 bits of its id (uuids are random there, v4 and v7 alike). */
export function shardOf(id: string, shards: number): number {
  return shards === 1 ? 0 : Number.parseInt(id.slice(-8), 16) % shards;
}

/**
 * The name index, split by record id into shards that build and answer in parallel, each in
 * its own worker thread (one shard: in the caller's thread). A query asks every shard and
 * merges their best; a shard scores its own candidates, so scoring runs in parallel too. Each
 * shard weighs keys by its own counts, which differ from the whole index's only by sampling:
 * ids spread records evenly.
 *
 * Measured by bench:screening (docs/screening.md): on 2 cores, two shards build 14 million
 * records in about half the time one takes, and answer a passenger list at nearly twice the rate.
 */
export class ShardedIndex {
  private readonly shards: ShardClient[];
  private failure: Error | null = null;

  /** `onThread` sees each shard's thread as it starts (resource monitoring, tests). */
  constructor(readonly shardCount = defaultShards(), options: { onThread?: (thread: Worker) => void } = {}) {
    if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error(`a name index needs at least one shard, not ${shardCount}`);
    const failed = (error: Error) => (this.failure ??= error);
    this.shards = Array.from({ length: shardCount }, () => (shardCount === 1 ? new LocalShard() : new WorkerShard(failed, options.onThread)));
  }

  /** The failure that broke a shard, if one did: the index must then be rebuilt. */
  get broken(): Error | null {
    return this.failure;
  }

  /** Applies changed records, each to its record's shard; resolves once all are applied. */
  async apply(rows: readonly IndexedRow[]): Promise<void> {
    const byShard = Array.from({ length: this.shardCount }, (): string[] => []);
    for (const row of rows) byShard[shardOf(row.id, this.shardCount)]?.push(row.line);
    await Promise.all(byShard.map((lines, i) => (lines.length ? this.call(i, { op: 'apply', lines }) : Promise.resolve(null))));
  }

  async settle(): Promise<void> {
    await this.all({ op: 'settle' });
  }

  /**
   * Each subject's best `limit` matches of all shards, best first. Each shard scores its share
   * of the `candidates` asked for: a record's rank among its shard's half of its namesakes is
   * about half its rank in the whole index (bench:screening measured the same hit recall at
   * 4 million persons: 2 × 32 candidates as 1 × 64).
   */
  async screen(requests: ScreenRequest[]): Promise<ScreenedMatch[][]> {
    const shares = requests.map((r) => ({ ...r, candidates: Math.ceil(r.candidates / this.shardCount) }));
    const answers = (await this.all({ op: 'screen', requests: shares })) as ScreenedMatch[][][];
    return requests.map((request, i) =>
      answers
        .flatMap((answer) => answer[i] ?? [])
        .sort((a, b) => b.score - a.score)
        .slice(0, request.limit),
    );
  }

  async rankBySpelling(text: string): Promise<RankedRecord[]> {
    const answers = (await this.all({ op: 'rankBySpelling', text })) as RankedRecord[][];
    return answers.flat().sort((a, b) => b.score - a.score);
  }

  async get(id: string): Promise<IndexEntry | null> {
    return (await this.call(shardOf(id, this.shardCount), { op: 'get', id })) as IndexEntry | null;
  }

  /** What the shards hold, summed. */
  async stats(): Promise<ShardStats & { shards: number }> {
    const each = (await this.all({ op: 'stats' })) as ShardStats[];
    const sum = (pick: (s: ShardStats) => number) => each.reduce((n, s) => n + pick(s), 0);
    return { shards: this.shardCount, entries: sum((s) => s.entries), slots: sum((s) => s.slots), words: Math.max(...each.map((s) => s.words)),
      postings: sum((s) => s.postings), runs: sum((s) => s.runs), bytes: sum((s) => s.bytes) };
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.close()));
  }

  private all(request: ShardRequest): Promise<unknown[]> {
    return Promise.all(this.shards.map((_, i) => this.call(i, request)));
  }

  private call(shard: number, request: ShardRequest): Promise<unknown> {
    if (this.failure) return Promise.reject(indexUnavailable(this.failure));
    return (this.shards[shard] as ShardClient).call(request);
  }
}
