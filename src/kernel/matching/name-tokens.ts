import { doubleMetaphone } from 'double-metaphone';
import { foldName } from '../names/latin.ts';
import { canonicalSpelling } from './name-equivalents.ts';
import { consonantSkeleton, looseSkeleton } from './skeleton.ts';

/** One word of a name, in the forms names are compared in. */
export interface NameToken {
  /** Folded Latin form: 'öztürk' → 'ozturk', 'Путин' → 'putin'. */
  folded: string;
  /** Head of its equivalence group, or the folded form with its surname ending normalised. */
  canonical: string;
  /** Consonant skeleton: where abjad transliterations meet their vowelled spellings. */
  skeleton: string;
  /** Double Metaphone primary code (Latin spelling variants: Schmidt/Schmitt). */
  phonetic: string;
  /** How much this word says about identity: particles and patronymics say less. */
  weight: number;
  /** A single letter standing for a word (J. Smith). */
  initial: boolean;
  /**
   * Transliterated from an abjad (Arabic, Persian, Urdu, Hebrew, Syriac, Thaana): its vowels are
   * missing or unreliable, so its consonant skeleton is what identifies it.
   */
  vowelless: boolean;
  /** Transliterated from any non-Latin script: romanisation schemes disagree on voicing (Pyong/Byeong). */
  transliterated: boolean;
  /** The skeleton without voicing and labial distinctions (b/p/f/v, g/k, d/t, j/c): where schemes and abjads without p or v meet. */
  loose: string;
}

// Name-specific rules, written by hand (no library knows names):
// - Arabic script: the article ال is not part of the name for matching (الحسن = Hassan = al-Hassan);
//   عبد joins the word after it (عبد الرحمن = Abdul Rahman = Abdurrahman).
const ARABIC_WORD = /^[\u0600-\u06FF\u0750-\u077F]+$/u;
function arabicWords(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    let word = words[i] ?? '';
    if (ARABIC_WORD.test(word) && word.length > 3 && word.startsWith('ال') && word !== 'الله') word = word.slice(2);
    if (word === 'عبد' && i + 1 < words.length) {
      const next = words[i + 1] ?? '';
      word = `عبد${next.startsWith('ال') ? next.slice(2) : next}`;
      i += 1;
    }
    out.push(word);
  }
  return out;
}

/** Words that join name parts (al-, bin, van, de, …): matched, but weighing little. */
const PARTICLES = new Set([
  'al', 'el', 'ul', 'ad', 'as', 'ash', 'at', 'az', 'ar', 'an', 'bin', 'ben', 'ibn', 'bint', 'binti', 'ould', 'walad',
  // the same, transliterated from Arabic script without vowels (بن, ابن, بنت)
  'bn', 'abn', 'bnt',
  // titles, which are not names (President Putin, Dr. Ibrahim, Sheikh Ahmed)
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sir', 'president', 'presidente', 'prasident', 'prezident', 'predsjednik', 'presiden', 'presedintele',
  'elnok', 'prezydent', 'sheikh', 'shaykh', 'sheik', 'imam', 'mullah', 'haji', 'hajji', 'general', 'colonel', 'minister',
  // legal forms of organisations
  'llc', 'ltd', 'limited', 'inc', 'co', 'corp', 'company', 'sa', 'sarl', 'srl', 'gmbh', 'ag', 'bv', 'nv', 'ooo', 'oao', 'zao', 'jsc', 'pjsc', 'plc', 'fze', 'fzco',
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'das', 'dos', 'du', 'la', 'le', 'lo', 'y', 'e', 'zu', 'ter', 'ten', 'mac',
]);
const FATHER_MARKERS = new Set(['bin', 'ben', 'ibn', 'bint', 'binti', 'ould', 'walad', 'bn', 'abn', 'bnt']);
const ARTICLES = new Set(['al', 'el', 'ul', 'ad', 'as', 'ash', 'at', 'az', 'ar', 'an']);
const PATRONYMIC = /(?:ovich|evich|ovych|evych|ich|ovna|evna|ivna|ogly|oglu|uly|kyzy|qizi)$/;
/** Abd- compounds written as one word or two: Abdul Rahman, Abdurrahman, Abd al-Rahman → abd+rahman. */
const ABD_PREFIX = /^(?:abdul|abdel|abdal|abdol|abdur|abdoul|abdu|abd)(?=[a-z]{3,})/;
const ABD_WORDS = new Set(['abd', 'abdul', 'abdel', 'abdal', 'abdol', 'abdu', 'abdoul', 'abdur']);

