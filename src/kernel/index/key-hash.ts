/** FNV-1a's starting state: `continueHash(FNV_OFFSET, key) >>> 0` is `keyHash(key)`. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * 32-bit FNV-1a over a string's UTF-16 code units: the index keeps key hashes, not key
 * strings (millions of strings would cost gigabytes). Two keys sharing a hash only merge
 * their postings: a few extra candidates, which scoring then rejects. Written by hand: a
 * dependency for eight lines that must run tens of millions of times a build is not worth it.
 *
 * @example keyHash('f:putin') // 2921617409
 */
export function keyHash(key: string): number {
  return continueHash(FNV_OFFSET, key) >>> 0;
}

/**
 * The FNV-1a state after `text`, from `state`: a key's hash computed in parts (a word's
 * prefix once, its neighbour's letters each time), with no joined string made.
 */
export function continueHash(state: number, text: string): number {
  let hash = state;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}
