import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { validationFailed, type FieldProblem } from '../../kernel/errors.ts';
import { getSchema, isA } from '../../kernel/model/registry.ts';
import { rowMetaSchema, type RowMeta } from '../transfer.meta.ts';

/**
 * Column mappings for CSV imports, modelled on FollowTheMoney mappings: each row of the file
 * gives one entity per mapped name, linked to each other with `entity:`.
 *
 * @example (YAML)
 *   entities:
 *     person:
 *       schema: Person
 *       keys: [person_id]
 *       properties:
 *         name: { column: full_name }
 *         birthDate: { column: dob, format: DD/MM/YYYY }
 *         alias: { columns: [alias1, alias2] }
 *         country: { literal: fr }
 *     passport:
 *       schema: Passport
 *       keys: [passport_no]
 *       properties:
 *         number: { column: passport_no }
 *         holder: { entity: person }
 *   defaults: { crimeArea: fugitive }
 */
const propertyMappingSchema = z.strictObject({
  column: z.string().min(1).optional(),
  columns: z.array(z.string().min(1)).min(1).optional(),
  literal: z.union([z.string(), z.array(z.string())]).optional(),
  entity: z.string().min(1).optional(),
  format: z.string().min(1).optional().describe('Dates only: how the column writes them, e.g. DD/MM/YYYY'),
  split: z.string().min(1).optional().describe('Several values in one cell, separated by this text'),
});

const entityMappingSchema = z.strictObject({
  schema: z.string().min(1),
  keys: z.array(z.string().min(1)).min(1).optional(),
  key: z.string().min(1).optional(),
  key_literal: z.string().optional(),
  properties: z.record(z.string(), propertyMappingSchema),
});

export const mappingFileSchema = z.strictObject({
  entities: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, 'entity names are letters, digits, _ and -'), entityMappingSchema),
  defaults: z.strictObject(rowMetaSchema.omit({ owner: true }).shape).optional(),
  delimiter: z.string().length(1).optional(),
});

export type ValueSource =
  | { kind: 'columns'; columns: string[]; split?: string | undefined }
  | { kind: 'literal'; values: string[] }
  | { kind: 'entity'; entity: string };

export interface MappedProperty {
  name: string;
  source: ValueSource;
  /** Rewrites dates written another way to YYYY-MM-DD. */
  dateFormat?: DateFormat | undefined;
}

export interface MappedEntity {
  name: string;
  schema: string;
  keys: string[];
  keyLiteral: string;
  properties: MappedProperty[];
}

export interface CsvMapping {
  delimiter: string;
  defaults: RowMeta | undefined;
  entities: MappedEntity[];
  /** Problems found in the mapping itself, reported with those of the file's header (checkColumns). */
  problems: FieldProblem[];
}

/** Reads a mapping file (YAML or JSON: JSON is YAML too) and validates it. */
export function loadMappingFile(file: string): CsvMapping {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw validationFailed([{ field: 'mapping', message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], 'The mapping file cannot be read.');
  }
  return parseMapping(text);
}

/**
 * Validates mapping text (YAML or JSON) or an already parsed object. A mapping that is not
 * even shaped right is thrown at once; other problems are kept in `problems`, so that
 * checkColumns can report them together with the columns missing from the file.
 */
export function parseMapping(input: unknown): CsvMapping {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = parseYaml(input) as unknown;
    } catch (error) {
      throw invalidMapping([{ field: 'mapping', message: `is not valid YAML or JSON: ${(error as Error).message.split('\n')[0] ?? ''}` }]);
    }
  }
  const parsed = mappingFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalidMapping(parsed.error.issues.map((i) => ({ field: ['mapping', ...i.path.map(String)].join('.'), message: i.message })));
  }
  const problems: FieldProblem[] = [];
  const entities = Object.entries(parsed.data.entities).map(([name, spec]) => checkEntity(name, spec, parsed.data.entities, problems));
  if (entities.length === 0) problems.push({ field: 'mapping.entities', message: 'map at least one entity' });
  return { delimiter: parsed.data.delimiter ?? ',', defaults: parsed.data.defaults, entities, problems };
}

type EntitySpec = z.infer<typeof entityMappingSchema>;

