import { canonicalSpelling } from '../matching/name-equivalents.ts';
import { isSubstantial, type NameToken } from '../matching/name-tokens.ts';
import { consonantSkeleton, looseSkeleton } from '../matching/skeleton.ts';

/**
 * OCR and reading confusions collapse to one character (O/Q/D→0, I/L→1, Z→2, S→5, G→6, B→8),
 * so a misread document, plate or serial number still finds its record.
 */
export const identifierKey = (id: string): string =>
  id.replace(/[OQD]/g, '0').replace(/[IL]/g, '1').replace(/Z/g, '2').replace(/S/g, '5').replace(/G/g, '6').replace(/B/g, '8');

/** The keys of one name word with how much a shared key says (folded form most, skeleton least). */
export function tokenKeys(token: NameToken): [string, number][] {
  if (!isSubstantial(token)) return [];
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
    if (!isSubstantial(a) || !isSubstantial(b)) continue;
    const skeleton = `${a.skeleton}${b.skeleton}`;
    if (skeleton.length >= 4) keys.push([`k:${skeleton}`, 0.6]);
    const loose = `${a.loose}${b.loose}`.replace(/r/g, 'l');
    if (loose.length >= 4) keys.push([`l:${loose}`, 0.45]);
  }
  return keys;
}

/** Words of one name paired with each other (a long organisation name would make too many pairs). */
const MAX_PAIRED_WORDS = 6;
const loosePart = (t: NameToken) => (t.loose ? t.loose.replace(/r/g, 'l') : t.canonical);
const ordered = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Neighbouring words this short are also paired as one word: syllables of East Asian names (Li Wei, Liwei). */
const JOINED_PART_MAX = 4;

/**
 * Keys of two words of one name together, in either order and however far apart (Maria Garcia
 * Lopez: maria+garcia, maria+lopez, garcia+lopez), as canonical spellings (`p:`) and as loose
 * skeletons (`q:`, where transliterations meet). Two short neighbouring words also count as
 * one (马 立伟, Ma LiWei: ma+liwei), canonically, on both sides. A name matched on two words
 * or more is what the scorer calls a match (compare-names.ts); namesakes of one common word
 * are not, and these keys let a query of common words find the holders of two of them without
 * reading every holder of each (see NameIndex.candidates).
 */
export function wordPairKeys(tokens: readonly NameToken[]): [string, number][] {
  const words = tokens.filter(isSubstantial).slice(0, MAX_PAIRED_WORDS);
  const keys: [string, number][] = [];
  for (let i = 0; i < words.length; i += 1) {
    for (let j = i + 1; j < words.length; j += 1) {
      const a = words[i] as NameToken;
      const b = words[j] as NameToken;
      keys.push([`p:${ordered(a.canonical, b.canonical)}`, 1.2], [`q:${ordered(loosePart(a), loosePart(b))}`, 1]);
    }
  }
  for (let i = 0; i + 1 < words.length; i += 1) {
    const a = words[i] as NameToken;
    const b = words[i + 1] as NameToken;
    if (a.folded.length > JOINED_PART_MAX || b.folded.length > JOINED_PART_MAX) continue;
    const joined = canonicalSpelling(`${a.folded}${b.folded}`);
    // As a word of its own would have it (name-tokens.ts), so that it meets one.
    const joinedLoose = looseSkeleton(consonantSkeleton(joined.replace(/zh/g, 'j'))).replace(/r/g, 'l') || joined;
    words.forEach((other, k) => {
      if (k !== i && k !== i + 1) keys.push([`p:${ordered(joined, other.canonical)}`, 1.2], [`q:${ordered(joinedLoose, loosePart(other))}`, 1]);
    });
  }
  return keys;
}

/**
 * Keys of a name with one strong word only (a mononym, or a surname with initials: Suharto,
 * J. Smith): such a name matched on that word is a match when a birth date or nationality
 * agrees, so a query of several words must find it without the word's pair keys.
 */
export function singleWordKeys(tokens: readonly NameToken[]): [string, number][] {
  const words = tokens.filter(isSubstantial);
  return words.length === 1 ? singleWordQueryKeys(words[0] as NameToken) : [];
}

/** The keys a query word looks up among single-word names, which are also those names' keys (see `singleWordKeys`). */
export function singleWordQueryKeys(token: NameToken): [string, number][] {
  return isSubstantial(token) ? [[`s:${token.canonical}`, 1], [`sl:${loosePart(token)}`, 0.8]] : [];
}
