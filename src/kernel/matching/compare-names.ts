import { editDistance, jaroWinkler } from './string-similarity.ts';
import { generationOf, isFullName, isSubstantial, tokensOf, type NameToken } from './name-tokens.ts';
import { memoisePairs } from './pair-memo.ts';

export type TokenAgreement = 'exact' | 'variant' | 'sounds-alike' | 'initial' | 'similar-spelling';

export interface TokenPair {
  query: string;
  candidate: string;
  similarity: number;
  how: TokenAgreement;
}

export interface NameComparison {
  /** 0..1: how strongly the two names denote the same person or organisation. */
  score: number;
  pairs: TokenPair[];
  /** Words of either name left without a counterpart. */
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
}

/** Below this, two words are not taken as spellings of each other. */
const MIN_PAIR = 0.75;
/** A name matched on one word only, when either side has more, is a weak match at best. */
const ONE_WORD_CAP = 0.7;
/** Names agreeing but for the generation (Jr/Sr): as strong a sign of another person as birth dates years apart (score-entry.ts). */
const GENERATION_DIFFERS = 0.25;

/**
 * Jaro–Winkler forgives typing errors near the end of a word but is lenient with short words
 * (Mahmoud/Muhammad 0.84); averaging it with the edit-distance ratio (a swap of neighbours
 * counting one) keeps typos (Radomri/Radomir 0.92) above the pairing threshold and different
 * names below it (0.67).
 *
 * Exact when at least SPELLING_FLOOR; below it, some value below it (no rule reads a spelling
 * similarity that low): most word pairs scored are two different names, and the edit distance
 * then stops early.
 */
const SPELLING_FLOOR = 0.7;
function spellingSimilarity(a: string, b: string): number {
  const jw = jaroWinkler(a, b);
  const length = Math.max(a.length, b.length);
  // (jw + 1 - d / length) / 2 >= floor  ⇔  d <= length * (1 + jw - 2 * floor)
  const allowed = Math.floor(length * (1 + jw - 2 * SPELLING_FLOOR) + 1e-9);
  if (allowed < 0) return (jw + 1) / 2;
  const edits = 1 - editDistance(a, b, allowed) / length;
  return (jw + edits) / 2;
}

/** Two letters swapped, anywhere: Zafir/Zarif, Xai/Xia, Cheo/Choe (short words lose too much to edit distance). */
function sameLettersSwapped(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 3) return false;
  const differ: number[] = [];
  for (let i = 0; i < a.length && differ.length <= 2; i += 1) if (a[i] !== b[i]) differ.push(i);
  const [i, j] = differ;
  return differ.length === 2 && i !== undefined && j !== undefined && a[i] === b[j] && a[j] === b[i];
}

/** Letters a reader or OCR takes for one another in names: l/i/1, rn/m, vv/w, 0/o. */
const ocrFold = (word: string) => word.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/[l1]/g, 'i').replace(/0/g, 'o');

const taMarbuta = (abjad: NameToken, other: NameToken) =>
  abjad.vowelless && !other.vowelless && abjad.folded.endsWith('h') && other.skeleton.length >= 2 && other.skeleton === `${abjad.skeleton}t`;

/**
 * Hangul and kana write foreign names in their own syllables: Korean and Japanese have one
 * letter for r and l (블라디미르, ウラジーミル: Vladimir), kana writes ti and di as chi and ji
 * (プーチン: Putin). The loose skeletons of both words,
 * with those merged, must agree, or differ by one consonant when long enough (a lost initial v).
 */
const eastAsianLoose = (t: NameToken) => t.loose.replace(/r/g, 'l').replace(/j/g, 'd').replace(/(.)\1+/g, '$1');
function eastAsianAgreement(q: NameToken, c: NameToken): number {
  const a = eastAsianLoose(q);
  const b = eastAsianLoose(c);
  if (a.length >= 2 && a === b) return 0.85;
  if (Math.min(a.length, b.length) < 4) return 0;
  const similarity = 0.92 * spellingSimilarity(a, b);
  return similarity >= MIN_PAIR ? similarity : 0;
}

