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
  /** Transliterated from Hangul or kana, which write foreign names in their own syllables (r for l, chi for ti). */
  eastAsian: boolean;
  /** The skeleton without voicing and labial distinctions (b/p/f/v, g/k, d/t, j/c): where schemes and abjads without p or v meet. */
  loose: string;
}

// Name-specific rules for Arabic-script words, written by hand (any-ascii transliterates
// letter by letter and knows neither names nor Persian pronunciation):
// - the article ال is not part of the name for matching (الحسن = Hassan = al-Hassan);
//   عبد joins the word after it, written apart or together (عبد الرحمن, عبدالرحمن = Abdul Rahman
//   = Abdurrahman → abd+rahman);
// - a word-initial alef or ayn before و or ي carries the vowel Latin spellings begin with
//   (عوض Awad, أيمن Ayman, عيسى Issa): any-ascii drops it, and the و/ي would then read as a
//   leading consonant (wd, ymn) where the Latin has a vowel;
// - Arabic script has no /tʃ/ and writes it تش (فلاديميروفيتش, Vladimirovich): it is a ch;
// - the Persian silent he before a zero-width non-joiner writes the vowel e (خامنه‌ای Khamenei,
//   اژه‌ای Ejei), not an h;
// - in a Persian name (one using the Persian letters پ چ ژ گ ی ک, as Persian keyboards do) the
//   Arabic letters ض ظ ذ are said z and ث ص s (رضا Reza, فضلی Fazli), and ژ is written zh or j
//   (Ejei, Bijan): it becomes j, which the loose skeleton meets zh with.
const ARABIC_WORD = /^[\u0600-\u06FF\u0750-\u077F]+$/u;
const PERSIAN_LETTERS = /[\u067E\u0686\u0698\u06AF\u06CC\u06A9]/u;
const PERSIAN_SOUNDS: Record<string, string> = { ض: 'ز', ظ: 'ز', ذ: 'ز', ث: 'س', ص: 'س', ژ: 'ج' };
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F]/u;

function spokenArabic(word: string, persian: boolean): string {
  if (!ARABIC_SCRIPT.test(word)) return word;
  let w = word.replace(/ه\u200C/g, '').replace(/تش/g, 'چ').replace(/^[اأإآع](?=[وي])/, 'a');
  if (persian) w = w.replace(/[ضظذثصژ]/g, (c) => PERSIAN_SOUNDS[c] ?? c);
  return w;
}

