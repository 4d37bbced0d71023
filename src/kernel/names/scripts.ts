/**
 * Which writing systems a text uses, from Unicode script properties (the regex engine
 * knows them; no table of ours to maintain).
 */
export const SCRIPTS = [
  'Latin', 'Arabic', 'Cyrillic', 'Greek', 'Hebrew', 'Han', 'Hiragana', 'Katakana', 'Hangul',
  'Georgian', 'Armenian', 'Devanagari', 'Bengali', 'Thai', 'Ethiopic', 'Tamil', 'Syriac', 'Thaana',
] as const;
export type Script = (typeof SCRIPTS)[number] | 'Other';

const SCRIPT_PATTERNS: [Script, RegExp][] = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')]);
const LETTER = /\p{L}/gu;

/**
 * The scripts of the letters in `text`, most letters first.
 *
 * @example scriptsOf('Ali علي') // ['Arabic', 'Latin']
 */
export function scriptsOf(text: string): Script[] {
  const counts = new Map<Script, number>();
  for (const [letter] of text.matchAll(LETTER)) {
    const script = SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(letter))?.[0] ?? 'Other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
}

const NON_LATIN_LETTER = /(?![\p{Script=Latin}])\p{L}/u;

/** True when some letter of `text` is not Latin: it needs a transliteration to be read by all. */
export const hasNonLatinLetters = (text: string): boolean => NON_LATIN_LETTER.test(text);
