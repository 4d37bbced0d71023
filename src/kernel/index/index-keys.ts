import { canonicalSpelling } from '../matching/name-equivalents.ts';
import { isSubstantial, type NameToken } from '../matching/name-tokens.ts';
import { consonantSkeleton, looseSkeleton } from '../matching/skeleton.ts';
import { continueHash, FNV_OFFSET, keyHash } from './key-hash.ts';

/** Receives one key of a name, as the index holds it (its hash), with how much sharing it says. */
export type KeyVisitor = (hash: number, weight: number) => void;

/**
 * OCR and reading confusions collapse to one character (O/Q/D→0, I/L→1, Z→2, S→5, G→6, B→8),
 * so a misread document, plate or serial number still finds its record.
 */
const LOOK_ALIKE: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8' };

export const identifierKey = (id: string): string => id.replace(/[OQDILZSGB]/g, (c) => LOOK_ALIKE[c] ?? c);

const LOOK_ALIKE_CODES = new Int32Array(128).fill(-1);
for (const [from, to] of Object.entries(LOOK_ALIKE)) LOOK_ALIKE_CODES[from.charCodeAt(0)] = to.charCodeAt(0);

/**
 * The hash of an identifier's key, `i:` and its `identifierKey`, computed as it is read: ten
 * million documents in a build would otherwise make six strings each.
 */
export function identifierKeyHash(id: string): number {
  let hash = continueHash(FNV_OFFSET, 'i:');
  for (let i = 0; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    const folded = c < 128 ? (LOOK_ALIKE_CODES[c] as number) : -1;
    hash = Math.imul(hash ^ (folded < 0 ? c : folded), 0x01000193);
  }
  return hash >>> 0;
}

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

/** Words of one name paired with each other (a long organisation name would make too many pairs). */
const MAX_PAIRED_WORDS = 6;
/** Neighbouring words this short are also paired as one word: syllables of East Asian names (Li Wei, Liwei). */
const JOINED_PART_MAX = 4;
const CANONICAL_PAIR = 0x7031;
const LOOSE_PAIR = 0x7132;

/** What a word contributes to the keys it shares with its neighbours and partners, computed once per word. */
interface WordParts {
  substantial: boolean;
  /** Short enough to be a syllable of a name written in parts (Li Wei, Liwei). */
  short: boolean;
  canonical: number;
  loose: number;
  /** FNV states after `k:` + skeleton and `l:` + loose skeleton (r as l): a neighbour's letters carry them on. */
  skeletonState: number;
  looseState: number;
  skeleton: string;
  looseL: string;
  /** Keys a single-word name holds, and a query word looks up (`s:`, `sl:`). */
  single: number;
  singleLoose: number;
}

const loosePart = (t: NameToken) => (t.loose ? t.loose.replace(/r/g, 'l') : t.canonical);
/** Tokens are shared, frozen objects (name-tokens.ts): their parts are kept beside them. */
const partsByToken = new WeakMap<NameToken, WordParts>();

function partsOf(token: NameToken): WordParts {
  let parts = partsByToken.get(token);
  if (!parts) {
    const looseL = token.loose.replace(/r/g, 'l');
    parts = {
      substantial: isSubstantial(token),
      short: token.folded.length <= JOINED_PART_MAX,
      canonical: keyHash(token.canonical),
      loose: keyHash(loosePart(token)),
      skeletonState: continueHash(FNV_OFFSET, `k:${token.skeleton}`),
      looseState: continueHash(FNV_OFFSET, `l:${looseL}`),
      skeleton: token.skeleton,
      looseL,
      single: keyHash(`s:${token.canonical}`),
      singleLoose: keyHash(`sl:${loosePart(token)}`),
    };
    partsByToken.set(token, parts);
  }
  return parts;
}

/**
 * Keys of two neighbouring words read as one, on both sides: a record's `Pyong Chol` meets the
 * query's `Byeongcheol`, the query's `نصر الله` (Nasr Allah) the record's `Nasrallah`. Their
 * consonant skeletons are written side by side, so no new word is made (a million names would
 * make a million); the joined skeleton is the keys' space a single word's `k:` and `l:` keys
 * live in, which is where the two meet.
 */
