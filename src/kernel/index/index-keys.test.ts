import { describe, expect, it } from 'vitest';
import { nameTokens } from '../matching/name-tokens.ts';
import { forEachNeighbourKey, forEachWordPairKey, identifierKey, identifierKeyHash, tokenKeys } from './index-keys.ts';
import { keyHash } from './key-hash.ts';

const hashesOf = (visit: (tokens: ReturnType<typeof nameTokens>, add: (hash: number) => void) => void, name: string) => {
  const hashes: number[] = [];
  visit(nameTokens(name), (hash) => hashes.push(hash));
  return hashes;
};

describe('index keys computed as hashes', () => {
  it('hashes an identifier as the key of its look-alike folding, which the scorer compares by', () => {
    for (const id of ['AB1234567', 'O0IL1SZ5GB8Q', 'X9Y8Z7', 'ÉTÉ42']) expect(identifierKeyHash(id)).toBe(keyHash(`i:${identifierKey(id)}`));
    expect(identifierKeyHash('A8I234567')).toBe(identifierKeyHash('AB1234567'));
    expect(identifierKeyHash('AB1234568')).not.toBe(identifierKeyHash('AB1234567'));
  });

  it('keys two neighbouring words as the one word they are written as elsewhere (نصر الله, Nasrallah)', () => {
    const wordKeys = nameTokens('Nasrallah').flatMap(tokenKeys).map(([key]) => keyHash(key));
    expect(hashesOf(forEachNeighbourKey, 'Nasr Allah').some((hash) => wordKeys.includes(hash))).toBe(true);
    expect(hashesOf(forEachNeighbourKey, 'Nasr Obeid').some((hash) => wordKeys.includes(hash))).toBe(false);
  });

  it('keys a pair of words the same in either order, and other pairs apart', () => {
    const pairs = (name: string) => new Set(hashesOf(forEachWordPairKey, name));
    expect(pairs('Maria Garcia')).toEqual(pairs('GARCIA Maria'));
    expect([...pairs('Maria Lopez')].some((hash) => pairs('Maria Garcia').has(hash))).toBe(false);
    // Three words make three pairs, each as spellings and as loose skeletons.
    expect(pairs('Maria Garcia Lopez').size).toBe(6);
  });
});
