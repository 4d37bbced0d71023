import { isA } from '../model/registry.ts';
import type { Properties } from '../model/registry.ts';
import { nameTokens, type NameToken } from '../matching/name-tokens.ts';

/** What the name index keeps of one record: enough to find and score it, nothing to disclose. */
export interface IndexEntry {
  id: string;
  version: number;
  schema: string;
  dataset: string;
  sourceId: string | null;
  ownerOrg: string;
  /** Each name and alias, as words. */
  names: NameToken[][];
  birthDates: string[];
  nationalities: string[];
  gender: string | null;
  /** Document, plate, VIN and serial numbers, normalised (upper case, letters and digits only). */
  identifiers: string[];
}

const INDEXED_ROOTS = ['LegalEntity', 'Identification', 'Vehicle', 'Firearm'];

/** The schemata the index holds: people and organisations, their documents, vehicles and firearms. */
export function isIndexed(schema: string): boolean {
  return INDEXED_ROOTS.some((s) => isA(schema, s));
}

const IDENTIFIER_PROPERTIES = ['passportNumber', 'idNumber', 'number', 'personalNumber', 'registrationNumber', 'vinCode', 'serialNumber', 'taxNumber'];
const NAME_PROPERTIES = ['name', 'alias', 'previousName', 'weakAlias', 'surname', 'givenName', 'firstName', 'lastName'];

/** Every property `indexEntryOf` reads: the index asks the database for these only. */
export const INDEXED_PROPERTIES: readonly string[] = [...NAME_PROPERTIES, 'birthDate', 'nationality', 'citizenship', 'gender', ...IDENTIFIER_PROPERTIES];

export const normaliseIdentifier = (raw: string): string => raw.toUpperCase().replace(/[^A-Z0-9]/g, '');

function fullNames(p: Properties): string[] {
  const names = [...(p.name ?? []), ...(p.alias ?? []), ...(p.previousName ?? []), ...(p.weakAlias ?? [])];
  // A document's holder name is written as surname and given names (Passport).
  if (p.surname?.[0]) names.push(`${p.givenName?.[0] ?? ''} ${p.surname[0]}`.trim());
  if (names.length === 0 && (p.firstName?.[0] || p.lastName?.[0])) names.push(`${p.firstName?.[0] ?? ''} ${p.lastName?.[0] ?? ''}`.trim());
  return [...new Set(names)];
}

export function indexEntryOf(row: { id: string; version: number; schema: string; dataset: string; source_id: string | null; owner_org: string; properties: Properties }): IndexEntry {
  const p = row.properties;
  return {
    id: row.id,
    version: row.version,
    schema: row.schema,
    dataset: row.dataset,
    sourceId: row.source_id,
    ownerOrg: row.owner_org,
    names: fullNames(p).map(nameTokens).filter((t) => t.length > 0),
    birthDates: p.birthDate ?? [],
    nationalities: [...(p.nationality ?? []), ...(p.citizenship ?? [])],
    gender: p.gender?.[0] ?? null,
    identifiers: [...new Set(IDENTIFIER_PROPERTIES.flatMap((k) => p[k] ?? []).map(normaliseIdentifier).filter((v) => v.length >= 4))],
  };
}

