import type { Readable } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validationFailed } from '../../kernel/errors.ts';
import { countryCode } from './country-names.ts';
import type { ImportFormatSpec, ParsedEntity, ParsedRow } from './format.ts';
import { LEGAL_FORM } from './ofac-sdn.parser.ts';
import { Values } from './ofac-sdn.remarks.ts';

/**
 * The UN Security Council consolidated list (XML, root CONSOLIDATED_LIST with INDIVIDUALS
 * and ENTITIES). The file is a few MB, so it is read whole and parsed with fast-xml-parser
 * rather than streamed: simpler, and the list is bounded by the Council's work, not by its
 * users. A record's source id is its DATAID (see docs/import-export.md for why, and for the
 * mappings); line numbers are those of each INDIVIDUAL / ENTITY opening tag.
 */
const MAX_BYTES = 64 * 1024 * 1024;

const REPEATED = new Set(['INDIVIDUAL', 'ENTITY', 'VALUE', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_PLACE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT']);

type Node = Record<string, unknown>;

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_BYTES) throw validationFailed([{ field: 'file', message: `is larger than ${MAX_BYTES / 1024 / 1024} MiB: not a UN consolidated list` }]);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}

async function openUnList(input: Readable): Promise<AsyncIterable<ParsedRow>> {
  const text = await readAll(input);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw validationFailed([{ field: 'file', message: `is not valid XML: line ${valid.err.line}: ${valid.err.msg}` }]);
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => REPEATED.has(name) });
  const root = (parser.parse(text) as Node).CONSOLIDATED_LIST as Node | undefined;
  if (!root || typeof root !== 'object') throw validationFailed([{ field: 'file', message: 'has no CONSOLIDATED_LIST root element: not the UN Security Council consolidated list' }]);
  const individuals = list((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL);
  const entities = list((root.ENTITIES as Node | undefined)?.ENTITY);
  return rows(individuals, tagLines(text, 'INDIVIDUAL'), entities, tagLines(text, 'ENTITY'));
}

async function* rows(individuals: Node[], individualLines: number[], entities: Node[], entityLines: number[]): AsyncGenerator<ParsedRow> {
  for (const [i, node] of individuals.entries()) yield* listing(node, individualLines[i] ?? 0, 'Person');
  for (const [i, node] of entities.entries()) yield* listing(node, entityLines[i] ?? 0, 'Organization');
}

/** Line numbers of each `<TAG>` opening tag, in document order. */
function tagLines(text: string, tag: string): number[] {
  const lines: number[] = [];
  const pattern = new RegExp(`<${tag}[\\s>/]`, 'g');
  let line = 1;
  let from = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (let i = text.indexOf('\n', from); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) line += 1;
    from = match.index;
    lines.push(line);
  }
  return lines;
}

const list = (value: unknown): Node[] => (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).filter((v): v is Node => typeof v === 'object' && v !== null);
const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
const values = (node: unknown): string[] => list(node).flatMap((n) => (Array.isArray(n.VALUE) ? n.VALUE : [n.VALUE]).map(str)).filter(Boolean);

function listing(node: Node, line: number, kind: 'Person' | 'Organization'): ParsedRow[] {
  const id = str(node.DATAID);
  const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => str(node[k])).filter(Boolean).join(' ');
  const source = { DATAID: id, REFERENCE_NUMBER: str(node.REFERENCE_NUMBER), name };
  if (!/^\d+$/.test(id)) return [{ line, error: `DATAID "${id.slice(0, 40)}" is missing or not a number: it is the listing's id`, source }];
  if (!name) return [{ line, error: 'has no name (FIRST_NAME … FOURTH_NAME are all empty)', source }];
  const schema = kind === 'Organization' && LEGAL_FORM.test(name) ? 'Company' : kind;
  const v = new Values(schema);
  v.add('name', name, `Name ${name}`);
  v.add('alias', str(node.NAME_ORIGINAL_SCRIPT), `Name in original script ${str(node.NAME_ORIGINAL_SCRIPT)}`);
  v.add('topics', 'sanction', '');
  for (const keyword of [str(node.REFERENCE_NUMBER), str(node.UN_LIST_TYPE)]) if (keyword) v.add('keywords', keyword, keyword);
  if (str(node.LISTED_ON)) v.note(`Listed on ${str(node.LISTED_ON).slice(0, 10)}`);
  if (str(node.COMMENTS1)) v.add('description', str(node.COMMENTS1), `Comments ${str(node.COMMENTS1)}`);
  for (const alias of [...list(node.INDIVIDUAL_ALIAS), ...list(node.ENTITY_ALIAS)]) readAlias(v, alias);
  for (const nationality of values(node.NATIONALITY)) v.add('nationality', countryCode(nationality), `Nationality ${nationality}`);
  for (const title of values(node.TITLE)) v.add('title', title, `Title ${title}`);
  for (const designation of values(node.DESIGNATION)) v.add('position', designation, `Designation ${designation}`);
  const gender = str(node.GENDER);
  if (gender) v.add('gender', gender.toLowerCase(), `Gender ${gender}`);
  for (const dob of list(node.INDIVIDUAL_DATE_OF_BIRTH)) readBirthDate(v, dob);
  for (const pob of list(node.INDIVIDUAL_PLACE_OF_BIRTH)) readBirthPlace(v, pob);
  for (const address of [...list(node.INDIVIDUAL_ADDRESS), ...list(node.ENTITY_ADDRESS)]) readAddress(v, address);
  const documents = list(node.INDIVIDUAL_DOCUMENT).flatMap((doc, i) => readDocument(v, doc, id, i, line, source));
  const properties: Record<string, string[]> = { ...v.properties };
  if (v.notes.length) properties.notes = [v.notes.join('; ')];
  return [{ line, id, schema, properties, source }, ...documents];
}

