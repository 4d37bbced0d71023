import type { NameToken } from '../matching/name-tokens.ts';
import type { IndexEntry } from './index-entry.ts';
import { GrowableU32 } from './growable.ts';
import { Interned } from './interned.ts';
import { TokenTable } from './token-table.ts';

const CHUNK_WORDS = 1 << 22;
const DEAD = 0x8000_0000;
const NO_GENDER = 0xff;

/**
 * The index's entries, packed: fixed columns of 32-bit words per slot (id, version, codes)
 * and the variable part (names as word numbers, dates, nationalities, identifiers, source id)
 * in chunked arenas of 32-bit words. Millions of entries as JavaScript objects would cost
 * ~2 KB each and minutes of garbage collection; packed, a person with aliases costs ~150 bytes.
 * Only the few best candidates of a query are unpacked into `IndexEntry` objects.
 *
 * Slots only grow: a new version is written to a new slot and the old one marked dead.
 */
export class EntryStore {
  readonly tokens = new TokenTable();
  private readonly schemas = new Interned(0xff);
  private readonly genders = new Interned(NO_GENDER);
  private readonly datasets = new Interned(0xffff);
  private readonly owners = new Interned(0xffff);
  private readonly countries = new Interned(0xffff_ffff);
  private readonly ids = new GrowableU32(4096);
  private readonly versions = new GrowableU32();
  /** schema (8 bits) | gender (8 bits) << 8 | dead (bit 31). */
  private readonly flags = new GrowableU32();
  /** dataset (16 bits) | owner (16 bits) << 16. */
  private readonly origin = new GrowableU32();
  private readonly chunkOf = new GrowableU32();
  private readonly offsetOf = new GrowableU32();
  private readonly chunks: Uint32Array[] = [];
  private used = CHUNK_WORDS;
  private readonly slotById = new IdTable();

  /** Slots written so far, dead ones included. */
  get slots(): number {
    return this.versions.length;
  }

  /** The live slot holding `id` (or its words, from `uuidWords`), or -1. */
  slotOf(id: string | readonly number[]): number {
    const slot = this.slotById.get(typeof id === 'string' ? uuidWords(id) : id, this.ids.data);
    return slot >= 0 && !this.isDead(slot) ? slot : -1;
  }

  isDead(slot: number): boolean {
    return ((this.flags.data[slot] ?? DEAD) & DEAD) !== 0;
  }

  kill(slot: number): void {
    this.flags.data[slot] = (this.flags.data[slot] ?? 0) | DEAD;
  }

  /** The number of the slot's dataset (see `datasetNumber`). */
  datasetOf(slot: number): number {
    return (this.origin.data[slot] ?? 0) & 0xffff;
  }

  /** The number a dataset's entries carry, or -1 when none was written. */
  datasetNumber(dataset: string): number {
    return this.datasets.has(dataset) ? this.datasets.code(dataset) : -1;
  }

  version(slot: number): number {
    return this.versions.data[slot] ?? 0;
  }

  /** Writes the entry to a new slot and returns it; the caller kills the one it replaces. */
  append(entry: IndexEntry, words: readonly number[] = uuidWords(entry.id)): number {
    const slot = this.versions.length;
    for (const w of words) this.ids.push(w);
    this.versions.push(entry.version);
    const gender = entry.gender === null ? NO_GENDER : this.genders.code(entry.gender);
    this.flags.push(this.schemas.code(entry.schema) | (gender << 8));
    this.origin.push((this.datasets.code(entry.dataset) | (this.owners.code(entry.ownerOrg) << 16)) >>> 0);
    this.writeVariable(entry);
    this.slotById.set(words, slot, this.ids.data);
    return slot;
  }

