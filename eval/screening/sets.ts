/**
 * The screening evaluation's query sets and the FollowTheMoney files the runner imports.
 * Everything here is read from public files (see README.md) or written by hand; nothing
 * goes through src/kernel/names or src/kernel/matching.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { EVAL_DIR, RESEARCH_DATA, readJsonLines } from './sdn.ts';

/** One line of `passerelle screen --input`. */
export interface ScreenQuery {
  id: string;
  name?: string;
  birthDate?: string;
  nationality?: string;
  gender?: string;
  documentNumber?: string;
  mrz?: string;
}

/** A query with what it should find: any of `targets` (source ids); none for a negative. */
export interface EvalQuery {
  kind: string;
  dataset: string;
  targets: string[];
  query: ScreenQuery;
  /** Where the query comes from, for the misses file. */
  source: string;
}

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

export const NEGATIVE_KINDS = new Set(['negative', 'senzing-negative', 'mrz-negative']);
export const NATIVE_KINDS = new Set(['native-script', 'multi-script']);

export interface VariantLine { target: string; kind: string; query: Omit<ScreenQuery, 'id'> }
export interface NegativeLine { id: string; kind: string; source: string; query: Omit<ScreenQuery, 'id'> }

export const VARIANTS_FILE = path.join(EVAL_DIR, 'sdn-variants.jsonl');
export const NEGATIVES_FILE = path.join(EVAL_DIR, 'negatives.jsonl');
export const MRZ_RECORDS_FILE = path.join(EVAL_DIR, 'mrz-records.jsonl');

export function sdnQueries(): EvalQuery[] {
  const variants = readJsonLines<VariantLine>(VARIANTS_FILE).map((v, i) => ({
    kind: v.kind, dataset: 'ofac', targets: [v.target], query: { id: `sdn-${i + 1}`, ...v.query }, source: `sdn-variants.jsonl line ${i + 1}`,
  }));
  const negatives = readJsonLines<NegativeLine>(NEGATIVES_FILE).map((n) => ({
    kind: 'negative', dataset: 'ofac', targets: [], query: { id: n.id, ...n.query }, source: n.source,
  }));
  return [...variants, ...negatives];
}

/** One person, all 81 renderings of his name (nomenklatura's putin_names.txt). */
export const PUTIN: FtmEntity = {
  id: 'putin', schema: 'Person',
  properties: { name: ['Vladimir Vladimirovich PUTIN'], birthDate: ['1952-10-07'], nationality: ['ru'], gender: ['male'] },
};

