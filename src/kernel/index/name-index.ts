import type { NameToken } from '../matching/name-tokens.ts';
import type { IndexEntry } from './index-entry.ts';

/**
 * The in-memory name and identifier index (screening, fuzzy record search, cross-checking): from name-word keys and identifier keys to the entries
 * holding them. Recall first: a query word finds entries by its folded form, its canonical
 * spelling, its consonant skeleton, and the skeleton with one consonant left out (one typing
 * or OCR error in a consonant); vowels never matter. Scoring happens afterwards, on the few
 * best candidates (by the capability asking: screening/scoring.ts, record search).
 *
 * Updated one entry at a time (a new version replaces the old slot), so one new record never
 * needs a rebuild. Every process holds its own copy, fed from the database (index-sync.ts).
 */
export class NameIndex {
  private readonly slots: (IndexEntry | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private live = 0;

  get size(): number {
    return this.live;
  }

  get(id: string): IndexEntry | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.slots[slot];
  }

  /** Adds the entry, or replaces an older version of it; ignores one that is not newer. */
  upsert(entry: IndexEntry): void {
    const current = this.get(entry.id);
    if (current && current.version >= entry.version) return;
    if (current) this.remove(entry.id);
    const slot = this.slots.length;
    this.slots.push(entry);
    this.slotOf.set(entry.id, slot);
    this.live += 1;
    for (const key of entryKeys(entry)) {
      const list = this.postings.get(key);
      if (list) list.push(slot);
      else this.postings.set(key, [slot]);
    }
  }

  /** Forgets the entry (a cancelled record). Its postings point to an empty slot until they are next read. */
  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slots[slot] = undefined;
    this.slotOf.delete(id);
    this.live -= 1;
  }

  /**
   * The entries sharing the most telling keys with the query, best first: each key weighs by
   * its rarity (a word held by half the index says little), so common names neither flood nor
   * hide the candidates.
   */
  candidates(query: { names: NameToken[][]; identifiers: string[] }, limit = 100): IndexEntry[] {
    const weights = new Map<number, number>();
    const total = Math.max(1, this.live);
    const add = (key: string, weight: number) => {
      const list = this.postings.get(key);
      if (!list) return;
      const rarity = Math.log(1 + total / list.length);
      for (const slot of list) weights.set(slot, (weights.get(slot) ?? 0) + weight * rarity);
    };
    for (const id of query.identifiers) add(`i:${identifierKey(id)}`, 10);
    const nameKeys = new Map<string, number>();
    for (const tokens of query.names) for (const token of tokens) for (const [key, weight] of tokenKeys(token)) nameKeys.set(key, Math.max(nameKeys.get(key) ?? 0, weight));
    for (const [key, weight] of nameKeys) add(key, weight);
    return [...weights.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit * 2)
      .map(([slot]) => this.slots[slot])
      .filter((e): e is IndexEntry => e !== undefined)
      .slice(0, limit);
  }
}

/**
 * OCR and reading confusions collapse to one character (O/Q/D→0, I/L→1, Z→2, S→5, G→6, B→8),
 * so a misread document, plate or serial number still finds its record.
 */
export const identifierKey = (id: string): string =>
  id.replace(/[OQD]/g, '0').replace(/[IL]/g, '1').replace(/Z/g, '2').replace(/S/g, '5').replace(/G/g, '6').replace(/B/g, '8');

/** The keys of one name word with how much a shared key says (folded form most, skeleton least). */
export function tokenKeys(token: NameToken): [string, number][] {
  if (token.initial || token.weight < 0.5) return [];
  const keys: [string, number][] = [[`f:${token.folded}`, 1]];
  if (token.canonical !== token.folded) keys.push([`c:${token.canonical}`, 0.9]);
  if (token.skeleton.length >= 2) keys.push([`k:${token.skeleton}`, 0.8]);
  if (token.loose.length >= 2) keys.push([`l:${token.loose}`, 0.6]);
  // The skeleton and its one-deletion variants share one key space: two skeletons one
  // consonant apart (inserted, dropped or replaced) always share a key.
  if (token.skeleton.length >= 3) {
    keys.push([`d:${token.skeleton}`, 0.4]);
    for (let i = 0; i < token.skeleton.length; i += 1) keys.push([`d:${token.skeleton.slice(0, i)}${token.skeleton.slice(i + 1)}`, 0.4]);
  }
  return keys;
}

function entryKeys(entry: IndexEntry): Set<string> {
  const keys = new Set<string>();
  for (const tokens of entry.names) for (const token of tokens) for (const [key] of tokenKeys(token)) keys.add(key);
  for (const id of entry.identifiers) keys.add(`i:${identifierKey(id)}`);
  return keys;
}
