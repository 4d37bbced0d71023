import type { NameToken } from '../matching/name-tokens.ts';
import { tokenKeys } from './index-keys.ts';
import { GrowableU32 } from './growable.ts';
import { keyHash } from './key-hash.ts';

/**
 * Every distinct name word the index holds, once: millions of names repeat a few hundred
 * thousand words (Maria, Muhammad, Ivanov), so an entry stores word numbers and the word's
 * index keys are hashed once, when it is first seen.
 */
export class TokenTable {
  private readonly numbers = new Map<string, number>();
  /** The same, by object: tokens are shared objects, so this is the usual way in (no string built). */
  private readonly numberByObject = new WeakMap<NameToken, number>();
  private readonly tokens: NameToken[] = [];
  /** Key hashes of every word, one run per word: `keysOf(n)` = keys[start[n] .. start[n] + count[n]]. */
  private readonly keys = new GrowableU32(1 << 16);
  private readonly start = new GrowableU32();
  private readonly count = new GrowableU32();

  get size(): number {
    return this.tokens.length;
  }

  /** The word's number, adding it when new. */
  numberOf(token: NameToken): number {
    const known = this.numberByObject.get(token);
    if (known !== undefined) return known;
    const id = identity(token);
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.tokens.length;
      this.tokens.push(token);
      this.numbers.set(id, n);
      const hashes = [...new Set(tokenKeys(token).map(([key]) => keyHash(key)))];
      this.start.push(this.keys.length);
      this.count.push(hashes.length);
      for (const hash of hashes) this.keys.push(hash);
    }
    this.numberByObject.set(token, n);
    return n;
  }

  token(n: number): NameToken {
    const token = this.tokens[n];
    if (!token) throw new Error(`no name word ${n} in the index`);
    return token;
  }

  /** Calls `visit` with each key hash of word `n`. */
  forEachKey(n: number, visit: (hash: number) => void): void {
    const from = this.start.data[n] ?? 0;
    const to = from + (this.count.data[n] ?? 0);
    for (let i = from; i < to; i += 1) visit(this.keys.data[i] ?? 0);
  }

  /** Approximate memory held, in bytes (the tokens' strings counted at ~100 bytes a word). */
  get bytes(): number {
    return this.keys.bytes + this.start.bytes + this.count.bytes + this.tokens.length * 160;
  }
}

/**
 * What makes two tokens the same: the folded word, its weight and what its script mark set
 * (the other forms derive from the folded word, except the loose skeleton, which the mark
 * also shapes).
 */
const identity = (t: NameToken): string =>
  `${t.weight}|${t.vowelless ? 1 : 0}${t.transliterated ? 1 : 0}${t.eastAsian ? 1 : 0}|${t.loose}|${t.folded}`;
