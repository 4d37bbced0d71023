import { csvFormat } from './csv.parser.ts';
import type { ImportFormatSpec } from './format.ts';
import { ftmFormat } from './ftm.parser.ts';
import { ofacSdnFormat } from './ofac-sdn.parser.ts';
import { unScFormat } from './un-sc.parser.ts';

/**
 * Every import format, by the name the CLI and the API take. Adding a format is writing a
 * parser file that yields entities (see format.ts) and listing it here.
 */
export const IMPORT_FORMATS = {
  ftm: ftmFormat,
  csv: csvFormat,
  'ofac-sdn': ofacSdnFormat,
  'un-sc': unScFormat,
} satisfies Record<string, ImportFormatSpec>;

export type ImportFormat = keyof typeof IMPORT_FORMATS;

export const IMPORT_FORMAT_NAMES = Object.keys(IMPORT_FORMATS) as [ImportFormat, ...ImportFormat[]];

export const isImportFormat = (name: string): name is ImportFormat => Object.hasOwn(IMPORT_FORMATS, name);

/** The format a file name suggests (by extension), if any. */
export function formatForFile(file: string): ImportFormat | undefined {
  const lower = file.toLowerCase();
  return IMPORT_FORMAT_NAMES.find((name) => IMPORT_FORMATS[name].extensions.some((ext) => lower.endsWith(ext)));
}
