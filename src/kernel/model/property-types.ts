/**
 * Property types of the data model, after FollowTheMoney's type system: every value is
 * a string; each type knows how to clean a raw value and say why it is not valid.
 *
 * @example
 *   PROPERTY_TYPES.date.clean('1984-02-30') // { ok: false, message: 'not a real calendar date' }
 *   PROPERTY_TYPES.country.clean('FR')      // { ok: true, value: 'fr' }
 */
export type PropertyTypeName =
  | 'name'
  | 'string'
  | 'text'
  | 'date'
  | 'country'
  | 'identifier'
  | 'email'
  | 'phone'
  | 'address'
  | 'entity'
  | 'url'
  | 'number'
  | 'gender'
  | 'topic';

export type Cleaned = { ok: true; value: string } | { ok: false; message: string };

export interface PropertyType {
  name: PropertyTypeName;
  /** Longest accepted value, in characters. */
  maxLength: number;
  clean(raw: string): Cleaned;
}

const ok = (value: string): Cleaned => ({ ok: true, value });
const fail = (message: string): Cleaned => ({ ok: false, message });

const collapseSpaces = (raw: string) => raw.normalize('NFC').replace(/\s+/gu, ' ').trim();

function textType(name: PropertyTypeName, maxLength: number, keepLines = false): PropertyType {
  return {
    name,
    maxLength,
    clean(raw) {
      const value = keepLines ? raw.normalize('NFC').trim() : collapseSpaces(raw);
      if (!value) return fail('is empty');
      if (value.length > maxLength) return fail(`is longer than ${maxLength} characters`);
      return ok(value);
    },
  };
}

const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** FollowTheMoney dates may be partial: a year, a year and month, or a full day. */
function cleanDate(raw: string): Cleaned {
  const value = raw.trim().slice(0, 10);
  const match = DATE_PATTERN.exec(value);
  if (!match) return fail('is not a date: write YYYY, YYYY-MM or YYYY-MM-DD');
  const [, y, m, d] = match;
  const year = Number(y);
  if (year < 1800 || year > 2200) return fail('has a year outside 1800–2200');
  if (m !== undefined) {
    const month = Number(m);
    if (month < 1 || month > 12) return fail('has a month outside 01–12');
    if (d !== undefined) {
      const day = Number(d);
      const probe = new Date(Date.UTC(year, month - 1, day));
      if (probe.getUTCMonth() !== month - 1 || day < 1) return fail('is not a real calendar date');
    }
  }
  return ok(value);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
// FollowTheMoney's codes beyond ISO 3166-1 (Kosovo, global, historical states, organisations).
const EXTRA_COUNTRY_CODES = new Set(['xk', 'zz', 'eu', 'un', 'suhh', 'csxx', 'yucs', 'ddde', 'ge-ab', 'md-pmr', 'ua-cri', 'ua-dpr', 'ua-lpr', 'cy-trnc', 'so-som', 'az-nk', 'gb-sct', 'gb-wls', 'gb-eng', 'gb-nir']);

// Asking Intl costs ~2 µs a call, a noticeable share of a bulk import: answers are remembered.
const countryAnswers = new Map<string, boolean>();

/** True for an ISO 3166-1 alpha-2 code (any case) or one of FollowTheMoney's extra codes. */
export function isCountryCode(code: string): boolean {
  const lower = code.toLowerCase();
  const known = countryAnswers.get(lower);
  if (known !== undefined) return known;
  const answer = EXTRA_COUNTRY_CODES.has(lower) || (/^[a-z]{2}$/.test(lower) && regionNames.of(lower.toUpperCase()) !== lower.toUpperCase());
  if (countryAnswers.size < 10_000) countryAnswers.set(lower, answer);
  return answer;
}

function cleanCountry(raw: string): Cleaned {
  const code = raw.trim().toLowerCase();
  return isCountryCode(code) ? ok(code) : fail('is not an ISO 3166-1 alpha-2 country code (e.g. "fr")');
}

function cleanEmail(raw: string): Cleaned {
  const value = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(value) && value.length <= 254 ? ok(value) : fail('is not an e-mail address');
}

/** Keeps a leading + and the digits; separators people type are dropped. */
function cleanPhone(raw: string): Cleaned {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[\s().\-/]/g, '');
  if (!/^\+?\d{5,20}$/.test(digits)) return fail('is not a phone number (digits, optionally starting with +)');
  return ok(digits);
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID_PATTERN.test(value);

function cleanEntity(raw: string): Cleaned {
  const value = raw.trim().toLowerCase();
  return isUuid(value) ? ok(value) : fail('must be the id of a record (a UUID)');
}

function cleanUrl(raw: string): Cleaned {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? ok(url.toString()) : fail('must be an http(s) address');
  } catch {
    return fail('is not a web address');
  }
}

function cleanNumber(raw: string): Cleaned {
  const value = raw.trim().replace(/[\s,](?=\d{3}\b)/g, '');
  return /^-?\d+(\.\d+)?$/.test(value) ? ok(value) : fail('is not a number');
}

const GENDERS: Record<string, string> = { male: 'male', m: 'male', female: 'female', f: 'female', other: 'other', x: 'other' };
function cleanGender(raw: string): Cleaned {
  const value = GENDERS[raw.trim().toLowerCase()];
  return value ? ok(value) : fail('must be male, female or other');
}

function cleanIdentifier(raw: string): Cleaned {
  const value = collapseSpaces(raw);
  if (!value) return fail('is empty');
  return value.length <= 128 ? ok(value) : fail('is longer than 128 characters');
}

export const PROPERTY_TYPES: Record<PropertyTypeName, PropertyType> = {
  name: textType('name', 500),
  string: textType('string', 1000),
  text: textType('text', 65_000, true),
  address: textType('address', 1000),
  topic: textType('topic', 64),
  date: { name: 'date', maxLength: 10, clean: cleanDate },
  country: { name: 'country', maxLength: 8, clean: cleanCountry },
  identifier: { name: 'identifier', maxLength: 128, clean: cleanIdentifier },
  email: { name: 'email', maxLength: 254, clean: cleanEmail },
  phone: { name: 'phone', maxLength: 21, clean: cleanPhone },
  entity: { name: 'entity', maxLength: 36, clean: cleanEntity },
  url: { name: 'url', maxLength: 2048, clean: cleanUrl },
  number: { name: 'number', maxLength: 64, clean: cleanNumber },
  gender: { name: 'gender', maxLength: 6, clean: cleanGender },
};