/** QUALITY "Good" and "a.k.a." are aliases, "Low" weak aliases, "f.k.a." previous names. */
function readAlias(v: Values, alias: Node): void {
  const name = str(alias.ALIAS_NAME);
  if (!name) return;
  const quality = str(alias.QUALITY).toLowerCase();
  const prop = quality === 'low' ? 'weakAlias' : quality === 'f.k.a.' ? 'previousName' : 'alias';
  v.add(prop, name, `Alias (${quality || 'unknown quality'}) ${name}`);
}

const MAX_YEARS = 10;

/** EXACT / APPROXIMATELY with a DATE or a YEAR, or BETWEEN FROM_YEAR and TO_YEAR (each year). */
function readBirthDate(v: Values, dob: Node): void {
  const type = str(dob.TYPE_OF_DATE).toUpperCase();
  const from = Number(str(dob.FROM_YEAR));
  const to = Number(str(dob.TO_YEAR));
  const raw = `Date of birth ${[type, str(dob.DATE), str(dob.YEAR), str(dob.FROM_YEAR), str(dob.TO_YEAR), str(dob.NOTE)].filter(Boolean).join(' ')}`;
  let dates: string[];
  if (str(dob.DATE)) dates = [str(dob.DATE).slice(0, 10)];
  else if (str(dob.YEAR)) dates = [str(dob.YEAR)];
  else if (from && to && to >= from) dates = to - from + 1 > MAX_YEARS ? [String(from), String(to)] : Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  else return v.note(raw);
  for (const date of dates) v.add('birthDate', date, raw);
  if (type !== 'EXACT' || str(dob.NOTE)) v.note(raw);
}

function readBirthPlace(v: Values, pob: Node): void {
  const place = ['CITY', 'STATE_PROVINCE', 'COUNTRY'].map((k) => str(pob[k])).filter(Boolean).join(', ');
  if (!place) return;
  v.add('birthPlace', place, `Place of birth ${place}`);
  if (str(pob.COUNTRY)) v.add('birthCountry', countryCode(str(pob.COUNTRY)), `Place of birth ${place}`);
  if (str(pob.NOTE)) v.note(`Place of birth: ${str(pob.NOTE)}`);
}

function readAddress(v: Values, address: Node): void {
  const full = ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY'].map((k) => str(address[k])).filter(Boolean).join(', ');
  if (full) v.add('address', full, `Address ${full}`);
  if (str(address.COUNTRY)) v.add('country', countryCode(str(address.COUNTRY)), `Address country ${str(address.COUNTRY)}`);
  if (str(address.NOTE)) v.note(`Address: ${str(address.NOTE)}`);
}

/** A passport fills passportNumber, any other document idNumber; each also becomes a linked record. */
function readDocument(v: Values, doc: Node, holder: string, index: number, line: number, source: unknown): ParsedEntity[] {
  const type = str(doc.TYPE_OF_DOCUMENT) || str(doc.TYPE_OF_DOCUMENT2) || 'identity document';
  const number = str(doc.NUMBER);
  const note = str(doc.NOTE);
  const raw = `${type} ${number} ${[str(doc.ISSUING_COUNTRY), str(doc.COUNTRY_OF_ISSUE), str(doc.DATE_OF_ISSUE), note].filter(Boolean).join(', ')}`.trim();
  const passport = /passport/i.test(type);
  if (!number || !v.add(passport ? 'passportNumber' : 'idNumber', number, raw)) {
    if (!number) v.note(raw);
    return [];
  }
  const countryName = str(doc.ISSUING_COUNTRY) || str(doc.COUNTRY_OF_ISSUE);
  const country = countryCode(countryName);
  const issued = str(doc.DATE_OF_ISSUE).slice(0, 10);
  if ((countryName && !country) || note) v.note(raw);
  const properties: Record<string, string[]> = { number: [number], type: [type], holder: [holder], topics: ['sanction'] };
  if (country) properties.country = [country];
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(issued)) properties.startDate = [issued];
  return [{ line, id: `${holder}-${passport ? 'passport' : 'id'}-${index + 1}`, schema: passport ? 'Passport' : 'Identification', properties, source }];
}

export const unScFormat: ImportFormatSpec = {
  description: 'UN Security Council consolidated sanctions list (XML)',
  contentTypes: ['application/xml', 'text/xml'],
  extensions: ['.xml'],
  needsMapping: false,
  open: async (input) => openUnList(input),
};