/** How alike two words are, and why. Forms are tried from the most to the least telling. */
export function compareTokens(q: NameToken, c: NameToken): { similarity: number; how: TokenAgreement } {
  if (q.folded === c.folded) return { similarity: 1, how: 'exact' };
  if (q.initial || c.initial) {
    return q.folded.charAt(0) === c.folded.charAt(0) ? { similarity: 0.8, how: 'initial' } : { similarity: 0, how: 'initial' };
  }
  if (q.canonical === c.canonical) return { similarity: 0.95, how: 'variant' };
  const spelling = spellingSimilarity(q.canonical, c.canonical);
  // The skeleton is how a vowelless transliteration (محمد → mhmd) meets its spellings; between two
  // vowelled spellings it is only a hint, or Mahmoud would pass for Mohammed.
  if (q.skeleton === c.skeleton && (q.vowelless || c.vowelless)) {
    if (q.skeleton.length >= 2) return { similarity: 0.9, how: 'sounds-alike' };
    // One consonant says less: only between short words (Ali/علي 'ly', Abu/أبو 'bw').
    if (q.skeleton.length === 1 && Math.max(q.folded.length, c.folded.length) <= 6) return { similarity: 0.85, how: 'sounds-alike' };
  }
  // Ta marbuta (ة, transliterated h) is silent (Osama) or said t (عزة Izzat, نصرة Nusrat).
  if (taMarbuta(q, c) || taMarbuta(c, q)) return { similarity: 0.85, how: 'sounds-alike' };
  if ((q.transliterated || c.transliterated) && q.loose.length >= 2 && q.loose === c.loose) return { similarity: 0.85, how: 'sounds-alike' };
  if (q.phonetic.length >= 3 && q.phonetic === c.phonetic && spelling >= 0.7) return { similarity: Math.max(spelling, 0.85), how: 'sounds-alike' };
  if (sameLettersSwapped(q.folded, c.folded) || ocrFold(q.folded) === ocrFold(c.folded)) return { similarity: Math.max(spelling, 0.82), how: 'similar-spelling' };
  if (q.eastAsian || c.eastAsian) {
    const agreement = eastAsianAgreement(q, c);
    if (agreement > 0) return { similarity: agreement, how: agreement >= 0.85 ? 'sounds-alike' : 'similar-spelling' };
  }
  // Abjad transliterations lack vowels and Arabic script p, v, g and ch: compare their loose
  // skeletons too, a little discounted.
  const skeletal = q.skeleton.length >= 3 && c.skeleton.length >= 3 && (q.vowelless || c.vowelless) ? 0.92 * spellingSimilarity(q.loose, c.loose) : 0;
  // Words of one to three letters one letter apart are other names (Na/Nam, Li/Lin, Tom/Tim),
  // not typing errors: syllables of East Asian names, short given names.
  if (Math.max(q.folded.length, c.folded.length) <= 3) return { similarity: skeletal, how: 'similar-spelling' };
  return { similarity: Math.max(spelling, skeletal), how: 'similar-spelling' };
}

/**
 * Compares two names word by word, in any order: each word of one name is paired with its
 * most similar word in the other (greedily, best pairs first), particles and patronymics
 * weighing less, extra words on the candidate's side (middle names) costing less than
 * words of the query left unmatched.
 *
 * @example compareNames(nameTokens('PUTIN, Vladimir'), nameTokens('Владимир Владимирович Путин')).score // ≈ 0.9
 */
export function compareNames(query: NameToken[], candidate: NameToken[]): NameComparison {
  let best = alignTokens(query, candidate);
  if (best.score >= 0.9) return best;
  const queryWords = new Set(query.map((t) => t.folded));
  const candidateWords = new Set(candidate.map((t) => t.folded));
  // Words written apart on one side and together on the other: Jong Un / Jeongeun, نصر الله / Nasrallah.
  const tries = [...merges(query, candidate, 'query').map((m) => ({ ...m, q: m.tokens, c: candidate, other: candidate })), ...merges(candidate, query, 'candidate').map((m) => ({ ...m, q: query, c: m.tokens, other: query }))];
  for (const { q, c, parts, other } of tries) {
    const merged = alignTokens(q, c);
    if (merged.score <= best.score) continue;
    // Only when the joined word really is the other side's word, not a lucky partial likeness,
    // and more like it than either part alone (Kang Hye against Kang is Kang, not Kanghye).
    const joinedPaired = merged.pairs.some((p) => {
      if (p.similarity < 0.85 || (queryWords.has(p.query) && candidateWords.has(p.candidate))) return false;
      const counterpart = other.find((t) => t.folded === (other === candidate ? p.candidate : p.query));
      return !counterpart || parts.every((part) => compareTokens(part, counterpart).similarity < p.similarity);
    });
    if (joinedPaired) best = merged;
  }
  return best;
}

/**
 * Each way of writing two neighbouring words of the name as one, with the two parts, where the
 * other name has a word that could be it: of about as many consonants, starting with the same
 * one (loosely), and as alike as `compareNames` asks (see `joinedCounterpart`). Most
 * candidates of a query are other people: aligning every joining of their words would cost
 * more than the rest of scoring.
 */
function merges(tokens: NameToken[], other: NameToken[], side: 'query' | 'candidate'): { tokens: NameToken[]; parts: NameToken[] }[] {
  const out: { tokens: NameToken[]; parts: NameToken[] }[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const a = tokens[i] as NameToken;
    const b = tokens[i + 1] as NameToken;
    if (!isSubstantial(a) || !isSubstantial(b)) continue;
    // Consonants, not letters: a vowelless transliteration (غلامرضا, ghlmrz) is shorter than its spelling.
    const consonants = a.skeleton.length + b.skeleton.length;
    if (!other.some((w) => Math.abs(w.skeleton.length - consonants) <= 2 && w.loose.charAt(0) === a.loose.charAt(0))) continue;
    const mark = a.vowelless || b.vowelless ? '~' : a.eastAsian || b.eastAsian ? '*' : a.transliterated || b.transliterated ? '^' : '';
    // (a merged Han word keeps '^': its zh is then read as j, a small loss on a rare path)
    const [joined] = tokensOf([`${mark}${a.folded}${b.folded}`]);
    if (joined && joinedCounterpart(joined, [a, b], other, side)) out.push({ tokens: [...tokens.slice(0, i), joined, ...tokens.slice(i + 2)], parts: [a, b] });
  }
  return out;
}

