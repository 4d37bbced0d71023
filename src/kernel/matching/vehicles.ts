import { compareIdentifiers, type IdentifierComparison } from './documents.ts';

/**
 * Vehicles compared by VIN and number plate. The VIN check digit (ISO 3779 values and
 * weights, 49 CFR 565) is a dozen lines and no maintained npm package does only this, so
 * it is written here; the demo generator imports it.
 */

// ISO 3779: letters I, O and Q never appear in a VIN; each other character has a value.
const VIN_VALUES = new Map<string, number>([
  ...[...'0123456789'].map((d): [string, number] => [d, Number(d)]),
  ...[...'A1B2C3D4E5F6G7H8J1K2L3M4N5P7R9S2T3U4V5W6X7Y8Z9'.matchAll(/([A-Z])(\d)/g)].map(([, c, v]): [string, number] => [c ?? '', Number(v)]),
]);
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_SHAPE = /^[A-HJ-NPR-Z0-9]{17}$/;

/**
 * The check digit (position 9) a 17-character VIN should carry: '0'–'9' or 'X'.
 *
 * @example vinCheckDigit('1M8GDM9AXKP042788') // 'X'
 */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = VIN_VALUES.get(vin[i] ?? '');
    if (value === undefined) throw new Error(`"${vin[i] ?? ''}" cannot appear in a VIN`);
    sum += value * (VIN_WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * True for a well-formed 17-character VIN whose check digit verifies. Mandatory in North
 * America (and China); elsewhere many makers put any character at position 9, so a false
 * here does not make a VIN unsearchable: see {@link vinCheck}.
 *
 * @example isValidVin('1HGCM82633A004352') // true
 */
export const isValidVin = (vin: string): boolean => VIN_SHAPE.test(vin) && vinCheckDigit(vin) === vin[8];

/**
 * A VIN as written on the vehicle: upper case, no spaces, dashes or dots; I, O and Q, which
 * ISO 3779 excludes, read as the 1, 0 and 0 they must be.
 *
 * @example normaliseVin('1hgcm 8263-3a0O4352') // '1HGCM82633A004352'
 */
export function normaliseVin(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑–.·]+/gu, '').replace(/I/g, '1').replace(/[OQ]/g, '0');
}

export type VinCheck = 'passes' | 'fails' | 'malformed';

/**
 * What the check digit says of a normalised VIN. 'fails' means a misread character or a
 * maker that does not use the check digit (common for European and Japanese vehicles):
 * such a VIN is still searched, and the comparison says that it failed.
 *
 * @example vinCheck('WVWZZZ1JZXW000001') // 'fails' (a European VIN without check digit)
 */
export function vinCheck(vin: string): VinCheck {
  if (!VIN_SHAPE.test(vin)) return 'malformed';
  return vinCheckDigit(vin) === vin[8] ? 'passes' : 'fails';
}

const CYRILLIC_GREEK_PLATE_COUNTRIES = new Set(['ru', 'ua', 'by', 'kz', 'kg', 'bg', 'mk', 'tj', 'gr', 'cy']);
/** Letters Cyrillic and Greek plates are restricted to, chosen to look like Latin ones. */
const PLATE_HOMOGLYPHS: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};

/**
 * A number plate as ANPR cameras read it: upper case, no spaces, dashes or dots, umlauts
 * without their dots (German 'LÖ' is read 'LO'). Plates of states using the Cyrillic or
 * Greek plate alphabets (or of an unknown state) have those letters written as the Latin
 * letters they are chosen to resemble, so 'А123ВС77' typed in Cyrillic meets 'A123BC77'.
 * Separators are dropped although 'B-AB 12' and 'BA-B 12' are two German plates: cameras
 * and most records do not keep them. Index by `ocrKey(normalisePlate(…))`.
 *
 * @example normalisePlate('а 123 вс 77', 'ru') // 'A123BC77'
 */
export function normalisePlate(plate: string, country?: string): string {
  const foldScripts = !country || CYRILLIC_GREEK_PLATE_COUNTRIES.has(country.toLowerCase());
  let out = '';
  for (const ch of plate.normalize('NFKC').toUpperCase()) out += foldScripts ? (PLATE_HOMOGLYPHS[ch] ?? ch) : ch;
  return out.normalize('NFD').replace(/\p{M}/gu, '').replace(/[\s\-‐‑–.·/]+/gu, '').normalize('NFC');
}

export interface Vehicle {
  vin?: string;
  plate?: string;
  /** ISO 3166-1 alpha-2 code of the registering state. */
  country?: string;
}

export interface VehicleComparison {
  score: number;
  vin?: IdentifierComparison;
  plate?: IdentifierComparison;
  /** What the check digit of the query's VIN says, when it has one. */
  queryVinCheck?: VinCheck;
  explanation: string;
}

/**
 * Scores a vehicle query against a record. A VIN is unique worldwide and stays with the
 * vehicle, so a VIN match decides; a plate is unique only within its state and changes
 * hands, so a plate match weighs less (×0.5 across states, ×0.85 when a state is unknown).
 * Same plate with a different VIN is reported as such: possibly cloned plates.
 *
 * @example compareVehicles({ vin: '1HGCM82633A004352' }, { vin: '1HGCM82633A0O4352', plate: 'AB-123-CD' }).vin?.how // 'exact'
 */
export function compareVehicles(query: Vehicle, candidate: Vehicle): VehicleComparison {
  const reasons: string[] = [];
  const out: VehicleComparison = { score: 0, explanation: '' };
  if (query.vin) {
    const qv = normaliseVin(query.vin);
    out.queryVinCheck = vinCheck(qv);
    if (out.queryVinCheck !== 'passes') reasons.push(`the query VIN ${out.queryVinCheck === 'fails' ? 'fails its check digit (misread, or a maker without one)' : 'is not 17 VIN characters'}`);
    if (candidate.vin) {
      out.vin = compareIdentifiers(qv, normaliseVin(candidate.vin), 'VIN');
      reasons.push(out.vin.explanation);
    }
  }
  if (query.plate && candidate.plate) {
    const plate = compareIdentifiers(normalisePlate(query.plate, query.country), normalisePlate(candidate.plate, candidate.country), 'plate');
    const qc = query.country?.toLowerCase();
    const cc = candidate.country?.toLowerCase();
    let factor = 1;
    if (plate.how !== 'different') {
      if (qc && cc && qc !== cc) {
        factor = 0.5;
        plate.explanation += `, but registered in ${qc} and ${cc}`;
      } else if (!qc || !cc) factor = 0.85;
    }
    out.plate = { ...plate, score: round(plate.score * 0.9 * factor) };
    reasons.push(out.plate.explanation);
  }
  const vinScore = out.vin?.score ?? 0;
  const plateScore = out.plate?.score ?? 0;
  if (out.vin?.how === 'different' && plateScore > 0) {
    out.score = round(Math.min(plateScore, 0.5));
    reasons.push('plates agree but VINs differ: another vehicle, possibly carrying cloned plates');
  } else {
    out.score = round(Math.max(vinScore, plateScore));
  }
  out.explanation = reasons.join('; ');
  return out;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
