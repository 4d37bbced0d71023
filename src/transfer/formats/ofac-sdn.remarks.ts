import { getSchema } from '../../kernel/model/registry.ts';
import { PROPERTY_TYPES } from '../../kernel/model/property-types.ts';
import { countryCode } from './country-names.ts';

/** An identity document found in the remarks: becomes a linked Passport or Identification record. */
export interface RemarkDocument {
  schema: 'Passport' | 'Identification';
  type: string;
  number: string;
  country?: string | undefined;
  issued?: string | undefined;
  expires?: string | undefined;
}

/**
 * The values of one record, checked against its schema as they are added: a value the
 * schema has no property for, or that its type would refuse (a phone number written in
 * words, a website with a sentence after it), goes to the notes as OFAC wrote it instead
 * of making the importer reject the whole listing.
 */
export class Values {
  readonly properties: Record<string, string[]> = {};
  readonly notes: string[] = [];
  readonly documents: RemarkDocument[] = [];

  constructor(readonly schema: string) {}

  /** Adds `value` to `prop`; false (and the raw text noted) when it does not fit. An empty string is absent: nothing is noted. */
  add(prop: string, value: string | undefined, raw: string): boolean {
    if (value === '') return false; // absent, not wrong
    const spec = getSchema(this.schema)?.properties[prop];
    const cleaned = spec && value ? PROPERTY_TYPES[spec.type].clean(value) : undefined;
    if (!cleaned?.ok) {
      this.note(raw);
      return false;
    }
    const list = (this.properties[prop] ??= []);
    if (!list.includes(value as string)) list.push(value as string);
    return true;
  }

  has(prop: string): boolean {
    return Boolean(getSchema(this.schema)?.properties[prop]);
  }

