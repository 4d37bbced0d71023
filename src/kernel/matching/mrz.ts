import countries from 'i18n-iso-countries/index.js';
import { parse, type Details, type ParseResult } from 'mrz';
import { validationFailed } from '../errors.ts';
import type { DocumentType } from './documents.ts';

/**
 * Machine-readable zones of ICAO Doc 9303 travel documents (TD1 identity cards, TD2 cards,
 * TD3 passports), read with the `mrz` library (check digits, field layout, its own OCR
 * autocorrection of numeric and alphabetic fields). What is written here: cleaning of the
 * OCR noise the library does not take, error messages saying which line is wrong, ICAO
 * alpha-3 → ISO alpha-2 codes, and two-digit years resolved to dates.
 */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';
export type CheckedField = 'documentNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite';

export interface MrzCheckDigit {
  field: CheckedField;
  valid: boolean;
  /** 1-based position of the check digit. */
  line: number;
  column: number;
  message?: string;
}

export interface MrzDocument {
  format: MrzFormat;
  /** True when every check digit verifies. A false still returns every field readable. */
  valid: boolean;
  checkDigits: MrzCheckDigit[];
  /** Other faults the parser found (an unknown state code, an impossible date). */
  problems: string[];
  /** Characters changed before or while parsing (OCR noise, O read for 0 in a date…). */
  corrections: string[];
  documentType: DocumentType;
  /** The ICAO document code as printed: 'P', 'ID', 'IR', 'AC'… */
  documentCode: string;
  documentNumber: string;
  /** ISO 3166-1 alpha-2, lower case; null for ICAO codes of no state (XXA stateless, XPO INTERPOL…). */
  issuingState: string | null;
  issuingStateCode: string;
  nationality: string | null;
  nationalityCode: string;
  /** ISO 8601 date, or null when the MRZ leaves it unknown ('<<'). */
  birthDate: string | null;
  sex: 'male' | 'female' | 'unspecified' | null;
  expiryDate: string | null;
  surname: string;
  givenNames: string;
}

const LINES: Record<number, { format: MrzFormat; lines: number }> = { 30: { format: 'TD1', lines: 3 }, 36: { format: 'TD2', lines: 2 }, 44: { format: 'TD3', lines: 2 } };
const fail = (message: string) => validationFailed([{ field: 'mrz', message }], `The MRZ could not be read: ${message}.`);

/**
 * OCR output made into MRZ lines: upper case, whitespace inside a line dropped (OCR splits
 * lines into words), fullwidth forms folded (NFKC), and the guillemets and angle brackets
 * OCR reads for '<' ('«' and '≪' for '<<' when the line length says so, else '<').
 */
function cleanLines(text: string, corrections: string[]): string[] {
  const lines = text.normalize('NFKC').toUpperCase().split(/\r?\n|\r/).map((l) => l.replace(/[\s\u200B]+/g, '')).filter(Boolean);
  return lines.map((line, i) => {
    if (!/[«»‹›≪〈⟨]/.test(line)) return line;
    const single = line.replace(/[«»‹›≪〈⟨]/g, '<');
    const double = line.replace(/[«≪]/g, '<<').replace(/[»‹›〈⟨]/g, '<');
    const fixed = !LINES[single.length] && LINES[double.length] ? double : single;
    corrections.push(`line ${i + 1}: guillemets or angle brackets read as '<'`);
    return fixed;
  });
}

function checkShape(lines: string[]): MrzFormat {
  const first = lines[0] ?? '';
  const shape = LINES[first.length];
  if (lines.length < 2 || lines.length > 3) throw fail(`expected 2 or 3 lines (TD1: 3 × 30 characters, TD2: 2 × 36, TD3: 2 × 44), found ${lines.length}`);
  if (!shape) throw fail(`line 1 has ${first.length} characters; MRZ lines have 30 (TD1), 36 (TD2) or 44 (TD3)`);
  if (lines.length !== shape.lines) throw fail(`a ${shape.format} MRZ (lines of ${first.length}) has ${shape.lines} lines, found ${lines.length}`);
  lines.forEach((line, i) => {
    if (line.length !== first.length) throw fail(`line ${i + 1} has ${line.length} characters; each line of a ${shape.format} has ${first.length}`);
    const bad = /[^A-Z0-9<]/.exec(line);
    if (bad) throw fail(`line ${i + 1} has '${bad[0]}' at column ${bad.index + 1}; an MRZ holds only A–Z, 0–9 and '<'`);
  });
  return shape.format;
}

/**
 * Reads an MRZ of 2 or 3 lines. Check digits that fail are reported (valid false, the
 * failing field named) and every field is still returned: the officer must see them.
 *
 * @throws AppError VALIDATION_FAILED when the text is not an MRZ, saying which line is wrong.
 * @example
 *   const doc = parseMrz('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10');
 *   doc.documentNumber // 'L898902C3'; doc.birthDate // '1974-08-12'; doc.valid // true
 */
