/**
 * Consonant skeletons: the key under which spellings of one name from different scripts and
 * romanisation schemes meet. Written by hand because the phonetic libraries (Soundex,
 * Metaphone) assume English spelling with its vowels, while transliterations of abjads
 * (Arabic, Persian, Urdu, Hebrew) arrive without them: محمد gives 'mhmd', Muhammad must
 * meet it; حسين gives 'hsyn', Hussein must meet it.
 *
 * Rules, applied to a folded Latin token (a–z only):
 * - digraphs become one letter: sch/sh → s, kh → h, gh → g, ph → f, th → t, dh → z (ذ/ظ,
 *   said z in Persian: Zarif/ظریف 'dhryf'), dj → j, ch → c, ck/q/c → k, x → ks, z → s,
 *   a final -ff → v (Ivanoff/Ivanov); zh stays two letters (ز + ه in Arabic script);
 * - vowels go; y, w and v go except at the start, where w counts as v (they write long
 *   vowels, or one sound, in abjads);
 * - a final h goes (ta marbuta, silent h: Osama/أسامة 'smh', Abdallah/عبدالله);
 * - doubled letters collapse (Mohammed/Muhamad).
 */
const DIGRAPHS: [RegExp, string][] = [
  [/sch/g, 's'], [/sh/g, 's'], [/kh/g, 'h'], [/gh/g, 'g'], [/ph/g, 'f'], [/th/g, 't'], [/dh/g, 'z'],
  [/dj/g, 'j'], [/ch/g, 'C'], [/ck/g, 'k'], [/ff$/g, 'v'], [/q/g, 'k'], [/c/g, 'k'], [/x/g, 'ks'], [/z/g, 's'],
];

export function consonantSkeleton(token: string): string {
  let s = token;
  for (const [pattern, replacement] of DIGRAPHS) s = s.replace(pattern, replacement);
  s = s.toLowerCase();
  // w and v write one sound in Persian and Arabic names (Vahidi/وحیدی 'whydy', Javad/جواد 'jwd').
  const first = s.charAt(0) === 'w' ? 'v' : s.charAt(0);
  let rest = s.slice(1).replace(/[aeiouywv]/g, '');
  rest = rest.replace(/h$/, '');
  const head = /[aeiou]/.test(first) ? '' : first;
  return (head + rest).replace(/(.)\1+/g, '$1');
}

/**
 * The skeleton without the distinctions romanisation schemes and abjads blur: b/p/f/v (Arabic
 * has no p or v: بوتين is Putin, فلاديمير Vladimir), g/k, d/t, j/c (Korean ㅂ ㄱ ㄷ ㅈ are
 * written b or p, g or k, d or t, j or ch).
 */
export function looseSkeleton(skeleton: string): string {
  return skeleton.replace(/[pfv]/g, 'b').replace(/k/g, 'g').replace(/t/g, 'd').replace(/c/g, 'j').replace(/(.)\1+/g, '$1');
}
