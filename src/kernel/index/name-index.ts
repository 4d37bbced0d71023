import { isFullName, type NameToken } from '../matching/name-tokens.ts';
import { EntryStore, uuidWords } from './entry-store.ts';
import { GrowableU32 } from './growable.ts';
import type { IndexEntry } from './index-entry.ts';
import { forEachNeighbourKey, forEachSingleWordKey, forEachSingleWordQueryKey, forEachWordPairKey, identifierKeyHash, tokenKeys } from './index-keys.ts';
import { keyHash } from './key-hash.ts';
import { Postings } from './postings.ts';
import { kthLargest, lowerBound, topSlots } from './top-slots.ts';

const IDENTIFIER_WEIGHT = 10;
/** A query word held by more entries than this share (and at least COMMON_WORD_MIN) is common (see `telling`). */
const COMMON_WORD_SHARE = 0.002;
const COMMON_WORD_MIN = 1000;
/**
 * Keys held by more entries than this share (and BIG_KEY_MIN) are read whole only while the
 * query has fewer candidates than asked for, or when no more telling key of their word was
 * read; else they only re-rank the best RACE_MAX_FACTOR × limit found so far. This bounds a
 * query of common words (Maria Garcia Lopez among 14 million entries) to reading each word's
 * most telling key, at the price of exactness among namesakes that equal weights could not
 * order anyway.
 */
const BIG_KEY_SHARE = 0.0005;
const BIG_KEY_MIN = 5000;
const RACE_MAX_FACTOR = 4;
/** Below this many holders a key is cheaper to read whole than to check whether pruning may start. */
const PRUNE_CHECK_MIN = 256;

/** What candidates are looked up by: names and identifiers find them; birth date and nationality only re-rank them. */
export interface CandidateQuery {
  names: NameToken[][];
  identifiers: string[];
  birthDate?: string | undefined;
  nationality?: string | undefined;
}

/**
 * Birth date and nationality, as keys: among thousands of namesakes (Maria Garcia, Mohammed
 * Ali) the one born on the asked day should be among the candidates scored. They are never
 * read to find candidates, only to add to those the name or identifier found.
 *
 * A full date is its own key (`b:`) and its day and month in either order (`t:`, the classic
 * clerical transposition); a record knowing only the year holds `yo:` beside the `y:` every
 * record holds. A full-date query so reads three short lists (a day's births, not a year's),
 * and only a year-only query reads a year's.
 */
function evidenceKeys(birthDates: readonly string[], nationalities: readonly string[], side: 'entry' | 'query'): [string, number][] {
  const keys: [string, number][] = [];
  for (const date of birthDates) {
    const full = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    const year = /^\d{4}/.exec(date)?.[0];
    if (!year) continue;
    if (full) {
      const [, y, m = '', d = ''] = full;
      keys.push([`b:${full[0]}`, 0.4], [`t:${y}-${m < d ? m : d}-${m < d ? d : m}`, 0.3]);
      keys.push(side === 'entry' ? [`y:${year}`, 0.3] : [`yo:${year}`, 0.3]);
    } else {
      keys.push([`y:${year}`, 0.3]);
      if (side === 'entry') keys.push([`yo:${year}`, 0.3]);
    }
  }
  for (const country of nationalities) keys.push([`n:${country.toLowerCase()}`, 0.2]);
  return keys;
}

const EVIDENCE_MEMO_LIMIT = 100_000;
const evidenceMemo = new Map<string, number[]>();

/** An entry's evidence key hashes; a few tens of thousands of dates and two hundred countries recur across millions of entries. */
function entryEvidenceHashes(birthDates: readonly string[], nationalities: readonly string[]): number[] {
  if (birthDates.length + nationalities.length === 0) return [];
  const hashes: number[] = [];
  const remembered = (value: string, compute: () => [string, number][]) => {
    let known = evidenceMemo.get(value);
    if (!known) {
      if (evidenceMemo.size >= EVIDENCE_MEMO_LIMIT) evidenceMemo.clear();
      known = compute().map(([key]) => keyHash(key));
      evidenceMemo.set(value, known);
    }
    for (const hash of known) hashes.push(hash);
  };
  for (const date of birthDates) remembered(`d${date}`, () => evidenceKeys([date], [], 'entry'));
  for (const country of nationalities) remembered(`n${country}`, () => evidenceKeys([], [country], 'entry'));
  return hashes;
}

