import type { Readable } from 'node:stream';
import type { ImportFormatSpec, ParsedRow } from './format.ts';
import { MAX_LINE_CHARS, readLines } from './lines.ts';

/**
 * FollowTheMoney entities, one JSON object per line, as OpenSanctions and Aleph export them:
 * `{"id": "…", "schema": "Person", "properties": {"name": ["…"]}, "datasets": […]}`.
 * Other top-level keys (caption, datasets, first_seen, referents, …) are ignored, except
 * `passerelle`: the record metadata our own exporter writes, so exports load back as they were.
 */
async function* parseFtm(input: Readable): AsyncGenerator<ParsedRow> {
  for await (const { line, text, tooLong } of readLines(input)) {
    if (tooLong) {
      yield { line, error: `the line is longer than ${MAX_LINE_CHARS / 1024 / 1024} MiB` };
      continue;
    }
    if (isBlank(text)) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, error: `not valid JSON: ${(error as Error).message}`, source: text };
      continue;
    }
    yield toRow(line, text, value);
  }
}

function toRow(line: number, text: string, value: unknown): ParsedRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, error: 'not a JSON object: each line must be one entity {"id", "schema", "properties"}', source: text };
  }
  const entity = value as Record<string, unknown>;
  if (typeof entity.schema !== 'string' || !entity.schema) return { line, error: 'has no "schema"', source: text };
  const properties = entity.properties ?? {};
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return { line, error: '"properties" must be an object of lists of values', source: text };
  }
  const id = typeof entity.id === 'string' || typeof entity.id === 'number' ? String(entity.id) : undefined;
  return { line, id, schema: entity.schema, properties: properties as Record<string, unknown>, meta: entity.passerelle, source: text };
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

export const ftmFormat: ImportFormatSpec = {
  description: 'FollowTheMoney JSON lines (OpenSanctions, Aleph, Passerelle exports)',
  contentTypes: ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines'],
  extensions: ['.ndjson', '.jsonl', '.json', '.ftm'],
  needsMapping: false,
  open: async (input) => parseFtm(input),
};
