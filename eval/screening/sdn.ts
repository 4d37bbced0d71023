/**
 * Reading the OFAC SDN main table (sdn.csv, no header) and a crude name key, for the
 * screening evaluation only. Deliberately independent of src/kernel/names and
 * src/kernel/matching: the evaluation must not grade the matcher with its own code.
 *
 * @example
 *   const sdn = readSdn(SDN_FILE);
 *   sdn.get('35096')?.name; // 'PUTIN, Vladimir Vladimirovich'
 *   nameKey('PUTIN, Vladimir') === nameKey('vladimir putin'); // true
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export const RESEARCH_DATA = process.env.PASSERELLE_RESEARCH_DATA ?? '/work/shared/research-data';
export const SDN_FILE = path.join(RESEARCH_DATA, 'ofac_sdn/sdn_2024-05-03.csv');
export const EVAL_DIR = import.meta.dirname;

export interface SdnEntry {
  entNum: string;
  name: string;
  type: string;
  programs: string;
  remarks: string;
  /** The quoted names after "a.k.a." in the remarks (weak and strong alike). */
  aliases: string[];
}

/** `-0-` is the table's empty value. */
const value = (cell: string | undefined): string => (cell === undefined || cell === '-0-' ? '' : cell);

export function aliasesOf(remarks: string): string[] {
  return remarks
    .split(/;\s*/)
    .filter((part) => part.includes('a.k.a.'))
    .map((part) => part.replace(/^.*?a\.k\.a\.\s*/, '').replace(/\.$/, '').trim())
    .map((alias) => alias.replace(/^'(.*)'$/, '$1'))
    .filter((alias) => alias.length > 0);
}

export function readSdn(file: string = SDN_FILE): Map<string, SdnEntry> {
  // The file ends with a DOS end-of-file byte (0x1A) on a line of its own.
  const rows: string[][] = parse(fs.readFileSync(file, 'utf8'), { relax_quotes: true, relax_column_count: true, trim: true });
  const entries = new Map<string, SdnEntry>();
  for (const row of rows) {
    if (row.length < 12 || !/^\d+$/.test(row[0] ?? '')) continue;
    const remarks = value(row[11]);
    entries.set(row[0] ?? '', { entNum: row[0] ?? '', name: value(row[1]), type: value(row[2]) || 'entity', programs: value(row[3]), remarks, aliases: aliasesOf(remarks) });
  }
  return entries;
}

/** Lower-cased letters and digits of each word, words sorted: "PUTIN, Vladimir" → "putin vladimir". */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .toSorted()
    .join(' ');
}

/** Every name and alias key on the list, for the negatives' collision check. */
export function sdnNameKeys(entries: Iterable<SdnEntry>): Set<string> {
  const keys = new Set<string>();
  for (const entry of entries) for (const name of [entry.name, ...entry.aliases]) keys.add(nameKey(name));
  return keys;
}

export function readJsonLines<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