/** A query name of two full-name words or more finds its candidates by its word pairs (see `candidates`). */
const hasTwoFullNames = (tokens: readonly NameToken[]): boolean => tokens.filter(isFullName).length >= 2;

interface KeyWeight {
  weight: number;
  words: number[];
  deletion: boolean;
}

interface QueryKey {
  hash: number;
  /** Entries holding it. */
  count: number;
  /** What it adds to each of them: its weight times its rarity. */
  add: number;
  /** The query words it is a key of (none for identifiers and joined words). */
  words: number[];
  /** A one-consonant-deletion key (`d:`): it finds typing errors, at the cost of many namesakes of other words. */
  deletion: boolean;
}

/** What one query cost: for benchmarks and the explain output. */
export interface CandidateStats {
  keys: number;
  postingsRead: number;
  touched: number;
}

/**
 * The in-memory name and identifier index (screening, fuzzy record search, cross-checking):
 * from name-word keys and identifier keys (index-keys.ts) to the entries holding them.
 * Recall first: a query word finds entries by its folded form, its canonical spelling, its
 * consonant skeleton, and the skeleton with one consonant left out (one typing or OCR error
 * in a consonant); vowels never matter. Scoring happens afterwards, on the few best
 * candidates (by the capability asking: kernel/matching/score-entry.ts, record search).
 *
 * Built for tens of millions of entries in one process: entries are packed (entry-store.ts),
 * keys are 32-bit hashes and postings are sorted runs of typed arrays (postings.ts). Updated
 * one entry at a time (a new version takes a new slot and the old one dies), so one new
 * record never needs a rebuild. Every process holds its own copy, fed from the database
 * (index-sync.ts).
 */
export class NameIndex {
  private readonly store = new EntryStore();
  private readonly postings = new Postings((slot) => this.store.isDead(slot));
  private live = 0;
  /** Per-slot accumulated weight of the query being answered; zero between queries. */
  private weights = new Float32Array(0);
  private readonly touched = new GrowableU32(1 << 12);
  /** An entry's key hashes while it is written. */
  private readonly entryKeys = new GrowableU32(256);
  private scratch = new Float32Array(1 << 12);
  /** What the last `candidates` call read, for benchmarks. */
  lastQuery: CandidateStats = { keys: 0, postingsRead: 0, touched: 0 };

  get size(): number {
    return this.live;
  }

  /** Memory held by the index's own arrays and tables, in bytes (what a benchmark reports beside RSS). */
  get bytes(): number {
    return this.store.bytes + this.postings.bytes + this.weights.byteLength + this.touched.bytes;
  }

  get stats(): { entries: number; slots: number; words: number; postings: number; runs: number; bytes: number } {
    return { entries: this.live, slots: this.store.slots, words: this.store.tokens.size, postings: this.postings.postings, runs: this.postings.runs, bytes: this.bytes };
  }

  get(id: string): IndexEntry | undefined {
    const slot = this.store.slotOf(id);
    return slot < 0 ? undefined : this.store.entry(slot);
  }

  /** Adds the entry, or replaces an older version of it; ignores one that is not newer. */
  upsert(entry: IndexEntry): void {
    // Parsed once: an upsert looks the id up, then writes it (14 million times in a first build).
    const id = uuidWords(entry.id);
    const current = this.store.slotOf(id);
    if (current >= 0 && this.store.version(current) >= entry.version) return;
    if (current >= 0) this.kill(current);
    const slot = this.store.append(entry, id);
    this.live += 1;
    // Gathered, then sorted and written once each: an entry's names share many keys.
    const keys = this.entryKeys;
    keys.length = 0;
    const collect = (hash: number) => void keys.push(hash);
    this.store.forEachToken(slot, (token) => this.store.tokens.forEachKey(token, collect));
    for (const name of entry.names) {
      forEachNeighbourKey(name, collect);
      forEachWordPairKey(name, collect);
      forEachSingleWordKey(name, collect);
    }
    for (const id of entry.identifiers) keys.push(identifierKeyHash(id));
    for (const hash of entryEvidenceHashes(entry.birthDates, entry.nationalities)) keys.push(hash);
    const sorted = keys.data.subarray(0, keys.length).sort();
    for (let i = 0; i < sorted.length; i += 1) if (i === 0 || sorted[i] !== sorted[i - 1]) this.postings.add(sorted[i] as number, slot);
  }

