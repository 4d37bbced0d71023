import anyAscii from 'any-ascii';
import { hasNonLatinLetters } from './scripts.ts';

// any-ascii transliterates every script we meet; what it cannot know is that these are
// personal names. The rules below are the name-specific part, written by hand:
// - Han and Hangul come out as one run of capitalised syllables per word ("XiJinPing",
//   "GimJeongEun"); names are written family name first, one syllable, then the given name
//   as one word: "Xi Jinping", "Gim Jeongeun". Chinese and Korean names have two to four
//   syllables: a longer word is a foreign name written in syllables (블라디미르 Vladimir,
//   弗拉基米尔), kept as one word.
// - Words are title-cased, so "mhmd bn slmn" reads as a name: "Mhmd Bn Slmn".
const SYLLABLE_RUN = /^(?:[A-Z][a-z]*){2,4}$/;
const LONG_SYLLABLE_RUN = /^(?:[A-Z][a-z]*){5,}$/;
const CJK_WORD = /[\p{Script=Han}\p{Script=Hangul}]/u;

function cjkName(latin: string): string {
  const syllables = latin.match(/[A-Z][a-z]*/g) ?? [latin];
  const [family, ...given] = syllables;
  if (!family || given.length === 0) return latin;
  const givenName = given.join('').toLowerCase();
  return `${family} ${givenName.charAt(0).toUpperCase()}${givenName.slice(1)}`;
}

const titleCase = (word: string) => word.replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());

function wordToLatin(word: string): string {
  if (!hasNonLatinLetters(word)) return word;
  const latin = anyAscii(word);
  if (CJK_WORD.test(word) && SYLLABLE_RUN.test(latin)) return cjkName(latin);
  if (CJK_WORD.test(word) && LONG_SYLLABLE_RUN.test(latin)) return `${latin.charAt(0)}${latin.slice(1).toLowerCase()}`;
  return titleCase(latin);
}

/**
 * A readable Latin rendering of a name, for display beside the original script. Latin
 * words stay as written (accents included); other scripts are transliterated.
 *
 * @example toLatin('Владимир Путин') // 'Vladimir Putin'
 * @example toLatin('习近平') // 'Xi Jinping'
 */
export function toLatin(name: string): string {
  return name
    .normalize('NFC')
    .split(/\s+/)
    .filter((word) => word !== '')
    .map(wordToLatin)
    .join(' ');
}

/**
 * The form names are compared in: Latin letters only, no diacritics, lower case, words
 * separated by one space. Scripts, accents and punctuation no longer matter.
 *
 * @example foldName('  Ğül-Şen  ÖZTÜRK ') // 'gul sen ozturk'
 */
export function foldName(name: string): string {
  return anyAscii(toLatin(name))
    .toLowerCase()
    .replace(/['’`ʼʻ]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
