import { vinCheckDigit } from '../../kernel/matching/vehicles.ts';
import type { Random } from './random.ts';

/**
 * Identifiers that look and check like real ones: VINs with their ISO 3779 check digit,
 * IBANs with their ISO 13616 mod-97 check digits, and country-shaped passport numbers,
 * number plates, phone numbers and firearm serials.
 */

// VIN check digits are kernel knowledge (screening verifies them): re-exported for the generator's callers.
export { isValidVin, vinCheckDigit } from '../../kernel/matching/vehicles.ts';

// ISO 3779: letters I, O and Q never appear.
const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
// Model-year codes (position 10) from 2001: digits then letters without I, O, Q, U, Z.
const VIN_YEARS = '123456789ABCDEFGHJKLMNPRST';

/** A VIN for a maker's world manufacturer identifier (e.g. 'VF1' Renault) and a build year. */
export function vin(rnd: Random, wmi: string, year: number): string {
  const vds = Array.from({ length: 5 }, () => rnd.pick([...VIN_ALPHABET])).join('');
  const yearCode = VIN_YEARS[(year - 2001 + VIN_YEARS.length * 4) % VIN_YEARS.length] ?? 'A';
  const plant = rnd.pick([...VIN_ALPHABET]);
  const serial = String(rnd.int(0, 999_999)).padStart(6, '0');
  const draft = `${wmi}${vds}0${yearCode}${plant}${serial}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}

// BBAN shapes from the SWIFT IBAN registry: n digits, a upper-case letters, c letters or digits.
const IBAN_FORMATS: Record<string, string> = {
  fr: '5n5n11c2n',
  de: '18n',
  es: '20n',
  gb: '4a14n',
  nl: '4a10n',
  be: '12n',
  ch: '5n12c',
  it: '1a10n12c',
  pt: '21n',
  gr: '7n16c',
  tr: '5n1n16c',
  jo: '4a4n18c',
  ae: '3n16n',
  sa: '2n18c',
  br: '8n5n10n1a1c',
  lb: '4n20c',
  ua: '6n19c',
  il: '3n3n13n',
};
export const IBAN_COUNTRIES = Object.keys(IBAN_FORMATS);

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function bban(rnd: Random, format: string): string {
  let out = '';
  for (const [, length, kind] of format.matchAll(/(\d+)([nac])/g)) {
    const alphabet = kind === 'n' ? DIGITS : kind === 'a' ? UPPER : DIGITS + UPPER;
    for (let i = 0; i < Number(length); i += 1) out += alphabet[rnd.int(0, alphabet.length - 1)] ?? '0';
  }
  return out;
}

/** The remainder of an IBAN-style string modulo 97, letters counting A=10 … Z=35. */
export function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

export const isValidIban = (iban: string): boolean => {
  const compact = iban.replace(/\s+/g, '');
  return /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(compact) && mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
};

/** An IBAN with valid check digits, in the compact form (no spaces). */
export function iban(rnd: Random, country: string): string {
  const format = IBAN_FORMATS[country] ?? IBAN_FORMATS.gb ?? '';
  const code = (IBAN_FORMATS[country] ? country : 'gb').toUpperCase();
  const account = bban(rnd, format);
  const check = 98 - mod97(`${account}${code}00`);
  return `${code}${String(check).padStart(2, '0')}${account}`;
}

/** A SWIFT/BIC code: bank, country, location (and sometimes a branch). */
export const bic = (rnd: Random, country: string): string =>
  `${rnd.pattern('AAAA')}${country.toUpperCase()}${rnd.pattern('X9')}${rnd.chance(0.3) ? rnd.pattern('XXX') : ''}`;

const PASSPORT_PATTERNS: Record<string, string> = {
  fr: '99AA99999',
  de: 'C9AAXXXX9',
  es: 'AAA999999',
  gb: '999999999',
  us: '999999999',
  ma: 'AA9999999',
  jo: 'A999999',
  br: 'AA999999',
  ng: 'A99999999',
  th: 'AA9999999',
  ru: '999999999',
  ua: 'AA999999',
  cn: 'E99999999',
  jp: 'AA9999999',
  kr: 'M99999999',
  tr: 'U99999999',
  ir: 'A99999999',
  pk: 'AA9999999',
};

export const passportNumber = (rnd: Random, country: string): string => rnd.pattern(PASSPORT_PATTERNS[country] ?? 'A9999999');

const ARABIC_PLATE_LETTERS = 'أبدهـوط';
const THAI_PLATE_LETTERS = 'กขคงจฉชซญฎฐ';

/** A number plate in the country's format (Moroccan plates carry an Arabic letter, Thai ones Thai). */
export function plate(rnd: Random, country: string): string {
  switch (country) {
    case 'fr':
      return rnd.pattern('AA-999-AA');
    case 'de':
      return `${rnd.pick(['B', 'M', 'HH', 'K', 'F', 'S', 'D'])}-${rnd.pattern('AA 999')}${rnd.int(0, 9)}`;
    case 'es':
      return rnd.pattern('9999 AAA', 'BCDFGHJKLMNPRSTVWXYZ');
    case 'gb':
      return rnd.pattern('AA99 AAA');
    case 'br':
      return rnd.pattern('AAA9A99');
    case 'ng':
      return rnd.pattern('AAA-999AA');
    case 'ma':
      return `${rnd.int(1, 99_999)}-${rnd.pick([...ARABIC_PLATE_LETTERS])}-${rnd.int(1, 89)}`;
    case 'jo':
      return `${rnd.int(10, 99)}-${rnd.pattern('99999')}`;
    case 'th':
      return `${rnd.int(1, 9)}${rnd.pick([...THAI_PLATE_LETTERS])}${rnd.pick([...THAI_PLATE_LETTERS])} ${rnd.int(1000, 9999)}`;
    default:
      return rnd.pattern('AAA 9999');
  }
}

// Country calling code and the shape of a mobile number after it.
const MOBILE_FORMATS: Record<string, [string, string]> = {
  fr: ['33', '6 99 99 99 99'],
  ma: ['212', '6 99 99 99 99'],
  es: ['34', '6 99 99 99 99'],
  de: ['49', '15 999 999999'],
  ng: ['234', '80 9999 9999'],
  br: ['55', '11 99999 9999'],
  jo: ['962', '79 999 9999'],
  th: ['66', '8 9999 9999'],
  gb: ['44', '7 999 999999'],
  us: ['1', '999 555 9999'],
  ru: ['7', '9 99 999 99 99'],
  ua: ['380', '67 999 9999'],
  cn: ['86', '139 9999 9999'],
  kr: ['82', '10 9999 9999'],
  jp: ['81', '90 9999 9999'],
  gr: ['30', '69 9999 9999'],
  am: ['374', '9 999 9999'],
  pk: ['92', '3 99 9999999'],
  ir: ['98', '91 9999 9999'],
  il: ['972', '5 99 999 999'],
  tr: ['90', '5 99 999 9999'],
  eg: ['20', '10 9999 9999'],
  dz: ['213', '5 99 99 99 99'],
  tn: ['216', '2 999 9999'],
  iq: ['964', '7 99 999 9999'],
  sy: ['963', '9 999 9999'],
  lb: ['961', '3 999 999'],
  sa: ['966', '5 999 9999'],
  ae: ['971', '5 999 9999'],
  af: ['93', '7 99 999 999'],
  mx: ['52', '55 9999 9999'],
  co: ['57', '3 99 999 9999'],
  ar: ['54', '9 11 9999 9999'],
  at: ['43', '6 99 9999999'],
  ch: ['41', '7 99 999 999'],
  be: ['32', '4 99 99 99 99'],
  sn: ['221', '7 99 999 999'],
  pt: ['351', '9 99 999 999'],
  cy: ['357', '9 999 9999'],
  gh: ['233', '2 99 999 999'],
};

/** A mobile phone number in international form, with the spaces people type. */
export function phoneNumber(rnd: Random, country: string): string {
  const [code, shape] = MOBILE_FORMATS[country] ?? ['44', '7 999 999999'];
  return `+${code} ${rnd.pattern(shape)}`;
}

const SERIAL_PATTERNS: Record<string, string> = {
  Glock: 'AAA999',
  Beretta: 'AA99999A',
  'CZ (Česká zbrojovka)': 'A999999',
  Zastava: '999999',
  Kalashnikov: '9999 99999',
  'Smith & Wesson': 'AAA9999',
  'SIG Sauer': 'AA999999',
  Walther: '999999A',
  Taurus: 'AAA99999',
  Norinco: '99999999',
  'Heckler & Koch': '99-999999',
  Browning: '999AA99999',
};
export const FIREARM_MAKES = Object.keys(SERIAL_PATTERNS);

export const firearmSerial = (rnd: Random, make: string): string => rnd.pattern(SERIAL_PATTERNS[make] ?? 'AA999999');