  /** Forgets the entry (a cancelled record). Its postings are dropped at the next merge of their run. */
  remove(id: string): void {
    const slot = this.store.slotOf(id);
    if (slot >= 0) this.kill(slot);
  }

  /** Sorts what was written since the last read (done before every read anyway): call after a bulk load. */
  settle(): void {
    this.postings.flush();
  }

  /**
   * The entries sharing the most telling keys with the query, best first: each key adds its
   * weight times its rarity (log(1 + N / holders)), so a word held by half the index says
   * little and common names neither flood nor hide the candidates.
   *
   * Exact top-`limit` at a fraction of the cost (MaxScore, as search engines prune): keys are
   * read from the most to the least telling; once what the keys still unread could add at most
   * is below the `limit`-th best weight so far, no entry not yet found can enter the best, and
   * the remaining (common, long) keys only add to the few entries still in the race, looked up
   * in their sorted postings instead of read whole. A common first name held by hundreds of
   * thousands is then a few hundred look-ups.
   *
   * A query of two strong words or more finds by its word-pair keys, the single-word
   * names holding one of its words (`s:`, `sl:`), identifiers and short keys; a long word key
   * (see BIG_KEY_SHARE) then only re-ranks. The scorer calls nothing a match on
   * one word of two (docs/screening.md), so reading the hundred thousand holders of a common
   * word only to score its namesakes low was most of a check's cost at 4 million persons.
   */
  candidates(query: CandidateQuery, limit = 100, options: { datasets?: ReadonlySet<string> | null } = {}): IndexEntry[] {
    const { keys, evidence, byPairs } = this.queryKeys(query);
    // Entries of other datasets are never touched: the best `limit` are the best of those asked for.
    const datasets = options.datasets ? new Set([...options.datasets].map((d) => this.store.datasetNumber(d))) : null;
    this.ensureCapacity();
    const weights = this.weights;
    const touched = this.touched;
    touched.length = 0;
    const stats = { keys: keys.length, postingsRead: 0, touched: 0 };
    const total = [...keys, ...evidence].reduce((sum, k) => sum + k.add, 0);
    let unread = total;
    const big = Math.max(BIG_KEY_MIN, this.live * BIG_KEY_SHARE);
    const covered = new Set<number>();
    const deferred: QueryKey[] = [];
    let deferredAdd = 0;
    let next = 0;
    for (; next < keys.length; next += 1) {
      const key = keys[next] as QueryKey;
      // No weight can exceed what was read so far: while that is below what is unread, pruning cannot start (no selection needed to tell).
      // Deferred keys only re-rank entries already found: a new entry cannot gain from them.
      const finders = unread - deferredAdd;
      if (key.count > PRUNE_CHECK_MIN && touched.length >= limit && key.count >= touched.length && finders < total - unread && finders < this.cutoff(limit)) break;
      // A long key of a word already found by a more telling one only re-ranks the best so far,
      // and so does a deletion key once enough candidates are found: a typing error in one word
      // is found by the name's other words; a deletion key read whole would add every name one
      // consonant away from each word, thousands of them, to find it.
      const longAndCovered = key.count > big && key.words.every((w) => covered.has(w));
      // A query of two strong words or more finds by its word pairs and single-word names;
      // a long key of one word then only re-ranks (see forEachWordPairKey).
      const longWordOfPairs = byPairs && key.count > big && key.words.length > 0;
      if (longWordOfPairs || ((longAndCovered || key.deletion) && touched.length >= limit)) {
        deferred.push(key);
        deferredAdd += key.add;
        continue;
      }
      for (const w of key.words) covered.add(w);
      this.postings.forEachRun(key.hash, (slots) => {
        stats.postingsRead += slots.length;
        for (let i = 0; i < slots.length; i += 1) {
          const slot = slots[i] as number;
          const before = weights[slot] as number;
          if (before === 0) {
            if (datasets && !datasets.has(this.store.datasetOf(slot))) continue;
            touched.push(slot);
          }
          weights[slot] = before + key.add;
        }
      });
      unread -= key.add;
    }
    const rest = [...keys.slice(next), ...deferred];
    if (rest.length > 0 || evidence.length > 0) this.finishRace(rest, evidence, unread, limit, stats);
    const best = topSlots(weights, touched.data.subarray(0, touched.length), limit, (slot) => this.store.isDead(slot));
    for (let i = 0; i < touched.length; i += 1) weights[touched.data[i] as number] = 0;
    stats.touched = touched.length;
    this.lastQuery = stats;
    return best.map((slot) => this.store.entry(slot));
  }