export function putinQueries(): EvalQuery[] {
  const lines = fs.readFileSync(path.join(RESEARCH_DATA, 'names/putin_names.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.map((name, i) => ({ kind: 'multi-script', dataset: 'eval-putin', targets: ['putin'], query: { id: `putin-${i + 1}`, name }, source: `putin_names.txt line ${i + 1}` }));
}

// --- Senzing truth set ---------------------------------------------------------------

type Row = Record<string, string>;
const readCsv = (file: string): Row[] =>
  parse<Row>(fs.readFileSync(path.join(RESEARCH_DATA, 'senzing_truthset', file), 'utf8'), { columns: true, trim: true, skip_empty_lines: true, relax_column_count: true });

/** "3/31/1954" or "3/1/70" (month first, as the truth set writes them) or "1993-09-14" → ISO; two-digit years above 26 are 19xx. */
export function senzingDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(raw);
  if (!m) return undefined;
  const [, month, day, y] = m as unknown as [string, string, string, string];
  const year = y.length === 4 ? y : `${Number(y) > 26 ? '19' : '20'}${y}`;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function senzingName(row: Row): string | undefined {
  const parts = [row.PRIMARY_NAME_FIRST, row.PRIMARY_NAME_MIDDLE, row.PRIMARY_NAME_LAST].filter((p) => p && p !== '');
  return row.PRIMARY_NAME_FULL || row.PRIMARY_NAME_ORG || (parts.length ? parts.join(' ') : undefined) || row.NATIVE_NAME_FULL || undefined;
}

export function senzingWatchlist(): FtmEntity[] {
  const entities: FtmEntity[] = [];
  for (const row of readCsv('watchlist.csv')) {
    const name = senzingName(row);
    if (!name) continue; // record 1021 has only an SSN, an e-mail and an address
    const person = row.RECORD_TYPE !== 'ORGANIZATION';
    const properties: Record<string, string[]> = { name: [name] };
    if (row.NATIVE_NAME_FULL && row.NATIVE_NAME_FULL !== name) properties.alias = [row.NATIVE_NAME_FULL];
    const birthDate = senzingDate(row.DATE_OF_BIRTH);
    if (person && birthDate) properties.birthDate = [birthDate];
    if (person && row.PRIMARY_NAME_FIRST) properties.firstName = [row.PRIMARY_NAME_FIRST];
    if (person && row.PRIMARY_NAME_LAST) properties.lastName = [row.PRIMARY_NAME_LAST];
    if (person && (row.GENDER === 'M' || row.GENDER === 'F')) properties.gender = [row.GENDER === 'M' ? 'male' : 'female'];
    entities.push({ id: row.RECORD_ID ?? '', schema: person ? 'Person' : 'Organization', properties });
  }
  return entities;
}

/** Customers and reference records in a watchlist entity (kind senzing), customers in none (senzing-negative). */
export function senzingQueries(watchlist: FtmEntity[]): { queries: EvalQuery[]; skipped: string[] } {
  const imported = new Set(watchlist.map((e) => e.id));
  const clusters = new Map<string, { source: string; id: string }[]>();
  for (const row of readCsv('actual_truthset_key.csv')) {
    const members = clusters.get(row.CLUSTER_ID ?? '') ?? [];
    members.push({ source: row.DATA_SOURCE ?? '', id: row.RECORD_ID ?? '' });
    clusters.set(row.CLUSTER_ID ?? '', members);
  }
  const watchTargets = new Map<string, string[]>(); // "SOURCE:id" → watchlist ids of its entity
  const inWatchEntity = new Set<string>();
  for (const members of clusters.values()) {
    const targets = members.filter((m) => m.source === 'WATCHLIST').map((m) => m.id);
    if (targets.length === 0) continue;
    for (const m of members) {
      inWatchEntity.add(`${m.source}:${m.id}`);
      watchTargets.set(`${m.source}:${m.id}`, targets.filter((t) => imported.has(t)));
    }
  }
  const queries: EvalQuery[] = [];
  const skipped: string[] = [];
  for (const [file, source] of [['customers.csv', 'CUSTOMERS'], ['reference.csv', 'REFERENCE']] as const) {
    for (const row of readCsv(file)) {
      const key = `${source}:${row.RECORD_ID}`;
      const name = senzingName(row);
      const targets = watchTargets.get(key);
      const positive = inWatchEntity.has(key);
      if (!positive && source !== 'CUSTOMERS') continue;
      if (!name) { skipped.push(`${key}: no name`); continue; }
      if (positive && targets?.length === 0) { skipped.push(`${key}: its watchlist record has no name`); continue; }
      const birthDate = senzingDate(row.DATE_OF_BIRTH);
      queries.push({
        kind: positive ? 'senzing' : 'senzing-negative', dataset: 'eval-senzing', targets: targets ?? [],
        query: { id: `senzing-${source}-${row.RECORD_ID}`, name, ...(birthDate ? { birthDate } : {}) }, source: `senzing ${file} RECORD_ID ${row.RECORD_ID}`,
      });
    }
  }
  return { queries, skipped };
}

// --- MRZ specimens ---------------------------------------------------------------------

export interface MrzRecord {
  specimen: number; id: string; lastName: string; firstName: string; birthDate: string; gender: string;
  printedNationality: string; nationality: string | null; documentType: string; documentNumber: string; issuingState: string; expiryDate: string;
}

export function mrzEntities(records: MrzRecord[] = readJsonLines<MrzRecord>(MRZ_RECORDS_FILE)): FtmEntity[] {
  return records.flatMap((r) => {
    const nationality: Record<string, string[]> = r.nationality ? { nationality: [r.nationality] } : {};
    const person: FtmEntity = {
      id: r.id, schema: 'Person',
      properties: { name: [`${r.firstName} ${r.lastName}`], firstName: [r.firstName], lastName: [r.lastName], birthDate: [r.birthDate], gender: [r.gender], passportNumber: [r.documentNumber], ...nationality },
    };
    const document: FtmEntity = {
      id: `${r.id}-document`, schema: 'Passport',
      properties: { number: [r.documentNumber], holder: [r.id], surname: [r.lastName], givenName: [r.firstName], birthDate: [r.birthDate], gender: [r.gender], endDate: [r.expiryDate], type: [r.documentType], ...(r.nationality ? { country: [r.nationality] } : {}) },
    };
    return [person, document];
  });
}

/** The raw MRZ of each specimen, lines joined with "\n"; the specimen marked false is the negative. */
export function mrzQueries(): EvalQuery[] {
  const rows = parse<Row>(fs.readFileSync(path.join(RESEARCH_DATA, 'mrz/mrz_specimens.tsv'), 'utf8'), { columns: true, delimiter: '\t', relax_quotes: true, skip_empty_lines: true });
  const records = readJsonLines<MrzRecord>(MRZ_RECORDS_FILE);
  let valid = 0;
  return rows.map((row, i) => {
    const mrz = [row.line1, row.line2, row.line3].filter((l) => l && l.trim() !== '').join('\n');
    const positive = row.check_digits_valid === 'true';
    if (positive) valid += 1;
    const record = positive ? records.find((r) => r.specimen === valid) : undefined;
    return {
      kind: positive ? 'mrz' : 'mrz-negative', dataset: 'eval-mrz', targets: record ? [record.id, `${record.id}-document`] : [],
      query: { id: `mrz-${i + 1}`, mrz }, source: `mrz_specimens.tsv row ${i + 1} (${row.note ?? ''})`,
    };
  });
}

export function writeFtm(file: string, entities: FtmEntity[]): void {
  fs.writeFileSync(file, entities.map((e) => JSON.stringify(e)).join('\n') + '\n');
}

/** Deterministic subsample: each query kept when the hash of its id falls below `scale`; at least one per kind. */
export function subsample(queries: EvalQuery[], scale: number): EvalQuery[] {
  if (scale >= 1) return queries;
  const kept = queries.filter((q) => fnv1a(q.query.id) < scale);
  for (const kind of new Set(queries.map((q) => q.kind))) {
    const first = queries.find((q) => q.kind === kind);
    if (first && !kept.some((q) => q.kind === kind)) kept.push(first);
  }
  return kept;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // murmur3's finaliser: ids that differ in one digit land far apart.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
