import { GrowableU32 } from './growable.ts';

/**
 * One immutable sorted run of postings: distinct key hashes ascending, and for each the slots
 * holding it, ascending (slots are handed out in time order, so runs concatenate in order).
 */
interface Segment {
  keys: Uint32Array;
  /** Postings of keys[i]: slots[starts[i] .. starts[i + 1]]. */
  starts: Uint32Array;
  slots: Uint32Array;
}

/** Postings written since the last flush stay unsorted until then; flushed at this size or before a read. */
const PENDING_LIMIT = 1 << 23;

/**
 * Key hash → the slots holding it, as a log-structured set of sorted runs in typed arrays
 * (Lucene's segments in miniature): writes append to a pending buffer, which is sorted into a
 * new run before the next read; runs of similar size are merged, so there are never more than
 * ~log2(N) of them, and merging drops the slots of dead entries. A JavaScript Map holds at
 * most 2^24 keys and ~80 bytes a key; this holds hundreds of millions of postings at 4 bytes
 * each, plus 8 bytes a distinct key.
 */
export class Postings {
  private segments: Segment[] = [];
  private readonly pendingKeys = new GrowableU32(1 << 12);
  private readonly pendingSlots = new GrowableU32(1 << 12);

  constructor(private readonly isDead: (slot: number) => boolean) {}

  add(hash: number, slot: number): void {
    this.pendingKeys.push(hash);
    this.pendingSlots.push(slot);
    if (this.pendingKeys.length >= PENDING_LIMIT) this.flush();
  }

  /** How many slots hold the key (dead ones until the next merge included). */
  count(hash: number): number {
    this.flush();
    let n = 0;
    for (const s of this.segments) {
      const i = findKey(s.keys, hash);
      if (i >= 0) n += (s.starts[i + 1] ?? 0) - (s.starts[i] ?? 0);
    }
    return n;
  }

  /** Calls `visit` with each slot's posting list of the key, one sorted run at a time. */
  forEachRun(hash: number, visit: (slots: Uint32Array) => void): void {
    this.flush();
    for (const s of this.segments) {
      const i = findKey(s.keys, hash);
      if (i >= 0) visit(s.slots.subarray(s.starts[i] ?? 0, s.starts[i + 1] ?? 0));
    }
  }

  get runs(): number {
    return this.segments.length;
  }

  get postings(): number {
    return this.segments.reduce((n, s) => n + s.slots.length, 0) + this.pendingKeys.length;
  }

  get bytes(): number {
    return this.segments.reduce((n, s) => n + s.keys.byteLength + s.starts.byteLength + s.slots.byteLength, 0) + this.pendingKeys.bytes + this.pendingSlots.bytes;
  }

  /** Sorts pending postings into a run and merges runs of similar size. */
  flush(): void {
    if (this.pendingKeys.length === 0) return;
    this.segments.push(sortRun(this.pendingKeys.data.subarray(0, this.pendingKeys.length), this.pendingSlots.data.subarray(0, this.pendingSlots.length)));
    this.pendingKeys.length = 0;
    this.pendingSlots.length = 0;
    for (let n = this.segments.length; n >= 2; n = this.segments.length) {
      const older = this.segments[n - 2] as Segment;
      const newer = this.segments[n - 1] as Segment;
      if (older.slots.length > 2 * newer.slots.length) break;
      this.segments.splice(n - 2, 2, mergeRuns(older, newer, this.isDead));
    }
  }
}

function findKey(keys: Uint32Array, hash: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid] ?? 0;
    if (k < hash) lo = mid + 1;
    else if (k > hash) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * Postings sorted by key, slots kept in arrival order within a key: a stable LSD radix sort
 * on the key's two 16-bit halves (two linear passes, where a comparison sort of 10⁷ pairs
 * would take seconds).
 */
function sortRun(keys: Uint32Array, slots: Uint32Array): Segment {
  const n = keys.length;
  let k = Uint32Array.from(keys);
  let s = Uint32Array.from(slots);
  let k2 = new Uint32Array(n);
  let s2 = new Uint32Array(n);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(0x10001);
    for (let i = 0; i < n; i += 1) {
      const bucket = (((k[i] ?? 0) >>> shift) & 0xffff) + 1;
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    for (let b = 1; b <= 0x10000; b += 1) counts[b] = (counts[b] ?? 0) + (counts[b - 1] ?? 0);
    for (let i = 0; i < n; i += 1) {
      const bucket = ((k[i] ?? 0) >>> shift) & 0xffff;
      const at = counts[bucket] ?? 0;
      counts[bucket] = at + 1;
      k2[at] = k[i] ?? 0;
      s2[at] = s[i] ?? 0;
    }
    [k, k2] = [k2, k];
    [s, s2] = [s2, s];
  }
  const distinct = new GrowableU32(Math.max(16, n >>> 2));
  const starts = new GrowableU32(Math.max(16, n >>> 2));
  for (let i = 0; i < n; i += 1) {
    if (i === 0 || k[i] !== k[i - 1]) {
      distinct.push(k[i] ?? 0);
      starts.push(i);
    }
  }
  starts.push(n);
  return { keys: distinct.data.slice(0, distinct.length), starts: starts.data.slice(0, starts.length), slots: s };
}

/** One run from two, the older's slots first under each key; dead slots are left out. */
function mergeRuns(older: Segment, newer: Segment, isDead: (slot: number) => boolean): Segment {
  const keys = new GrowableU32(older.keys.length + newer.keys.length);
  const starts = new GrowableU32(older.keys.length + newer.keys.length + 1);
  const slots = new GrowableU32(older.slots.length + newer.slots.length);
  const copy = (s: Segment, i: number) => {
    for (let p = s.starts[i] ?? 0, end = s.starts[i + 1] ?? 0; p < end; p += 1) {
      const slot = s.slots[p] ?? 0;
      if (!isDead(slot)) slots.push(slot);
    }
  };
  let a = 0;
  let b = 0;
  while (a < older.keys.length || b < newer.keys.length) {
    const ka = a < older.keys.length ? (older.keys[a] ?? 0) : Infinity;
    const kb = b < newer.keys.length ? (newer.keys[b] ?? 0) : Infinity;
    const key = Math.min(ka, kb);
    const before = slots.length;
    if (ka === key) copy(older, a++);
    if (kb === key) copy(newer, b++);
    if (slots.length > before) {
      keys.push(key);
      starts.push(before);
    }
  }
  starts.push(slots.length);
  // The slots array is exactly the two runs' size less dead slots: no copy to trim it.
  return { keys: keys.data.slice(0, keys.length), starts: starts.data.slice(0, starts.length), slots: slots.data.subarray(0, slots.length) };
}
