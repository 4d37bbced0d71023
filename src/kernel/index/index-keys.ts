import type { NameToken } from '../matching/name-tokens.ts';

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

/**
 * Keys of two neighbouring words read as one, on both sides: a record's `Pyong Chol` meets the
 * query's `Byeongcheol`, the query's `نصر الله` (Nasr Allah) the record's `Nasrallah`. Their
 * consonant skeletons are written side by side, so no new word is made (a million names would
 * make a million); the joined skeleton is the keys' space a single word's `k:` and `l:` keys
 * live in, which is where the two meet.
 */
export function pairKeys(tokens: readonly NameToken[]): [string, number][] {
  const keys: [string, number][] = [];
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const a = tokens[i] as NameToken;
    const b = tokens[i + 1] as NameToken;
    if (a.initial || b.initial || a.weight < 0.5 || b.weight < 0.5) continue;
    const skeleton = `${a.skeleton}${b.skeleton}`;
    if (skeleton.length >= 4) keys.push([`k:${skeleton}`, 0.6]);
    const loose = `${a.loose}${b.loose}`.replace(/r/g, 'l');
    if (loose.length >= 4) keys.push([`l:${loose}`, 0.45]);
  }
  return keys;
}