export function forEachNeighbourKey(tokens: readonly NameToken[], visit: KeyVisitor): void {
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const a = partsOf(tokens[i] as NameToken);
    const b = partsOf(tokens[i + 1] as NameToken);
    if (!a.substantial || !b.substantial) continue;
    if (a.skeleton.length + b.skeleton.length >= 4) visit(continueHash(a.skeletonState, b.skeleton) >>> 0, 0.6);
    if (a.looseL.length + b.looseL.length >= 4) visit(continueHash(a.looseState, b.looseL) >>> 0, 0.45);
  }
}

/**
 * One key for two words, whichever comes first: the two words' hashes mixed (a MurmurHash3
 * finaliser), so no key string is made for any of a name's pairs.
 */
function pairHash(kind: number, a: number, b: number): number {
  let h = Math.imul((a < b ? a : b) ^ kind, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h ^ (a < b ? b : a), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const JOINED_MEMO_LIMIT = 200_000;
const joinedMemo = new Map<string, { canonical: number; loose: number }>();

/** Two short neighbouring words as one (马 立伟, Ma LiWei: li + wei = liwei), as a word of its own would be keyed (name-tokens.ts). */
function joinedParts(a: NameToken, b: NameToken): { canonical: number; loose: number } {
  const memoKey = `${a.folded}|${b.folded}`;
  let joined = joinedMemo.get(memoKey);
  if (!joined) {
    const canonical = canonicalSpelling(`${a.folded}${b.folded}`);
    const loose = looseSkeleton(consonantSkeleton(canonical.replace(/zh/g, 'j'))).replace(/r/g, 'l') || canonical;
    if (joinedMemo.size >= JOINED_MEMO_LIMIT) joinedMemo.clear();
    joined = { canonical: keyHash(canonical), loose: keyHash(loose) };
    joinedMemo.set(memoKey, joined);
  }
  return joined;
}

/**
 * Keys of two words of one name together, in either order and however far apart (Maria Garcia
 * Lopez: maria+garcia, maria+lopez, garcia+lopez), as canonical spellings (weight 1.2) and as
 * loose skeletons (1.0, where transliterations meet). Two short neighbouring words also count as
 * one (马 立伟, Ma LiWei: ma+liwei), canonically, on both sides. A name matched on two words
 * or more is what the scorer calls a match (compare-names.ts); namesakes of one common word
 * are not, and these keys let a query of common words find the holders of two of them without
 * reading every holder of each (see NameIndex.candidates).
 */
export function forEachWordPairKey(tokens: readonly NameToken[], visit: KeyVisitor): void {
  const words: NameToken[] = [];
  for (const token of tokens) if (words.length < MAX_PAIRED_WORDS && partsOf(token).substantial) words.push(token);
  for (let i = 0; i < words.length; i += 1) {
    const a = partsOf(words[i] as NameToken);
    for (let j = i + 1; j < words.length; j += 1) {
      const b = partsOf(words[j] as NameToken);
      visit(pairHash(CANONICAL_PAIR, a.canonical, b.canonical), 1.2);
      visit(pairHash(LOOSE_PAIR, a.loose, b.loose), 1);
    }
  }
  for (let i = 0; i + 1 < words.length; i += 1) {
    const a = words[i] as NameToken;
    const b = words[i + 1] as NameToken;
    if (!partsOf(a).short || !partsOf(b).short) continue;
    const joined = joinedParts(a, b);
    for (let k = 0; k < words.length; k += 1) {
      if (k === i || k === i + 1) continue;
      const other = partsOf(words[k] as NameToken);
      visit(pairHash(CANONICAL_PAIR, joined.canonical, other.canonical), 1.2);
      visit(pairHash(LOOSE_PAIR, joined.loose, other.loose), 1);
    }
  }
}

/**
 * Keys of a name with one strong word only (a mononym, or a surname with initials: Suharto,
 * J. Smith): such a name matched on that word is a match when a birth date or nationality
 * agrees, so a query of several words must find it without the word's pair keys.
 */
export function forEachSingleWordKey(tokens: readonly NameToken[], visit: KeyVisitor): void {
  let only: NameToken | null = null;
  for (const token of tokens) {
    if (!partsOf(token).substantial) continue;
    if (only) return;
    only = token;
  }
  if (only) forEachSingleWordQueryKey(only, visit);
}

/** The keys a query word looks up among single-word names, which are also those names' keys (see `forEachSingleWordKey`). */
export function forEachSingleWordQueryKey(token: NameToken, visit: KeyVisitor): void {
  const parts = partsOf(token);
  if (!parts.substantial) return;
  visit(parts.single, 1);
  visit(parts.singleLoose, 0.8);
}