export function parseMrz(text: string, options: { today?: Date } = {}): MrzDocument {
  const today = options.today ?? new Date();
  const corrections: string[] = [];
  const lines = cleanLines(text, corrections);
  const format = checkShape(lines);
  let result: ParseResult;
  try {
    result = parse(lines, { autocorrect: true });
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
  if (result.format !== format) throw fail(`this is a ${result.format.replace(/_/g, ' ').toLowerCase()} MRZ, not an ICAO ${format}; enter its fields by hand`);
  const byField = new Map(result.details.filter((d) => d.field).map((d) => [d.field, d]));
  const raw = (field: string): string => {
    const d = byField.get(field as Details['field']);
    return d ? (lines[d.line] ?? '').slice(d.start, d.end).replace(/<+$/, '').replace(/</g, ' ').trim() : '';
  };
  const value = (field: keyof ParseResult['fields']): string => result.fields[field] ?? raw(field);
  for (const d of result.details) for (const a of d.autocorrect) corrections.push(`line ${a.line + 1} column ${a.column + 1}: '${a.original}' read as '${a.corrected}'`);
  const checkDigits = result.details.flatMap((d): MrzCheckDigit[] => {
    const field = d.field ? CHECKED[d.field] : undefined;
    return field ? [{ field, valid: d.valid, line: d.line + 1, column: d.start + 1, ...(d.error ? { message: d.error } : {}) }] : [];
  });
  const problems = result.details.filter((d) => !d.valid && !(d.field && CHECKED[d.field])).map((d) => `${d.label} (line ${d.line + 1}, column ${d.start + 1}): ${d.error ?? 'invalid'}`);
  const documentCode = value('documentCode');
  const issuingStateCode = value('issuingState');
  const nationalityCode = value('nationality');
  return {
    format,
    valid: checkDigits.length > 0 && checkDigits.every((c) => c.valid),
    checkDigits,
    problems,
    corrections,
    documentType: documentTypeOf(documentCode),
    documentCode,
    documentNumber: value('documentNumber'),
    issuingState: alpha2(issuingStateCode),
    issuingStateCode,
    nationality: alpha2(nationalityCode),
    nationalityCode,
    birthDate: resolveDate(value('birthDate'), today, 'birth'),
    sex: SEX[value('sex')] ?? null,
    expiryDate: resolveDate(value('expirationDate'), today, 'expiry'),
    surname: value('lastName'),
    givenNames: value('firstName'),
  };
}

const CHECKED: Partial<Record<string, CheckedField>> = {
  documentNumberCheckDigit: 'documentNumber', birthDateCheckDigit: 'birthDate', expirationDateCheckDigit: 'expiryDate',
  personalNumberCheckDigit: 'personalNumber', compositeCheckDigit: 'composite',
};
const SEX: Partial<Record<string, MrzDocument['sex']>> = { male: 'male', female: 'female', nonspecified: 'unspecified', M: 'male', F: 'female' };

/** ICAO document codes: P… passports; IR/AR residence permits (EU Regulation 1030/2002); AC crew certificates; other A/C/I identity cards. */
function documentTypeOf(code: string): DocumentType {
  if (code.startsWith('P')) return 'passport';
  if (code.startsWith('V')) return 'visa';
  if (code === 'IR' || code === 'AR') return 'residence';
  if (code === 'AC') return 'other';
  return /^[ACI]/.test(code) ? 'id' : 'other';
}

/**
 * ICAO 9303 codes that are not ISO 3166-1 alpha-3, as the codes Passerelle's country type
 * takes (FollowTheMoney's: ISO plus xk, eu, un). The rest (XXA stateless, XXB/XXC
 * refugees, XXX unspecified, XPO INTERPOL, other organisations, UTO of the specimens) name
 * no state: null, with the ICAO code kept beside it.
 */
const ICAO_SPECIAL: Record<string, string> = {
  D: 'de', // Germany keeps its one-letter code
  GBD: 'gb', GBN: 'gb', GBO: 'gb', GBP: 'gb', GBS: 'gb', // British nationality classes
  RKS: 'xk', XXK: 'xk', UNK: 'xk', // Kosovo; UNK: issued by UNMIK to residents of Kosovo
  EUE: 'eu', UNO: 'un', UNA: 'un',
};

/**
 * ISO 3166-1 alpha-2 (lower case) for an ICAO state code, via i18n-iso-countries' ISO table.
 * @example alpha2('DEU') // 'de'; alpha2('D') // 'de'; alpha2('XXA') // null (stateless)
 */
export function alpha2(icao: string): string | null {
  const special = ICAO_SPECIAL[icao];
  if (special) return special;
  return /^[A-Z]{3}$/.test(icao) ? (countries.alpha3ToAlpha2(icao)?.toLowerCase() ?? null) : null;
}

/**
 * YYMMDD to an ISO date. A birth date takes the latest century that does not put it in the
 * future (a child born in 2024 is more likely than a centenarian born in 1924). An expiry
 * date takes the century that puts it closest to today: documents run 5–10 years and the
 * ones screened are current or recently expired. Unknown parts ('<<') give null.
 */
function resolveDate(yymmdd: string, today: Date, kind: 'birth' | 'expiry'): string | null {
  const m = /^(\d\d)(\d\d)(\d\d)$/.exec(yymmdd);
  if (!m) return null;
  const [, yy, mm, dd] = m;
  const at = (century: number) => new Date(Date.UTC(century + Number(yy), Number(mm) - 1, Number(dd)));
  const thisCentury = Math.floor(today.getUTCFullYear() / 100) * 100;
  // A date that rolled over (31 April, month 13, 29 February of a common year) does not exist.
  const options = [thisCentury - 100, thisCentury, thisCentury + 100].map(at).filter((d) => d.getUTCDate() === Number(dd) && d.getUTCMonth() === Number(mm) - 1);
  const chosen = kind === 'birth'
    ? options.filter((d) => d <= today).at(-1)
    : options.reduce<Date | undefined>((a, b) => (a && Math.abs(a.getTime() - today.getTime()) <= Math.abs(b.getTime() - today.getTime()) ? a : b), undefined);
  return chosen ? chosen.toISOString().slice(0, 10) : null;
}
