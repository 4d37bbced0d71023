/**
 * 32-bit FNV-1a over a string's UTF-16 code units: the index keeps key hashes, not key
 * strings (millions of strings would cost gigabytes). Two keys sharing a hash only merge
 * their postings: a few extra candidates, which scoring then rejects. Written by hand: a
 * dependency for eight lines that must run tens of millions of times a build is not worth it.
 *
 * @example keyHash('f:putin') // 2921617409
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