  /** The `limit`-th highest weight among the entries found so far. */
  private cutoff(limit: number): number {
    const values = this.scratchOf(this.touched.length);
    for (let i = 0; i < values.length; i += 1) values[i] = this.weights[this.touched.data[i] as number] as number;
    return kthLargest(values, limit);
  }

  /** A reusable array of `size` weights: a check of common words selects among tens of thousands several times. */
  private scratchOf(size: number): Float32Array {
    if (this.scratch.length < size) this.scratch = new Float32Array(Math.ceil(size * 1.5));
    return this.scratch.subarray(0, size);
  }

  /**
   * Adds the remaining keys' weight to the entries that can still reach the best `limit` (the
   * race): a short evidence list (the asked birth date's holders) to all of them, read whole
   * and kept to the racers; then, once the race is cut to its best RACE_MAX_FACTOR × limit,
   * the long evidence lists (a nationality, a year) and the other keys to those, looked up.
   */
  private finishRace(rest: QueryKey[], evidence: QueryKey[], unread: number, limit: number, stats: CandidateStats): void {
    const weights = this.weights;
    const touched = this.touched.data.subarray(0, this.touched.length);
    const floor = this.cutoff(limit) - unread - 1e-6;
    let racers = 0;
    for (let i = 0; i < touched.length; i += 1) if ((weights[touched[i] as number] as number) >= floor) racers += 1;
    const late: QueryKey[] = [];
    for (const key of evidence) {
      if (key.count > racers) {
        late.push(key);
        continue;
      }
      this.postings.forEachRun(key.hash, (slots) => {
        stats.postingsRead += slots.length;
        for (let i = 0; i < slots.length; i += 1) {
          const slot = slots[i] as number;
          const weight = weights[slot] as number;
          // Untouched entries weigh 0; touched ones below the floor are out of the race.
          if (weight > 0 && weight >= floor) weights[slot] = weight + key.add;
        }
      });
    }
    const race = this.shortlist(touched, floor, RACE_MAX_FACTOR * limit);
    for (const key of late) this.addToRace(key, race, stats);
    for (const key of rest) this.addToRace(key, race, stats);
  }

  /**
   * The racers (weight at least `floor`), at most `cap` of the heaviest (ties: the first
   * touched), ascending by slot for the look-ups. Thousands of namesakes may be racing: the
   * others cannot gain enough to matter.
   */
  private shortlist(touched: Uint32Array, floor: number, cap: number): Uint32Array {
    const weights = this.weights;
    const members = new GrowableU32(Math.min(touched.length, 1024));
    for (let i = 0; i < touched.length; i += 1) {
      const slot = touched[i] as number;
      if ((weights[slot] as number) >= floor) members.push(slot);
    }
    let race = members.data.subarray(0, members.length);
    if (race.length > cap) {
      const values = this.scratchOf(race.length);
      for (let i = 0; i < race.length; i += 1) values[i] = weights[race[i] as number] as number;
      const least = kthLargest(values, cap);
      const kept = new Uint32Array(cap);
      let n = 0;
      for (let i = 0; i < race.length && n < cap; i += 1) if ((weights[race[i] as number] as number) > least) kept[n++] = race[i] as number;
      for (let i = 0; i < race.length && n < cap; i += 1) if ((weights[race[i] as number] as number) === least) kept[n++] = race[i] as number;
      race = kept.subarray(0, n);
    }
    return race.sort();
  }

