import { compareNames, type NameComparison } from './compare-names.ts';
import { isA } from '../model/registry.ts';
import type { NameToken } from './name-tokens.ts';
import { identifierKey } from '../index/index-keys.ts';
import type { IndexEntry } from '../index/index-entry.ts';

/**
 * Default operating threshold, 0.72: every name matched on two or more words, whatever the
 * script or spelling (≥ 0.85 before other evidence), passes; a match on one word only
 * (capped at 0.70) needs a corroborating birth date or nationality to pass; a name whose
 * birth date contradicts (−0.25) needs a near-perfect name. Measured by eval:screening.
 */
export const DEFAULT_THRESHOLD = 0.72;

export interface ScreeningSubject {
  names: NameToken[][];
  birthDate?: string | undefined;
  nationality?: string | undefined;
  gender?: string | undefined;
  identifiers: string[];
}

export type Agreement = 'agrees' | 'partly' | 'disagrees';

export interface Feature {
  feature: 'name' | 'birthDate' | 'nationality' | 'gender' | 'identifier';
  agreement: Agreement;
  /** What it added to (or took from) the score. */
  effect: number;
  detail: string;
}

export interface ScoredEntry {
  entry: IndexEntry;
  score: number;
  features: Feature[];
  name: NameComparison | null;
}

/**
 * How each feature moves the name score, and why:
 * - birth date: a full date agreeing is strong corroboration (+0.10); the year alone, or day and
 *   month transposed (a classic clerical error), some (+0.05); dates more than a year apart
 *   say another person (−0.35: even a perfect name then stays below the threshold, and only a
 *   matching document number makes it a hit). A false hit is not only an officer's time: it
 *   sends the traveller's details to the record's owner abroad. Years one typing error apart
 *   (1975/1957, 1975/1985) on the same day and month are a clerical error, not a contradiction;
 * - nationality: agreeing +0.03, disagreeing −0.05 (people hold several; lists omit some);
 * - gender: disagreeing −0.10 (names like Maria/Mario differ by one letter);
 * - identifier: a document, plate or serial number equal up to OCR confusions is itself a
 *   match (score at least 0.97), whatever the name.
 */
const EFFECT = { dobExact: 0.1, dobPartial: 0.05, dobDifferent: -0.35, natAgrees: 0.03, natDiffers: -0.05, genderDiffers: -0.1, identifierFloor: 0.97 };

export function scoreEntry(subject: ScreeningSubject, entry: IndexEntry): ScoredEntry {
  const features: Feature[] = [];
  // A vessel or a firearm is found by its numbers, never because its name sounds like a person's.
  const name = isA(entry.schema, 'Vehicle') || isA(entry.schema, 'Firearm') ? null : bestName(subject.names, entry.names);
  let score = name?.score ?? 0;
  if (name) features.push({ feature: 'name', agreement: name.score >= 0.85 ? 'agrees' : 'partly', effect: name.score, detail: explainName(name) });

  const dob = compareBirthDates(subject.birthDate, entry.birthDates);
  if (dob) { features.push(dob); score += dob.effect; }
  const nat = compareNationality(subject.nationality, entry.nationalities);
  if (nat) { features.push(nat); score += nat.effect; }
  if (subject.gender && entry.gender && subject.gender !== entry.gender) {
    features.push({ feature: 'gender', agreement: 'disagrees', effect: EFFECT.genderDiffers, detail: `${subject.gender} ≠ ${entry.gender}` });
    score += EFFECT.genderDiffers;
  }
  const id = compareIdentifiers(subject.identifiers, entry.identifiers);
  if (id) {
    features.push(id);
    score = Math.max(score, EFFECT.identifierFloor);
  }
  return { entry, score: round(Math.min(1, Math.max(0, score))), features, name };
}

function bestName(query: NameToken[][], candidate: NameToken[][]): NameComparison | null {
  let best: NameComparison | null = null;
  for (const q of query) for (const c of candidate) {
    const result = compareNames(q, c);
    if (!best || result.score > best.score) best = result;
  }
  return best;
}

function explainName(name: NameComparison): string {
  const pairs = name.pairs.map((p) => (p.how === 'exact' ? p.query : `${p.query}~${p.candidate} (${p.how})`));
  const missing = [...name.unmatchedQuery.map((w) => `-${w}`), ...name.unmatchedCandidate.map((w) => `+${w}`)];
  return [...pairs, ...missing].join(', ');
}

function compareBirthDates(query: string | undefined, dates: string[]): Feature | null {
  if (!query || dates.length === 0) return null;
  if (dates.includes(query)) return { feature: 'birthDate', agreement: 'agrees', effect: EFFECT.dobExact, detail: query };
  const q = parts(query);
  let partial: string | null = null;
  let clerical: string | null = null;
  for (const d of dates) {
    const c = parts(d);
    if (q.year !== c.year) {
      if (q.month && q.day && q.month === c.month && q.day === c.day && oneTypoApart(q.year, c.year)) clerical = `${query} ~ ${d} (year mistyped)`;
      continue;
    }
    if (!q.month || !c.month || (q.month === c.month && (!q.day || !c.day))) partial = `year ${q.year}`;
    else if (q.day && c.day && q.month === c.day && q.day === c.month) partial = `${query} ~ ${d} (day and month transposed)`;
  }
  if (partial) return { feature: 'birthDate', agreement: 'partly', effect: EFFECT.dobPartial, detail: partial };
  const yearsApart = Math.min(...dates.map((d) => Math.abs(Number(parts(d).year) - Number(q.year))));
  if (yearsApart <= 1) return null; // an off-by-one year says nothing either way
  if (clerical) return { feature: 'birthDate', agreement: 'partly', effect: 0, detail: clerical };
  return { feature: 'birthDate', agreement: 'disagrees', effect: EFFECT.dobDifferent, detail: `${query} ≠ ${dates.join(', ')}` };
}

/** Two years one digit apart, or with two neighbouring digits swapped. */
function oneTypoApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  if (diff.length === 1) return true;
  const [i = 0, j = 0] = diff;
  return diff.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

const parts = (date: string) => {
  const [year = '', month, day] = date.split('-');
  return { year, month, day };
};

function compareNationality(query: string | undefined, nationalities: string[]): Feature | null {
  if (!query || nationalities.length === 0) return null;
  const q = query.toLowerCase();
  return nationalities.includes(q)
    ? { feature: 'nationality', agreement: 'agrees', effect: EFFECT.natAgrees, detail: q }
    : { feature: 'nationality', agreement: 'disagrees', effect: EFFECT.natDiffers, detail: `${q} ∉ ${nationalities.join(', ')}` };
}

function compareIdentifiers(query: string[], held: string[]): Feature | null {
  for (const q of query) for (const h of held) {
    if (q === h) return { feature: 'identifier', agreement: 'agrees', effect: 1, detail: h };
    if (identifierKey(q) === identifierKey(h)) return { feature: 'identifier', agreement: 'agrees', effect: 1, detail: `${q} ~ ${h} (OCR confusion)` };
  }
  return null;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