  note(raw: string): void {
    if (raw && !this.notes.includes(raw)) this.notes.push(raw);
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface PartialDate {
  y: number;
  m?: number | undefined;
  d?: number | undefined;
}

/** "12 Jan 1965", "Jan 1965", "1965" (as OFAC writes them) → parts; undefined otherwise. */
function parseOfacDate(text: string): PartialDate | undefined {
  const match = /^(?:(\d{1,2})\s+)?(?:([A-Za-z]{3})[a-z]*\.?\s+)?(\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const [, d, mon, y] = match;
  const m = mon ? MONTHS.indexOf(mon.toLowerCase()) + 1 : undefined;
  if (m === 0 || (d && !m)) return undefined;
  return { y: Number(y), m, d: d ? Number(d) : undefined };
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (p: PartialDate) => `${p.y}${p.m ? `-${pad(p.m)}${p.d ? `-${pad(p.d)}` : ''}` : ''}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A date the data model accepts (YYYY, YYYY-MM, YYYY-MM-DD), or undefined. */
export function ofacDate(text: string): string | undefined {
  const parsed = parseOfacDate(text);
  const value = parsed && iso(parsed);
  return value && PROPERTY_TYPES.date.clean(value).ok ? value : undefined;
}

const MAX_YEARS = 10;
const MAX_MONTHS = 12;

/**
 * A date of birth as OFAC writes it → the values to store. Exact, month and year dates are
 * kept at their precision; "circa X" gives X. A range gives the whole years it spans when it
 * runs from January to December ("1960 to 1962", "01 Jan 1961 to 31 Dec 1962"), else the
 * months it spans if there are at most 12 ("26 Sep 1946 to 07 Dec 1946" → 1946-09 … 1946-12),
 * else the years (the Iranian-calendar "21 Mar 1950 to 20 Mar 1951" → 1950, 1951).
 */
export function birthDates(text: string): { dates: string[]; approximate: boolean } | undefined {
  const circa = /^circa\s+/i.test(text);
  const body = text.replace(/^circa\s+/i, '').trim();
  const range = /^(.+?)\s*(?:\bto\b|-)\s*(.+)$/.exec(body);
  if (!range) {
    const one = ofacDate(body);
    return one ? { dates: [one], approximate: circa } : undefined;
  }
  const from = parseOfacDate(range[1] ?? '');
  const to = parseOfacDate(range[2] ?? '');
  if (!from || !to || to.y < from.y) return undefined;
  const dates = spanned(from, to);
  return dates.length && dates.every((d) => PROPERTY_TYPES.date.clean(d).ok) ? { dates, approximate: true } : undefined;
}

function spanned(from: PartialDate, to: PartialDate): string[] {
  const wholeYears = (from.m ?? 1) === 1 && (from.d ?? 1) === 1 && (to.m ?? 12) === 12 && (to.d ?? 31) === 31;
  const years = () => {
    const count = to.y - from.y + 1;
    return count > MAX_YEARS ? [String(from.y), String(to.y)] : Array.from({ length: count }, (_, i) => String(from.y + i));
  };
  if (wholeYears) return years();
  const start = from.y * 12 + (from.m ?? 1) - 1;
  const end = to.y * 12 + (to.m ?? 12) - 1;
  const wholeMonths = (from.d ?? 1) === 1 && (to.d === undefined || to.d === lastDay(to.y, to.m ?? 12));
  if (end < start || end - start + 1 > MAX_MONTHS) return years();
  if (start === end && !wholeMonths && from.d && to.d) return [iso({ y: from.y, m: from.m })];
  return Array.from({ length: end - start + 1 }, (_, i) => `${Math.floor((start + i) / 12)}-${pad(((start + i) % 12) + 1)}`);
}

/** Identifier labels (each followed by the value) → the LegalEntity / Vehicle property they fill. */
const IDENTIFIERS: [RegExp, string][] = [
  [/^(?:Tax ID No\.|R\.F\.C\.|NIT #|RUC #|V\.A\.T\. Number|VAT Number|Tax Identification Number|INN)\s+(.+)$/i, 'taxNumber'],
  [/^(?:C\.U\.R\.P\.|Cedula No\.|Identification Number|D\.N\.I\.|SSN|Personal ID Card|Residency Number|Driver's License No\.|Birth Certificate Number)\s+(.+)$/i, 'idNumber'],
  [
    /^(?:Registration Number|Registration ID|Business Registration Number|Company Number|Commercial Registry Number|Folio Mercantil No\.|Unified Social Credit Code \(USCC\)|Legal Entity Number|C\.R\. No\.|Economic Register Number \(CBLS\)|Chamber of Commerce Number|D-U-N-S Number|Trade License No\.|Matricula Mercantil No|Central Registration System Number|Government Gazette Number|Vessel Registration Identification|Aircraft Tail Number)\s+(.+)$/i,
    'registrationNumber',
  ],
  [/^Aircraft Manufacturer's Serial Number \(MSN\)\s+(.+)$/i, 'vinCode'],
];

interface Identifier {
  number: string;
  country?: string | undefined;
  issued?: string | undefined;
  expires?: string | undefined;
  /** Something was written that no property holds (an unknown country, an unreadable date). */
  partial: boolean;
}

/** "D9004070 (Iran) issued 12 Jan 2001 expires 11 Jan 2006" → its parts. */
function identifier(text: string): Identifier | undefined {
  let rest = text.trim();
  const expires = /\s+expires\s+(.+)$/i.exec(rest);
  if (expires) rest = rest.slice(0, expires.index);
  const issued = /\s+issued\s+(.+)$/i.exec(rest);
  if (issued) rest = rest.slice(0, issued.index);
  const country = /\s*\(([^()]+)\)$/.exec(rest);
  if (country) rest = rest.slice(0, country.index);
  if (!rest || !/\d/.test(rest)) return undefined;
  const id = {
    number: rest.trim(),
    country: country ? countryCode(country[1] ?? '') : undefined,
    issued: issued ? ofacDate(issued[1] ?? '') : undefined,
    expires: expires ? ofacDate(expires[1] ?? '') : undefined,
  };
  return { ...id, partial: Boolean((country && !id.country) || (issued && !id.issued) || (expires && !id.expires)) };
}

/** Strips one pair of enclosing quotes (' or "), and a second when OFAC doubled them (''FUPI''). */
function unquote(text: string): string {
  let value = text.trim();
  for (let i = 0; i < 2; i += 1) {
    const q = value[0];
    if ((q === "'" || q === '"') && value.length > 2 && value.endsWith(q)) value = value.slice(1, -1).trim();
  }
  return value;
}

/**
 * Splits the remarks into their parts ("DOB 1965; POB Tehran, Iran; a.k.a. 'ABU ALI'.").
 * Parts end at ";" unless an alias's quote is still open (aliases may hold ";").
 */
export function remarkParts(remarks: string): string[] {
  const text = remarks.trim().replace(/(?<!\b[A-Za-z])\.$/, '');
  const parts: string[] = [];
  for (const piece of text.split(';')) {
    const previous = parts.at(-1);
    if (previous !== undefined && /^(alt\.\s+)?[afn]\.k\.a\.,?\s+['"]/i.test(previous) && !/['"]$/.test(previous)) parts[parts.length - 1] = `${previous};${piece}`;
    else parts.push(piece.trim());
  }
  return parts.map((p) => p.trim()).filter(Boolean);
}

type Rule = [RegExp, (values: Values, match: RegExpExecArray, raw: string) => void];

const RULES: Rule[] = [
  [/^([afn])\.k\.a\.,?\s+(.+)$/i, (v, m, raw) => {
    // In OFAC's CSV files every a.k.a. in the remarks is a weak alias (OFAC FAQ 123): strong ones are in alt.csv.
    const prop = { a: 'weakAlias', f: 'previousName', n: 'alias' }[(m[1] ?? 'a').toLowerCase()] ?? 'weakAlias';
    v.add(prop, unquote(m[2] ?? ''), raw);
  }],
  [/^DOB\s+(.+)$/i, (v, m, raw) => {
    const dob = birthDates(m[1] ?? '');
    if (!dob || !v.has('birthDate')) return v.note(raw);
    for (const date of dob.dates) v.add('birthDate', date, raw);
    if (dob.approximate) v.note(raw); // "circa" and ranges are not exact dates: keep OFAC's words too.
  }],
  [/^POB\s+(.+)$/i, (v, m, raw) => {
    const place = (m[1] ?? '').trim();
    if (!v.add('birthPlace', place, raw)) return;
    const country = countryCode(place.split(',').at(-1) ?? '');
    if (country) v.add('birthCountry', country, raw);
  }],
  [/^(nationality|citizen)\s+(.+)$/i, (v, m, raw) => {
    v.add(m[1]?.toLowerCase() === 'citizen' ? 'citizenship' : 'nationality', countryCode(m[2] ?? ''), raw);
  }],
  [/^Gender\s+(Male|Female)$/i, (v, m, raw) => v.add('gender', m[1]?.toLowerCase(), raw)],
  [/^(Passport|National ID No\.?)\s+(.+)$/i, (v, m, raw) => {
    const passport = m[1]?.toLowerCase() === 'passport';
    const id = identifier(m[2] ?? '');
    if (!id || !v.add(passport ? 'passportNumber' : 'idNumber', id.number, raw)) return id ? undefined : v.note(raw);
    const { partial, ...document } = id;
    v.documents.push({ schema: passport ? 'Passport' : 'Identification', type: passport ? 'passport' : 'national ID', ...document });
    if (partial) v.note(raw);
  }],
  [/^(?:Email Address|Email):?\s*(\S+)$/i, (v, m, raw) => v.add('email', m[1], raw)],
  [/^Website:?\s+(\S+)$/i, (v, m, raw) => v.add('website', /^https?:\/\//i.test(m[1] ?? '') ? m[1] : `http://${m[1] ?? ''}`, raw)],
  [/^(?:Phone Number|Telephone(?: Number)?|Phone):?\s+(.+)$/i, (v, m, raw) => v.add('phone', m[1], raw)],
  [/^Organization Established Date\s+(.+)$/i, (v, m, raw) => v.add('incorporationDate', ofacDate(m[1] ?? ''), raw)],
  [/^Organization Type:\s+(.+)$/i, (v, m, raw) => v.add(v.has('sector') ? 'sector' : 'classification', m[1], raw)],
  [/^Aircraft Model\s+(.+)$/i, (v, m, raw) => v.add('model', m[1], raw)],
  [/^Aircraft Manufacture Date\s+(.+)$/i, (v, m, raw) => v.add('buildDate', ofacDate(m[1] ?? ''), raw)],
  ...IDENTIFIERS.map(([pattern, prop]): Rule => [pattern, (v, m, raw) => {
    const id = identifier(m[1] ?? '');
    if (!id) return v.note(raw);
    // The issuing country of these identifiers has no property: OFAC's words are kept when there is one.
    if (v.add(prop, id.number, raw) && (id.country || id.partial)) v.note(raw);
  }]),
];

/** Reads every part of the remarks into `values`; a part no rule reads is kept in the notes. */
export function readRemarks(values: Values, remarks: string): void {
  for (const raw of remarkParts(remarks)) {
    const part = raw.replace(/^alt\.\s+/i, '');
    const rule = RULES.find(([pattern]) => pattern.test(part));
    const match = rule?.[0].exec(part);
    if (rule && match) rule[1](values, match, raw);
    else values.note(raw);
  }
}