  /** Adds a key's weight to the race's entries that hold it (`race` ascending). */
  private addToRace(key: QueryKey, race: Uint32Array, stats: CandidateStats): void {
    const weights = this.weights;
    this.postings.forEachRun(key.hash, (slots) => {
      // Both are sorted: a short run is merged with the race, a long one searched from where the last look-up ended.
      if (slots.length <= race.length * 8) {
        stats.postingsRead += slots.length;
        for (let i = 0, r = 0; i < slots.length && r < race.length; ) {
          const slot = slots[i] as number;
          const racer = race[r] as number;
          if (slot < racer) i += 1;
          else if (slot > racer) r += 1;
          else {
            weights[slot] = (weights[slot] as number) + key.add;
            i += 1;
            r += 1;
          }
        }
        return;
      }
      stats.postingsRead += race.length;
      let from = 0;
      for (let r = 0; r < race.length; r += 1) {
        const slot = race[r] as number;
        from = lowerBound(slots, slot, from);
        if (from >= slots.length) break;
        if (slots[from] === slot) weights[slot] = (weights[slot] as number) + key.add;
      }
    });
  }

  /** The query's name and identifier keys, most telling first, and its evidence keys (which only re-rank). */
  private queryKeys(query: CandidateQuery): { keys: QueryKey[]; evidence: QueryKey[]; byPairs: boolean } {
    const weightOf = new Map<number, KeyWeight>();
    const add = (hash: number, weight: number, word: number | null, deletion = false) => {
      const known = weightOf.get(hash);
      if (!known) weightOf.set(hash, { weight, words: word === null ? [] : [word], deletion });
      else {
        known.weight = Math.max(known.weight, weight);
        if (word !== null) known.words.push(word);
      }
    };
    const addUnworded = (hash: number, weight: number) => add(hash, weight, null);
    for (const id of query.identifiers) add(identifierKeyHash(id), IDENTIFIER_WEIGHT, null);
    const common = Math.max(COMMON_WORD_MIN, this.live * COMMON_WORD_SHARE);
    const byPairs = query.names.some(hasTwoFullNames);
    let word = 0;
    for (const tokens of query.names) {
      for (const token of tokens) {
        for (const [key, weight] of this.telling(token, common)) add(keyHash(key), weight, word, key.startsWith('d:'));
        if (byPairs) forEachSingleWordQueryKey(token, addUnworded);
        word += 1;
      }
      forEachNeighbourKey(tokens, addUnworded);
      if (byPairs) forEachWordPairKey(tokens, addUnworded);
    }
    const evidence = new Map<number, KeyWeight>();
    for (const [key, weight] of evidenceKeys(query.birthDate ? [query.birthDate] : [], query.nationality ? [query.nationality] : [], 'query')) evidence.set(keyHash(key), { weight, words: [], deletion: false });
    return { keys: this.weighed(weightOf).sort((a, b) => b.add - a.add), evidence: weightOf.size > 0 ? this.weighed(evidence) : [], byPairs };
  }

  /**
   * A query word's keys, less its loosest ones (`l:`, `d:`) when the word as written is itself
   * common: a first name held by hundreds of thousands already finds its holders, and its
   * one-consonant variants would read millions of postings to add its near-namesakes. A rare
   * or misspelt word keeps them all: they are how its spellings are found.
   */
  private telling(token: NameToken, common: number): [string, number][] {
    const keys = tokenKeys(token);
    const [exact] = keys;
    if (!exact || this.postings.count(keyHash(exact[0])) <= common) return keys;
    return keys.filter(([key]) => !key.startsWith('l:') && !key.startsWith('d:'));
  }

  private weighed(weights: Map<number, KeyWeight>): QueryKey[] {
    const total = Math.max(1, this.live);
    return [...weights]
      .map(([hash, { weight, words, deletion }]) => ({ hash, count: this.postings.count(hash), weight, words, deletion }))
      .filter((k) => k.count > 0)
      .map(({ hash, count, weight, words, deletion }) => ({ hash, count, words, deletion, add: weight * Math.log(1 + total / count) }));
  }

  private kill(slot: number): void {
    this.store.kill(slot);
    this.live -= 1;
  }

  private ensureCapacity(): void {
    if (this.weights.length >= this.store.slots) return;
    const next = new Float32Array(Math.max(1024, Math.ceil(this.store.slots * 1.25)));
    next.set(this.weights);
    this.weights = next;
  }
}
