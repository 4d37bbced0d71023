import type { Readable } from 'node:stream';
import type { CsvMapping } from './csv-mapping.ts';

/**
 * The contract between a file format and the importer. A parser reads its input as a
 * stream and yields one entity at a time, or a failure for a line it cannot read; it
 * never validates against the data model (the importer does that, the same way for every
 * format). Several entities may come from one line (a CSV row mapping to a person and a
 * passport): they share the line number and are accepted or rejected together.
 */
export interface ParsedEntity {
  line: number;
  /** The entity's id in the source: becomes the record's source id. */
  id?: string | undefined;
  schema: string;
  /** Raw values; `entity` properties hold source ids, translated to record ids by the importer. */
  properties: Record<string, unknown>;
  /** Record metadata carried by the line itself (a Passerelle export), overriding the import's defaults. */
  meta?: unknown;
  /** The line as read, for the rejects file. */
  source?: unknown;
}

export interface ParseFailure {
  line: number;
  error: string;
  source?: unknown;
}

export type ParsedRow = ParsedEntity | ParseFailure;

export const isFailure = (row: ParsedRow): row is ParseFailure => 'error' in row;

export interface ParserOptions {
  /** The column mapping (formats that need one), loaded and validated. */
  mapping?: CsvMapping | undefined;
}

/**
 * One import format. `open` may read ahead (a CSV header) and must throw a validation
 * error before yielding anything when the input cannot be imported at all.
 */
export interface ImportFormatSpec {
  description: string;
  /** Media types accepted for uploads in this format. */
  contentTypes: readonly string[];
  /** File extensions that select this format when none is given. */
  extensions: readonly string[];
  needsMapping: boolean;
  open(input: Readable, options: ParserOptions): Promise<AsyncIterable<ParsedRow>>;
}