/**
 * Names repeat their words endlessly (Maria, Muhammad, Ivanov): the folding of a written word
 * and the token of a folded word are kept, so building an index of millions of names computes
 * each distinct word once and its entries share one frozen token object per word and weight.
 * Bounded: cleared when full (a rebuild of the cache costs a few seconds at most).
 */
const CACHE_LIMIT = 500_000;
const foldedCache = new Map<string, string[]>();
const tokenCache = new Map<string, NameToken>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

const ABJAD = /[\u0590-\u08FF]/u;
const NON_LATIN = /(?![\p{Script=Latin}])\p{L}/u;
/** Folded words, marked until tokenised: '~' from an abjad, '^' from another non-Latin script. */
const foldedWord = (word: string): string[] =>
  remember(foldedCache, word, () => {
    const mark = ABJAD.test(word) ? '~' : NON_LATIN.test(word) ? '^' : '';
    return foldName(word).split(' ').filter(Boolean).map((w) => mark + w);
  });
const MARK = /^[~^]/;

function latinWords(name: string): string[] {
  const words = arabicWords(name.normalize('NFC').split(/[\s\-‐‑_.,;:/()]+/u).filter(Boolean));
  const folded = words.flatMap(foldedWord);
  const out: string[] = [];
  for (let i = 0; i < folded.length; i += 1) {
    const word = folded[i] ?? '';
    const bare = word.replace(MARK, '');
    if (ABD_WORDS.has(bare) && i + 1 < folded.length) {
      if (ARTICLES.has((folded[i + 1] ?? '').replace(MARK, '')) && i + 2 < folded.length) i += 1;
      out.push(`abd${(folded[i + 1] ?? '').replace(MARK, '').replace(/^(?:al|el|ul|ar|ur|ad|as|an)(?=[a-z]{3,})/, '')}`);
      i += 1;
    } else {
      out.push(MARK.test(word) ? word : word.replace(ABD_PREFIX, 'abd'));
    }
  }
  return out;
}

function weightOf(word: string, previous: string | undefined, last: boolean): number {
  if (word.length === 1) return 0.3;
  if (PARTICLES.has(word)) return 0.15;
  if (PATRONYMIC.test(word)) return 0.5;
  // 'bin Yusuf' in the middle names the father; at the end ('bin Laden') it is the family name.
  if (previous && FATHER_MARKERS.has(previous) && !last) return 0.6;
  return 1;
}

/**
 * A name as the words it is compared by, whatever its script: folded, canonical, skeleton
 * and phonetic forms, with a weight per word.
 *
 * @example nameTokens('Abd al-Rahman bin Yusuf').map((t) => t.folded) // ['abdrahman', 'bin', 'yusuf']
 */
export function nameTokens(name: string): NameToken[] {
  return tokensOf(latinWords(name));
}

/** Tokens of words already folded (also used to re-tokenise merged words). */
export function tokensOf(words: string[]): NameToken[] {
  const bare = words.map((w) => w.replace(MARK, ''));
  return words.map((word, i) => {
    const folded = bare[i] ?? '';
    const weight = weightOf(folded, bare[i - 1], i === words.length - 1);
    return remember(tokenCache, `${weight}|${word}`, () => makeToken(folded, weight, word.charAt(0)));
  });
}

function makeToken(folded: string, weight: number, mark: string): NameToken {
  const fromAbjad = mark === '~';
  const canonical = canonicalSpelling(folded);
  return Object.freeze({
    folded,
    canonical,
    skeleton: consonantSkeleton(canonical),
    phonetic: folded.length > 1 ? doubleMetaphone(folded)[0] : folded,
    weight,
    initial: folded.length === 1,
    vowelless: folded.length > 1 && fromAbjad,
    transliterated: mark === '~' || mark === '^',
    loose: looseSkeleton(consonantSkeleton(canonical)),
  });
}
