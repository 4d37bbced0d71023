import type { NameToken } from '../matching/name-tokens.ts';
import type { IndexEntry } from './index-entry.ts';

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
  // r and l merged too: Korean and Japanese write them with one letter (블라디미르 is Vladimir).
  if (token.loose.length >= 2) keys.push([`l:${token.loose.replace(/r/g, 'l')}`, 0.6]);
  // The skeleton and its one-deletion variants share one key space: two skeletons one
  // consonant apart (inserted, dropped or replaced) always share a key.
  if (token.skeleton.length >= 3) {
    keys.push([`d:${token.skeleton}`, 0.4]);
    for (let i = 0; i < token.skeleton.length; i += 1) keys.push([`d:${token.skeleton.slice(0, i)}${token.skeleton.slice(i + 1)}`, 0.4]);
  }
  return keys;
}

export function entryKeys(entry: IndexEntry): Set<string> {
  const keys = new Set<string>();
  for (const tokens of entry.names) for (const token of tokens) for (const [key] of tokenKeys(token)) keys.add(key);
  for (const id of entry.identifiers) keys.add(`i:${identifierKey(id)}`);
  return keys;
}
