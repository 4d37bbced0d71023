import { editDistance } from './string-similarity.ts';

/**
 * Identity and travel documents compared by number, issuing country and type, tolerant of
 * the characters OCR and people misread. The OCR rules are hand-written: the OCR libraries
 * correct a field they know to be numeric or alphabetic (as `mrz` does), but a document
 * number mixes both, so the question here is "could one have been read as the other?".
 */

/**
 * Characters read for one another, each mapped to the key it collapses to.
 * - Classic OCR-B / ICAO 9303 confusions, the same set the `mrz` library autocorrects:
 *   O/0, I/1, B/8, S/5, Z/2, G/6.
 * - Weaker ones, seen in worn prints, faxes and handwritten notes: Q/0 (the tail of Q
 *   lost), D/0 (OCR-B's D and 0 differ only by a straight side), L/1 (a typed lower-case
 *   'l' is I or 1 in sans-serif fonts, and upper-casing makes it L). A match that needs one
 *   of these scores a little lower.
 */
const STRONG: Record<string, string> = { O: '0', I: '1', B: '8', S: '5', Z: '2', G: '6' };
const WEAK: Record<string, string> = { Q: '0', D: '0', L: '1' };

export type DocumentType = 'passport' | 'id' | 'visa' | 'residence' | 'other';
export type NumberAgreement = 'exact' | 'ocr-variant' | 'one-edit' | 'different';

export interface DocumentQuery {
  number: string;
  /** ISO 3166-1 alpha-2 code of the issuing state, any case. */
  country?: string;
  type?: DocumentType;
}
export type DocumentCandidate = DocumentQuery;

export interface IdentifierComparison {
  /** 0..1 */
  score: number;
  how: NumberAgreement;
  explanation: string;
}

/**
 * A document number as issued: upper case, without the spaces, dashes, dots, slashes and
 * MRZ fillers ('<') people and scanners add.
 *
 * @example normaliseDocumentNumber(' l898-902.c<< ') // 'L898902C'
 */
export function normaliseDocumentNumber(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑–—.·/<_]+/gu, '');
}

/**
 * The index key under which an identifier and its misreadings meet: every OCR-confusable
 * character replaced by the digit it is confused with. Look records up by this key, then
 * score with {@link compareDocuments}.
 *
 * @example ocrKey('L898902C') === ocrKey('1898902C') // true: both '1898902C'
 */
export function ocrKey(number: string): string {
  let key = '';
  for (const ch of normaliseDocumentNumber(number)) key += STRONG[ch] ?? WEAK[ch] ?? ch;
  return key;
}

/** Below this length one edit is too likely to join two unrelated numbers. */
const MIN_LENGTH_FOR_EDIT = 6;

/**
 * Compares two already-normalised identifiers (document numbers, plates, serials): equal,
 * equal but for misread characters, one typing error apart, or different.
 *
 * @example compareIdentifiers('L898902C', 'L8989O2C').how // 'ocr-variant'
 */
export function compareIdentifiers(q: string, c: string, what = 'number'): IdentifierComparison {
  if (!q || !c) return { score: 0, how: 'different', explanation: `no ${what} to compare` };
  if (q === c) return { score: 1, how: 'exact', explanation: `${what} identical` };
  if (q.length === c.length && ocrKey(q) === ocrKey(c)) {
    const swaps: string[] = [];
    let weak = false;
    for (let i = 0; i < q.length; i += 1) {
      if (q[i] === c[i]) continue;
      swaps.push(`${q[i] ?? ''}/${c[i] ?? ''} at ${i + 1}`);
      if (!isStrongPair(q[i] ?? '', c[i] ?? '')) weak = true;
    }
    return { score: weak ? 0.8 : 0.9, how: 'ocr-variant', explanation: `${what} equal but for characters often misread (${swaps.join(', ')})` };
  }
  if (Math.min(q.length, c.length) >= MIN_LENGTH_FOR_EDIT && editDistance(ocrKey(q), ocrKey(c)) === 1) {
    return { score: 0.7, how: 'one-edit', explanation: `${what} one character apart (a typing error, a dropped or swapped character)` };
  }
  return { score: 0, how: 'different', explanation: `${what} different` };
}

function isStrongPair(a: string, b: string): boolean {
  return (STRONG[a] ?? a) === (STRONG[b] ?? b);
}

/**
 * How much a disagreement on the side facts leaves of a number match.
 * - Issuing country, ×0.5 when both are known and differ: a number is unique only within
 *   its issuing state's series, and many states use the same shapes (nine digits: GB, US,
 *   RU…), so the same number from another state is as likely a coincidence as the same
 *   document. It is not ruled out, because the country is often entered wrongly (the
 *   holder's nationality instead of the issuer: a German travel document held by a Syrian).
 *   ×0.9 when one side does not say: the match cannot be confirmed.
 * - Document type, ×0.85 when both are known and differ: types are recorded loosely (an
 *   identity card entered as a passport) and some states number both from one series.
 */
const COUNTRY_DISAGREES = 0.5;
const COUNTRY_UNKNOWN = 0.9;
const TYPE_DISAGREES = 0.85;

/**
 * Scores a document query against a candidate record, with the reasons.
 *
 * @example
 *   compareDocuments({ number: 'L898902C', country: 'fr' }, { number: 'L8989O2C', country: 'FR', type: 'passport' })
 *   // { score: 0.9, how: 'ocr-variant', explanation: 'number equal but for characters often misread (0/O at 6); same issuing country' }
 */
export function compareDocuments(query: DocumentQuery, candidate: DocumentCandidate): IdentifierComparison {
  const number = compareIdentifiers(normaliseDocumentNumber(query.number), normaliseDocumentNumber(candidate.number));
  if (number.how === 'different') return number;
  const reasons = [number.explanation];
  let score = number.score;
  const qc = query.country?.toLowerCase();
  const cc = candidate.country?.toLowerCase();
  if (qc && cc) {
    if (qc === cc) reasons.push('same issuing country');
    else {
      score *= COUNTRY_DISAGREES;
      reasons.push(`issued by ${qc} in the query but ${cc} in the record: the same number in another state's series may be a coincidence`);
    }
  } else {
    score *= COUNTRY_UNKNOWN;
    reasons.push('issuing country not known on both sides');
  }
  const qt = query.type;
  const ct = candidate.type;
  if (qt && ct && qt !== 'other' && ct !== 'other' && qt !== ct) {
    score *= TYPE_DISAGREES;
    reasons.push(`a ${qt} in the query but a ${ct} in the record`);
  }
  return { score: Math.round(score * 1000) / 1000, how: number.how, explanation: reasons.join('; ') };
}