function checkEntity(name: string, spec: EntitySpec, all: Record<string, EntitySpec>, problems: FieldProblem[]): MappedEntity {
  const at = `mapping.entities.${name}`;
  const schema = getSchema(spec.schema);
  if (!schema || schema.spec.abstract) problems.push({ field: `${at}.schema`, message: `"${spec.schema}" is not a record type (see GET /api/model)` });
  const keys = [...(spec.keys ?? []), ...(spec.key ? [spec.key] : [])];
  if (keys.length === 0) problems.push({ field: `${at}.keys`, message: 'list the key columns that identify the entity (its id is derived from them, so re-runs update instead of duplicating)' });
  const properties: MappedProperty[] = [];
  for (const [prop, source] of Object.entries(spec.properties)) {
    const field = `${at}.properties.${prop}`;
    const type = schema?.properties[prop]?.type;
    if (schema && !type) problems.push({ field, message: `is not a property of ${schema.name}` });
    const given = (['column', 'columns', 'literal', 'entity'] as const).filter((k) => source[k] !== undefined);
    if (given.length !== 1) {
      problems.push({ field, message: 'give exactly one of column, columns, literal or entity' });
      continue;
    }
    if (source.entity !== undefined) {
      const target = all[source.entity];
      if (!target) problems.push({ field: `${field}.entity`, message: `"${source.entity}" is not an entity of this mapping` });
      else if (type && type !== 'entity') problems.push({ field: `${field}.entity`, message: `${prop} is not a link to another record` });
      else {
        const range = schema?.properties[prop]?.range;
        if (range && getSchema(target.schema) && !isA(target.schema, range)) problems.push({ field: `${field}.entity`, message: `${prop} must link to a ${range}, not a ${target.schema}` });
      }
    }
    let dateFormat: DateFormat | undefined;
    if (source.format !== undefined) {
      if (type && type !== 'date') problems.push({ field: `${field}.format`, message: 'formats apply to dates only' });
      dateFormat = compileDateFormat(source.format);
      if (!dateFormat) problems.push({ field: `${field}.format`, message: `"${source.format}" is not a date format: use YYYY, MM or M, DD or D and separators, e.g. DD/MM/YYYY` });
    }
    properties.push({ name: prop, source: toValueSource(source), dateFormat });
  }
  if (schema) {
    for (const required of schema.spec.required ?? []) {
      if (!spec.properties[required]) problems.push({ field: `${at}.properties`, message: `map ${required}: a ${schema.name} needs it` });
    }
  }
  return { name, schema: spec.schema, keys, keyLiteral: spec.key_literal ?? name, properties };
}

function toValueSource(source: z.infer<typeof propertyMappingSchema>): ValueSource {
  if (source.entity !== undefined) return { kind: 'entity', entity: source.entity };
  if (source.literal !== undefined) return { kind: 'literal', values: Array.isArray(source.literal) ? source.literal : [source.literal] };
  return { kind: 'columns', columns: source.columns ?? (source.column ? [source.column] : []), split: source.split };
}

/** Every column the mapping reads checked against the file's header; throws every problem of the mapping. */
export function checkColumns(mapping: CsvMapping, header: string[]): void {
  const present = new Set(header);
  const problems: FieldProblem[] = [...mapping.problems];
  for (const entity of mapping.entities) {
    const at = `mapping.entities.${entity.name}`;
    entity.keys.filter((c) => !present.has(c)).forEach((c) => problems.push({ field: `${at}.keys`, message: `column "${c}" is not in the file's header` }));
    for (const prop of entity.properties) {
      if (prop.source.kind !== 'columns') continue;
      prop.source.columns.filter((c) => !present.has(c)).forEach((c) => problems.push({ field: `${at}.properties.${prop.name}`, message: `column "${c}" is not in the file's header` }));
    }
  }
  if (problems.length) {
    const columns = header.map((h) => `"${h}"`).join(', ');
    throw invalidMapping(problems, `The column mapping is not valid for this file (its header has ${columns}); correct it and run the import again.`);
  }
}

const invalidMapping = (problems: FieldProblem[], message = 'The column mapping is not valid; correct it and run the import again.') =>
  validationFailed(problems, message);

export interface DateFormat {
  pattern: RegExp;
  order: ('year' | 'month' | 'day')[];
  text: string;
}

/** Turns DD/MM/YYYY-style formats into a pattern. Returns undefined when there is no year. */
export function compileDateFormat(format: string): DateFormat | undefined {
  const order: DateFormat['order'] = [];
  const source = format.replace(/YYYY|MM|M|DD|D|[^YMD]+|[YMD]+/g, (token) => {
    switch (token) {
      case 'YYYY':
        order.push('year');
        return '(\\d{4})';
      case 'MM':
      case 'M':
        order.push('month');
        return token === 'MM' ? '(\\d{2})' : '(\\d{1,2})';
      case 'DD':
      case 'D':
        order.push('day');
        return token === 'DD' ? '(\\d{2})' : '(\\d{1,2})';
      default:
        if (/^[YMD]+$/.test(token)) order.push('year', 'year');
        return token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  });
  const valid = order.filter((o) => o === 'year').length === 1 && new Set(order).size === order.length && (!order.includes('day') || order.includes('month'));
  return valid ? { pattern: new RegExp(`^${source}$`), order, text: format } : undefined;
}

/** The date as YYYY, YYYY-MM or YYYY-MM-DD, or undefined when it does not match the format. */
export function applyDateFormat(format: DateFormat, value: string): string | undefined {
  const match = format.pattern.exec(value);
  if (!match) return undefined;
  const part = (name: 'year' | 'month' | 'day') => {
    const index = format.order.indexOf(name);
    return index === -1 ? undefined : match[index + 1]?.padStart(2, '0');
  };
  const [year, month, day] = [part('year'), part('month'), part('day')];
  return [year, month, day].filter((p) => p !== undefined).join('-');
}
