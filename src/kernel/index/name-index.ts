import type { NameToken } from '../matching/name-tokens.ts';
import { entryKeys, identifierKey, tokenKeys } from './index-keys.ts';
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
