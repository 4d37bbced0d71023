import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { validationFailed } from '../kernel/errors.ts';
import { parseMapping, loadMappingFile, type CsvMapping } from './formats/csv-mapping.ts';
import type { ParsedRow } from './formats/format.ts';
import { IMPORT_FORMATS, isImportFormat } from './formats/index.ts';
import type { ImportOptions } from './import.types.ts';

/** Counts the bytes going through and hashes them, for progress and the import's record. */
export class ByteMeter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    done(null, chunk);
  }

  /** The SHA-256 of everything read; call once the input is consumed. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

export interface ImportSource {
  rows: AsyncIterable<ParsedRow>;
  meter: ByteMeter;
  totalBytes: number;
  /** Stops reading (the file is closed). */
  close(): void;
}

const HIGH_WATER_MARK = 1024 * 1024;

/**
 * Opens the input (the upload or the file) and its parser. Whatever makes the import
 * impossible (unknown format, missing or invalid mapping, a CSV header lacking a mapped
 * column, an unreadable file) is thrown here, before anything is written.
 */
export async function openSource(options: ImportOptions): Promise<ImportSource> {
  if (!isImportFormat(options.format)) {
    throw validationFailed([{ field: 'format', message: `"${String(options.format)}" is not one of ${Object.keys(IMPORT_FORMATS).join(', ')}` }]);
  }
  const format = IMPORT_FORMATS[options.format];
  const mapping = format.needsMapping ? loadMapping(options) : undefined;
  const owned = !options.input;
  const { input, totalBytes } = options.input ? { input: options.input, totalBytes: options.totalBytes ?? 0 } : openFile(options.file);
  const meter = new ByteMeter();
  // Not pipeline(): stopping early must not destroy a stream the caller owns (an HTTP
  // request still needs its socket for the response); Node discards what is left of it.
  input.once('error', (error) => meter.destroy(error));
  const close = () => {
    input.unpipe(meter);
    if (owned) input.destroy();
  };
  try {
    const rows = await format.open(input.pipe(meter), { mapping });
    return { rows, meter, totalBytes, close };
  } catch (error) {
    close();
    throw error;
  }
}

function loadMapping(options: ImportOptions): CsvMapping {
  if (options.mapping !== undefined) return parseMapping(options.mapping);
  if (options.mappingFile) return loadMappingFile(options.mappingFile);
  throw validationFailed([{ field: 'mapping', message: `the ${options.format} format needs a column mapping (--mapping FILE)` }]);
}

function openFile(file: string): { input: Readable; totalBytes: number } {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'not a file' });
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw validationFailed([{ field: 'file', message: `cannot read ${path.resolve(file)}: ${why}` }], `The file to import cannot be read (${why}).`);
  }
  return { input: fs.createReadStream(file, { highWaterMark: HIGH_WATER_MARK }), totalBytes: size };
}