  /** Calls `visit` with the word numbers of every name of the slot's entry. */
  forEachToken(slot: number, visit: (token: number) => void): void {
    const { chunk, at } = this.locate(slot);
    let p = at;
    const names = chunk[p++] ?? 0;
    for (let n = 0; n < names; n += 1) {
      const count = chunk[p++] ?? 0;
      for (let i = 0; i < count; i += 1) visit(chunk[p++] ?? 0);
    }
  }

  /** The entry of a slot, unpacked (no closures: this runs for every candidate of every query). */
  entry(slot: number): IndexEntry {
    const { chunk, at } = this.locate(slot);
    const cursor = { chunk, p: at };
    const names: NameToken[][] = [];
    for (let n = chunk[cursor.p++] ?? 0; n > 0; n -= 1) {
      const name: NameToken[] = [];
      for (let count = chunk[cursor.p++] ?? 0; count > 0; count -= 1) name.push(this.tokens.token(chunk[cursor.p++] ?? 0));
      names.push(name);
    }
    const birthDates = readStrings(cursor);
    const nationalities: string[] = [];
    for (let count = chunk[cursor.p++] ?? 0; count > 0; count -= 1) nationalities.push(this.countries.value(chunk[cursor.p++] ?? 0));
    const identifiers = readStrings(cursor);
    const sourceId = chunk[cursor.p++] === 1 ? readString(cursor) : null;
    const flags = this.flags.data[slot] ?? 0;
    const origin = this.origin.data[slot] ?? 0;
    const gender = (flags >>> 8) & 0xff;
    return {
      id: uuidString(this.ids.data, slot),
      version: this.version(slot),
      schema: this.schemas.value(flags & 0xff),
      dataset: this.datasets.value(origin & 0xffff),
      ownerOrg: this.owners.value(origin >>> 16),
      sourceId,
      names,
      birthDates,
      nationalities,
      gender: gender === NO_GENDER ? null : this.genders.value(gender),
      identifiers,
    };
  }

  /** Bytes held by the packed columns, arenas and word table. */
  get bytes(): number {
    const columns = [this.ids, this.versions, this.flags, this.origin, this.chunkOf, this.offsetOf].reduce((sum, c) => sum + c.bytes, 0);
    return columns + this.chunks.reduce((sum, c) => sum + c.byteLength, 0) + this.slotById.bytes + this.tokens.bytes;
  }

  private writeVariable(entry: IndexEntry): void {
    // A name and its transliteration often fold to the same words (Иван Петров, Ivan Petrov): kept once, compared once.
    const names = new Map<string, number[]>();
    for (const name of entry.names) {
      const numbers = name.map((token) => this.tokens.numberOf(token));
      names.set(numbers.join(','), numbers);
    }
    const words: number[] = [names.size];
    for (const numbers of names.values()) words.push(numbers.length, ...numbers);
    writeStrings(words, entry.birthDates);
    words.push(entry.nationalities.length);
    for (const country of entry.nationalities) words.push(this.countries.code(country));
    writeStrings(words, entry.identifiers);
    if (entry.sourceId === null) words.push(0);
    else {
      words.push(1);
      writeString(words, entry.sourceId);
    }
    if (this.used + words.length > CHUNK_WORDS) {
      this.chunks.push(new Uint32Array(Math.max(CHUNK_WORDS, words.length)));
      this.used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1] as Uint32Array;
    chunk.set(words, this.used);
    this.chunkOf.push(this.chunks.length - 1);
    this.offsetOf.push(this.used);
    this.used += words.length;
  }

  private locate(slot: number): { chunk: Uint32Array; at: number } {
    const chunk = this.chunks[this.chunkOf.data[slot] ?? -1];
    if (!chunk || slot >= this.slots) throw new Error(`no index slot ${slot}`);
    return { chunk, at: this.offsetOf.data[slot] ?? 0 };
  }
}

// Strings as their UTF-16 length, then two code units a word.
function writeString(words: number[], value: string): void {
  words.push(value.length);
  for (let i = 0; i < value.length; i += 2) words.push(value.charCodeAt(i) | ((i + 1 < value.length ? value.charCodeAt(i + 1) : 0) << 16));
}

