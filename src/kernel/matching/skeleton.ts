/**
 * Consonant skeletons: the key under which spellings of one name from different scripts and
 * romanisation schemes meet. Written by hand because the phonetic libraries (Soundex,
 * Metaphone) assume English spelling with its vowels, while transliterations of abjads
 * (Arabic, Persian, Urdu, Hebrew) arrive without them: محمد gives 'mhmd', Muhammad must
 * meet it; حسين gives 'hsyn', Hussein must meet it.
 *
 * Rules, applied to a folded Latin token (a–z only):
 * - digraphs become one letter: sch/sh → s, kh → h, gh → g, ph → f, th → t, dh → d,
 *   zh/dj → j, ch → c, ck/q/c → k, x → ks, z → s, a final -ff → v (Ivanoff/Ivanov);
 * - vowels go; y and w go except at the start (they write long vowels in abjads);
 * - a final h goes (ta marbuta, silent h: Osama/أسامة 'smh', Abdallah/عبدالله);
 * - doubled letters collapse (Mohammed/Muhamad).
 */
const DIGRAPHS: [RegExp, string][] = [
  [/sch/g, 's'], [/sh/g, 's'], [/kh/g, 'h'], [/gh/g, 'g'], [/ph/g, 'f'], [/th/g, 't'], [/dh/g, 'd'],
  [/zh/g, 'j'], [/dj/g, 'j'], [/ch/g, 'C'], [/ck/g, 'k'], [/ff$/g, 'v'], [/q/g, 'k'], [/c/g, 'k'], [/x/g, 'ks'], [/z/g, 's'],
];

export function consonantSkeleton(token: string): string {
  let s = token;
  for (const [pattern, replacement] of DIGRAPHS) s = s.replace(pattern, replacement);
  s = s.toLowerCase();
  const first = s.charAt(0);
  let rest = s.slice(1).replace(/[aeiouyw]/g, '');
  rest = rest.replace(/h$/, '');
  const head = /[aeiou]/.test(first) ? '' : first;
  return (head + rest).replace(/(.)\1+/g, '$1');
}