const compareTokensRemembered = memoisePairs(compareTokens);

/** Slack for the 3-decimal rounding of the similarities `compareNames` tests. */
const ROUNDING = 0.0005;

/**
 * Whether the other name has a word the joined one could be taken for, as `compareNames`
 * accepts a joining: alike at 0.85 or more, and more alike than either part alone. Tested
 * word against word before the whole names are aligned again, which is where scoring spent
 * half its time; a necessary condition, so no accepted joining is lost.
 */
function joinedCounterpart(joined: NameToken, parts: NameToken[], other: NameToken[], side: 'query' | 'candidate'): boolean {
  const alike = (mine: NameToken, theirs: NameToken) => (side === 'query' ? compareTokensRemembered(mine, theirs) : compareTokensRemembered(theirs, mine)).similarity;
  return other.some((w) => {
    const similarity = alike(joined, w);
    return similarity >= 0.85 - ROUNDING && parts.every((part) => alike(part, w) < similarity + ROUNDING);
  });
}

// Module-level helpers, not closures: alignTokens runs for every name of every candidate.
const substantial = (tokens: NameToken[]): number => {
  let n = 0;
  for (const t of tokens) if (isSubstantial(t)) n += 1;
  return n;
};
const strongLeft = (tokens: NameToken[], used: Uint8Array): boolean => tokens.some((t, i) => used[i] === 0 && isFullName(t));
const byWeight = (tokens: NameToken[]): number => {
  let total = 0;
  for (const t of tokens) total += t.weight;
  return total;
};
const bySimilarity = (a: { similarity: number }, b: { similarity: number }): number => b.similarity - a.similarity;

function alignTokens(query: NameToken[], candidate: NameToken[]): NameComparison {
  const options: { i: number; j: number; similarity: number; how: TokenAgreement }[] = [];
  for (let i = 0; i < query.length; i += 1) {
    for (let j = 0; j < candidate.length; j += 1) {
      const q = query[i];
      const c = candidate[j];
      if (!q || !c) continue;
      const { similarity, how } = compareTokensRemembered(q, c);
      if (similarity >= MIN_PAIR) options.push({ i, j, similarity, how });
    }
  }
  options.sort(bySimilarity);
  const usedQ = new Uint8Array(query.length);
  const usedC = new Uint8Array(candidate.length);
  const pairs: TokenPair[] = [];
  let matchedQ = 0;
  let matchedC = 0;
  let strongWords = 0;
  let initials = 0;
  for (const o of options) {
    if (usedQ[o.i] || usedC[o.j]) continue;
    usedQ[o.i] = 1;
    usedC[o.j] = 1;
    const q = query[o.i] as NameToken;
    const c = candidate[o.j] as NameToken;
    pairs.push({ query: q.folded, candidate: c.folded, similarity: round(o.similarity), how: o.how });
    matchedQ += o.similarity * q.weight;
    matchedC += o.similarity * c.weight;
    if (isSubstantial(q) && isSubstantial(c)) strongWords += 1;
    else if (o.how === 'initial') initials += 1;
  }
  const totalQ = byWeight(query);
  const totalC = byWeight(candidate);
  let score = totalQ && totalC ? 0.6 * (matchedQ / totalQ) + 0.4 * (matchedC / totalC) : 0;
  const leftQ = strongLeft(query, usedQ);
  const leftC = strongLeft(candidate, usedC);
  // One word and initials agreeing (Putin V. V.) is more than one word alone, less than two, but
  // only when they account for the name: not when a full name word is left over (Leila N. S. Dajani).
  const initialsAgree = initials > 0 && strongWords === 1 && !leftQ && !leftC;
  if (strongWords <= 1 && Math.max(substantial(query), substantial(candidate)) > 1) score = Math.min(score, initialsAgree ? 0.76 : ONE_WORD_CAP);
  if (strongWords === 0) score = Math.min(score, 0.3);
  // A name word on each side with no counterpart (Orlov against Lebedev) is a disagreement, not an omission.
  if (leftQ && leftC) score -= 0.1;
  // Jr against Sr (or II against III): father and son, two people.
  const queryGeneration = generationOf(query);
  const candidateGeneration = queryGeneration ? generationOf(candidate) : undefined;
  if (queryGeneration && candidateGeneration && queryGeneration !== candidateGeneration) score -= GENERATION_DIFFERS;
  return {
    score: round(score),
    pairs,
    unmatchedQuery: query.filter((_, i) => usedQ[i] === 0).map((t) => t.folded),
    unmatchedCandidate: candidate.filter((_, j) => usedC[j] === 0).map((t) => t.folded),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
