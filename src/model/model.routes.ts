import { z } from 'zod';
import { MODEL_LOCALES, propertyLabel, schemaLabels } from '../kernel/model/labels.ts';
import { concreteSchemata } from '../kernel/model/registry.ts';
import { CRIME_AREAS, HANDLING_CODES, RESTRICTION_MODES, SOURCE_RELIABILITY } from '../kernel/records/record-meta.ts';
import type { RouteModule } from '../server/context.ts';

const propertyOutput = z.object({
  name: z.string(),
  type: z.string(),
  label: z.string(),
  range: z.string().optional(),
  matchable: z.boolean(),
});

const modelOutput = z.object({
  schemata: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      plural: z.string(),
      description: z.string(),
      ancestry: z.array(z.string()),
      caption: z.array(z.string()),
      featured: z.array(z.string()),
      required: z.array(z.string()),
      edge: z.object({ source: z.string(), target: z.string(), label: z.string(), directed: z.boolean() }).optional(),
      properties: z.array(propertyOutput),
    }),
  ),
  crimeAreas: z.array(z.string()),
  restrictionModes: z.array(z.string()),
  handlingCodes: z.array(z.string()),
  sourceReliability: z.array(z.string()),
});

const modelQuery = z.object({
  locale: z.enum(MODEL_LOCALES).default('en').describe('The language of labels, plurals and descriptions; English where a translation is missing'),
});

/** The data model as JSON: what forms, imports and clients build themselves from. */
export const modelRoutes: RouteModule = (app) => {
  app.get('/api/model', {
    schema: { tags: ['model'], summary: 'Record types, their properties and the metadata vocabularies', security: [], querystring: modelQuery, response: { 200: modelOutput } },
  }, async ({ query: { locale } }) => ({
    schemata: concreteSchemata().map((s) => ({
      name: s.name,
      ...schemaLabels(s, locale),
      ancestry: s.ancestry,
      caption: s.spec.caption,
      featured: s.spec.featured,
      required: s.spec.required ?? [],
      ...(s.spec.edge ? { edge: s.spec.edge } : {}),
      properties: Object.entries(s.properties).map(([name, p]) => ({
        name,
        type: p.type,
        label: propertyLabel(s, name, locale),
        ...(p.range ? { range: p.range } : {}),
        matchable: p.matchable ?? false,
      })),
    })),
    crimeAreas: [...CRIME_AREAS],
    restrictionModes: [...RESTRICTION_MODES],
    handlingCodes: [...HANDLING_CODES],
    sourceReliability: [...SOURCE_RELIABILITY],
  }));
};
