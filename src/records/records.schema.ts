import { z } from 'zod';
import { concreteSchemata } from '../kernel/model/registry.ts';
import {
  CRIME_AREAS,
  HANDLING_CODES,
  RESTRICTION_MODES,
  SOURCE_RELIABILITY,
  evaluationSchema,
  handlingSchema,
  isoDate,
  recordMetaSchema,
  restrictionSchema,
} from '../kernel/records/record-meta.ts';

const schemaNames = concreteSchemata().map((s) => s.name) as [string, ...string[]];

export const propertiesInput = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .describe('Property values by name; each property takes one value or a list (see GET /api/model)');

export const recordCreateBody = recordMetaSchema.extend({
  schema: z.enum(schemaNames),
  properties: propertiesInput,
  dataset: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/).optional().describe('Defaults to "direct"'),
  sourceId: z.string().min(1).max(200).optional().describe('The identifier in your own system'),
});

export const recordUpdateBody = z.object({
  expectedVersion: z.number().int().min(1).describe('The version you edited; a newer one on the server is a conflict, never overwritten'),
  reason: z.string().trim().max(2000).optional(),
  properties: propertiesInput.optional(),
  crimeArea: z.enum(CRIME_AREAS).optional(),
  purpose: z.string().trim().max(2000).optional(),
  restriction: restrictionSchema.optional(),
  handling: handlingSchema.optional(),
  evaluation: evaluationSchema.optional(),
  reviewDate: isoDate.optional(),
});

export const recordCancelBody = z.object({
  reason: z.string().trim().min(3, 'say why the record is cancelled').max(2000),
  expectedVersion: z.number().int().min(1).optional(),
});

export const recordIdParams = z.object({ id: z.uuid('is not a record id') });

export const purposeQuery = z.object({
  purpose: z.string().trim().max(500).optional().describe('Why you are reading: kept in the audit trail'),
});

const actorName = z.string().nullable().describe('The user’s display name, or "API key <name>"; null when unknown');

export const recordOutput = z.object({
  id: z.string(),
  schema: z.string(),
  caption: z.string(),
  properties: z.record(z.string(), z.array(z.string())),
  latin: z.record(z.string(), z.string()).describe('Latin transliteration of the caption and of each name written in another script, keyed by the name as written'),
  dataset: z.string(),
  sourceId: z.string().nullable(),
  ownerOrg: z.string(),
  crimeArea: z.enum(CRIME_AREAS),
  purpose: z.string().nullable(),
  restriction: z.object({ mode: z.enum(RESTRICTION_MODES), orgs: z.array(z.string()) }),
  handling: z.object({ code: z.enum(HANDLING_CODES), note: z.string().nullable() }),
  evaluation: z.object({ source: z.enum(SOURCE_RELIABILITY), information: z.number() }),
  reviewDate: z.string(),
  status: z.enum(['active', 'cancelled']),
  cancelReason: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  createdByName: actorName,
  updatedAt: z.string(),
  updatedBy: z.string(),
  updatedByName: actorName,
  abilities: z.object({ update: z.boolean(), cancel: z.boolean() }).describe('What the caller may do with this record'),
});

export const searchQuery = purposeQuery.extend({
  q: z.string().trim().max(500).optional().describe('Names, numbers, identifiers: words matched by prefix, in any script or its Latin transliteration'),
  fuzzy: z.stringbool().optional().describe('Match `q` by spelling similarity (typing errors, other transliterations), best matches first'),
  schema: z.string().max(64).optional(),
  crimeArea: z.enum(CRIME_AREAS).optional(),
  ownerOrg: z.string().max(64).optional(),
  country: z.string().length(2).optional(),
  dataset: z.string().max(64).optional(),
  status: z.enum(['active', 'cancelled', 'any']).optional(),
  updatedFrom: isoDate.optional(),
  updatedTo: isoDate.optional(),
  reviewDue: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const searchOutput = z.object({
  items: z.array(recordOutput),
  total: z.number(),
  totalIsExact: z.boolean(),
});

export const versionOutput = z.object({
  version: z.number(),
  replacedAt: z.string().nullable(),
  replacedBy: z.string().nullable(),
  replacedByName: actorName,
  record: recordOutput.omit({ abilities: true, latin: true }),
});

export const relationsOutput = z.object({
  record: recordOutput,
  outgoing: z.array(z.object({ property: z.string(), record: recordOutput })),
  incoming: z.array(z.object({ property: z.string(), record: recordOutput })),
});