function arabicWords(raw: string[]): string[] {
  const persian = raw.some((w) => PERSIAN_LETTERS.test(w));
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    let word = raw[i] ?? '';
    if (ARABIC_WORD.test(word) && word.length > 3 && word.startsWith('ال') && word !== 'الله') word = word.slice(2);
    if (word.length > 5 && word.startsWith('عبدال')) word = `عبد${word.slice(5)}`;
    if (word === 'عبد' && i + 1 < raw.length) {
      const next = raw[i + 1] ?? '';
      word = `عبد${next.startsWith('ال') ? next.slice(2) : next}`;
      i += 1;
    }
    out.push(spokenArabic(word, persian));
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
  'llc', 'ltd', 'limited', 'cv', 'rl', 'spa', 'sl', 'sas', 'kg', 'inc', 'co', 'corp', 'company', 'sa', 'sarl', 'srl', 'gmbh', 'ag', 'bv', 'nv', 'ooo', 'oao', 'zao', 'jsc', 'pjsc', 'plc', 'fze', 'fzco',
  // generations (father and son share a name; the suffix tells them apart, see GENERATIONS)
  'jr', 'junior', 'sr', 'senior', 'ii', 'iii', 'iv',
  // the kunya marker 'father of' (أبو): part of a name, like bin, but not a name by itself
  'abu', 'abou', 'abw', 'bw',
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'das', 'dos', 'du', 'la', 'le', 'lo', 'y', 'e', 'zu', 'ter', 'ten', 'mac',
]);
const FATHER_MARKERS = new Set(['bin', 'ben', 'ibn', 'bint', 'binti', 'ould', 'walad', 'bn', 'abn', 'bnt']);
const ARTICLES = new Set(['al', 'el', 'ul', 'ad', 'as', 'ash', 'at', 'az', 'ar', 'an']);
// -ich as German (-owitsch), Dutch (-owitsj), French (-ovitch) and Scandinavian (-ovitj) write it;
// -ych also as Arabic script writes it (ـوفيتش, after تش → ch).
const PATRONYMIC = /(?:ovich|evich|ovych|evych|ich|ych|ovna|evna|ivna|ogly|oglu|uly|kyzy|qizi|[oe][vwf](?:itsch|itsj|itch|itj))$/;
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
/** By weight, then by marked word: a key string built per word would be hashed anew each time. */
const tokenCache = new Map<number, Map<string, NameToken>>();

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
const KANA_HANGUL = /[\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const NON_LATIN = /(?![\p{Script=Latin}])\p{L}/u;
/**
 * Folded words, marked until tokenised: '~' from an abjad, '*' from Hangul or kana, '%' from Han
 * (pinyin, a precise scheme: zh is not j), '^' from another non-Latin script.
 */
const foldedWord = (word: string): string[] =>
  remember(foldedCache, word, () => {
    const mark = ABJAD.test(word) ? '~' : KANA_HANGUL.test(word) ? '*' : HAN.test(word) ? '%' : NON_LATIN.test(word) ? '^' : '';
    return foldName(word).split(' ').filter(Boolean).map((w) => mark + w);
  });
const MARK = /^[~^*%]/;

/** A word that carries a name: not an initial, a particle, a title or a legal form (a patronymic does). */
export const isSubstantial = (t: NameToken): boolean => !t.initial && t.weight >= 0.5;
/**
 * A word that is a name in full, not a patronymic or a father's name: one left without a
 * counterpart tells of another person (compare-names.ts), and a query with two of them is found
 * by its word pairs (NameIndex.candidates).
 */
export const isFullName = (t: NameToken): boolean => !t.initial && t.weight >= 0.9;

/** Generational suffixes, one spelling each: Jr/Junior, Sr/Senior, II, III, IV. */
const GENERATIONS: Record<string, string> = { jr: 'jr', junior: 'jr', sr: 'sr', senior: 'sr', ii: 'ii', iii: 'iii', iv: 'iv' };

/**
 * The generation a name states (Jr, Sr, III), if any: father and son share their names, and
 * this is what tells them apart.
 *
 * @example generationOf(nameTokens('David Dobbins Jr')) // 'jr'
 */
export function generationOf(tokens: NameToken[]): string | undefined {
  for (const t of tokens) {
    const g = t.weight < 0.5 ? GENERATIONS[t.folded] : undefined;
    if (g) return g;
  }
  return undefined;
}

/**
 * Letters written with dots (S.A., L.L.C., B.V.) are one legal form, not initials: joined when
 * they spell one (N.S. stays two initials). Hand-written: the word list is ours.
 */
const DOTTED = /(?<!\p{L})\p{L}(?:\.\p{L})+\.?(?!\p{L})/gu;
const joinLegalForms = (name: string) =>
  name.includes('.') ? name.replace(DOTTED, (m) => { const joined = m.replace(/\./g, ''); return PARTICLES.has(joined.toLowerCase()) ? joined : m; }) : name;

function latinWords(name: string): string[] {
  const words = arabicWords(joinLegalForms(name.normalize('NFC')).split(/[\s\-‐‑_.,;:/()]+/u).filter(Boolean));
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
    let byWord = tokenCache.get(weight);
    if (!byWord) tokenCache.set(weight, (byWord = new Map<string, NameToken>()));
    return remember(byWord, word, () => makeToken(folded, weight, word.charAt(0)));
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
    transliterated: mark === '~' || mark === '^' || mark === '*' || mark === '%',
    eastAsian: mark === '*',
    // Latin zh is one sound (Zhukov, Joukov; Persian ژ: Ezhei, Ejei); from an abjad it is ز + ه
    // (Zahra), and in pinyin a sound of its own (Zheng is not Jeng).
    loose: looseSkeleton(consonantSkeleton(fromAbjad || mark === '%' ? canonical : canonical.replace(/zh/g, 'j'))),
  });
}