function writeStrings(words: number[], values: string[]): void {
  words.push(values.length);
  for (const value of values) writeString(words, value);
}

function readString(cursor: { chunk: Uint32Array; p: number }): string {
  const length = cursor.chunk[cursor.p++] ?? 0;
  let out = '';
  for (let i = 0; i < length; i += 2) {
    const word = cursor.chunk[cursor.p++] ?? 0;
    out += i + 1 < length ? String.fromCharCode(word & 0xffff, word >>> 16) : String.fromCharCode(word & 0xffff);
  }
  return out;
}

function readStrings(cursor: { chunk: Uint32Array; p: number }): string[] {
  const out: string[] = [];
  for (let count = cursor.chunk[cursor.p++] ?? 0; count > 0; count -= 1) out.push(readString(cursor));
  return out;
}

/** A record id as four 32-bit words (record ids are UUIDs, as the database declares them). */
export function uuidWords(id: string): [number, number, number, number] {
  const words: [number, number, number, number] = [0, 0, 0, 0];
  let digits = 0;
  for (let i = 0; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    if (c === 45 && (i === 8 || i === 13 || i === 18 || i === 23)) continue;
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (v < 0 || digits >= 32) throw new Error(`index entries need a UUID record id, got '${id}'`);
    const w = digits >>> 3;
    words[w] = (((words[w] ?? 0) << 4) | v) >>> 0;
    digits += 1;
  }
  if (digits !== 32 || id.length !== 36) throw new Error(`index entries need a UUID record id, got '${id}'`);
  return words;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function uuidString(ids: Uint32Array, slot: number): string {
  let hex = '';
  for (let i = 0; i < 4; i += 1) {
    const w = ids[slot * 4 + i] ?? 0;
    hex += `${HEX[w >>> 24]}${HEX[(w >>> 16) & 0xff]}${HEX[(w >>> 8) & 0xff]}${HEX[w & 0xff]}`;
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Record id → latest slot, open addressing over the id words kept in the id column (no key
 * copies). A JavaScript Map of millions of UUID strings would cost ~100 bytes an id.
 */
class IdTable {
  private table = new Int32Array(1 << 12).fill(-1);
  private filled = 0;

  get bytes(): number {
    return this.table.byteLength;
  }

  get(words: readonly number[], ids: Uint32Array): number {
    const mask = this.table.length - 1;
    for (let i = hashWords(words) & mask; ; i = (i + 1) & mask) {
      const slot = this.table[i] ?? -1;
      if (slot < 0 || sameId(ids, slot, words)) return slot;
    }
  }

  set(words: readonly number[], slot: number, ids: Uint32Array): void {
    if ((this.filled + 1) * 2 > this.table.length) this.grow(ids);
    const mask = this.table.length - 1;
    for (let i = hashWords(words) & mask; ; i = (i + 1) & mask) {
      const current = this.table[i] ?? -1;
      if (current < 0) this.filled += 1;
      if (current < 0 || sameId(ids, current, words)) {
        this.table[i] = slot;
        return;
      }
    }
  }

  private grow(ids: Uint32Array): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(-1);
    this.filled = 0;
    for (const slot of old) if (slot >= 0) this.set([0, 1, 2, 3].map((i) => ids[slot * 4 + i] ?? 0), slot, ids);
  }
}

const hashWords = (w: readonly number[]): number => Math.imul((w[0] ?? 0) ^ Math.imul(w[3] ?? 0, 0x9e3779b1), 0x85ebca6b) >>> 0;
const sameId = (ids: Uint32Array, slot: number, w: readonly number[]): boolean =>
  ids[slot * 4] === w[0] && ids[slot * 4 + 1] === w[1] && ids[slot * 4 + 2] === w[2] && ids[slot * 4 + 3] === w[3];
