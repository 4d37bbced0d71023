import type { FieldProblem } from '../errors.ts';
import { PROPERTY_TYPES } from './property-types.ts';
import { SCHEMATA, type PropertySpec, type SchemaName, type SchemaSpec } from './schemata.ts';

/** Property values, FollowTheMoney style: every property holds a list of strings. */
export type Properties = Record<string, string[]>;

export interface ResolvedSchema {
  name: SchemaName;
  spec: SchemaSpec;
  /** Own and inherited properties. */
  properties: Record<string, PropertySpec>;
  /** This schema and every schema it extends, nearest first. */
  ancestry: SchemaName[];
}

const isSchemaName = (name: string): name is SchemaName => Object.hasOwn(SCHEMATA, name);

function resolve(name: SchemaName): ResolvedSchema {
  const spec: SchemaSpec = SCHEMATA[name];
  const parents = (spec.extends ?? []).filter(isSchemaName).map(resolve);
  const properties: Record<string, PropertySpec> = {};
  for (const parent of parents) Object.assign(properties, parent.properties);
  Object.assign(properties, spec.properties);
  const ancestry = [name, ...parents.flatMap((p) => p.ancestry)];
  return { name, spec, properties, ancestry: [...new Set(ancestry)] };
}

const RESOLVED = new Map<SchemaName, ResolvedSchema>(
  (Object.keys(SCHEMATA) as SchemaName[]).map((name) => [name, resolve(name)]),
);

/**
 * Looks up a schema with its inherited properties.
 *
 * @example getSchema('Person')?.properties.birthDate.type // 'date'
 */
export function getSchema(name: string): ResolvedSchema | undefined {
  return isSchemaName(name) ? RESOLVED.get(name) : undefined;
}

/** Schemata a record can be created with (not abstract). */
export function concreteSchemata(): ResolvedSchema[] {
  return [...RESOLVED.values()].filter((s) => !s.spec.abstract);
}

/** True when `schema` is `ancestor` or extends it. */
export function isA(schema: string, ancestor: string): boolean {
  return getSchema(schema)?.ancestry.includes(ancestor as SchemaName) ?? false;
}

export interface CleanedEntity {
  schema: ResolvedSchema;
  properties: Properties;
  caption: string;
}

const MAX_VALUES_PER_PROPERTY = 200;

/**
 * Validates and normalises a record's properties against its schema, collecting every
 * problem (one per field) instead of stopping at the first.
 */
export function cleanEntity(schemaName: string, raw: Record<string, unknown>): { ok: true; entity: CleanedEntity } | { ok: false; problems: FieldProblem[] } {
  const schema = getSchema(schemaName);
  if (!schema || schema.spec.abstract) {
    const known = concreteSchemata().map((s) => s.name).join(', ');
    return { ok: false, problems: [{ field: 'schema', message: `"${schemaName}" is not a record type; use one of: ${known}` }] };
  }
  const problems: FieldProblem[] = [];
  const properties: Properties = {};
  for (const [prop, value] of Object.entries(raw)) {
    const spec = schema.properties[prop];
    if (!spec) {
      problems.push({ field: `properties.${prop}`, message: `is not a property of ${schema.name}` });
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (values.length > MAX_VALUES_PER_PROPERTY) {
      problems.push({ field: `properties.${prop}`, message: `has more than ${MAX_VALUES_PER_PROPERTY} values` });
      continue;
    }
    const cleaned = new Set<string>();
    values.forEach((v, index) => {
      if (v === null || v === undefined || v === '') return;
      if (typeof v !== 'string' && typeof v !== 'number') {
        problems.push({ field: `properties.${prop}`, message: `value ${index + 1} must be text` });
        return;
      }
      const result = PROPERTY_TYPES[spec.type].clean(String(v));
      if (result.ok) cleaned.add(result.value);
      else problems.push({ field: `properties.${prop}`, message: `${spec.label}: "${String(v).slice(0, 60)}" ${result.message}` });
    });
    if (cleaned.size) properties[prop] = [...cleaned];
  }
  for (const prop of schema.spec.required ?? []) {
    if (!properties[prop] && !problems.some((pr) => pr.field === `properties.${prop}`)) {
      problems.push({ field: `properties.${prop}`, message: `${schema.properties[prop]?.label ?? prop} is required` });
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, entity: { schema, properties, caption: captionOf(schema, properties) } };
}

/** The text that names a record in lists: the first value of its caption properties. */
export function captionOf(schema: ResolvedSchema, properties: Properties): string {
  for (const prop of schema.spec.caption) {
    const value = properties[prop]?.[0];
    if (value) return value;
  }
  return schema.spec.label;
}

/** Ids of the records this record points to (holders, members, owners, …). */
export function entityReferences(schema: ResolvedSchema, properties: Properties): string[] {
  const refs = new Set<string>();
  for (const [prop, values] of Object.entries(properties)) {
    if (schema.properties[prop]?.type === 'entity') values.forEach((v) => refs.add(v));
  }
  return [...refs];
}


/** The countries a record relates to, for filtering. */
export function countriesOf(schema: ResolvedSchema, properties: Properties): string[] {
  const countries = new Set<string>();
  for (const [prop, values] of Object.entries(properties)) {
    if (schema.properties[prop]?.type === 'country') values.forEach((v) => countries.add(v));
  }
  return [...countries];
}
