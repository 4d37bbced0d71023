import { z } from 'zod';
import type { RecordMetadata } from './record.ts';

/**
 * What travels with every record besides its properties: owner, purpose, handling
 * restrictions, evaluation codes and review date. Used by the API, imports and exports.
 */
export const CRIME_AREAS = [
  'organised_crime',
  'terrorism',
  'financial_crime',
  'corruption',
  'cybercrime',
  'drug_trafficking',
  'human_trafficking',
  'migrant_smuggling',
  'firearms_trafficking',
  'environmental_crime',
  'crimes_against_children',
  'vehicle_crime',
  'cultural_heritage',
  'counterfeiting',
  'violent_crime',
  'fugitive',
  'missing_person',
  'other',
] as const;
export type CrimeArea = (typeof CRIME_AREAS)[number];

export const RESTRICTION_MODES = ['everyone', 'only_listed', 'all_except', 'owner_and_hub'] as const;
export type RestrictionMode = (typeof RESTRICTION_MODES)[number];

/** Handling codes: H0 use only to prevent and combat crime; H1 not for judicial proceedings without the owner's permission; H2 not to be passed on without permission; H3 other restrictions, stated. */
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];

export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'X'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];

const orgId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'is not an organisation id');

export const restrictionSchema = z
  .object({
    mode: z.enum(RESTRICTION_MODES),
    orgs: z.array(orgId).max(500).default([]),
  })
  .refine((r) => r.mode === 'everyone' || r.mode === 'owner_and_hub' || r.orgs.length > 0, {
    message: 'list at least one organisation for "only_listed" and "all_except"',
    path: ['orgs'],
  })
  .describe('Who besides the owner and the hub may read the record.');

export const handlingSchema = z
  .object({
    code: z.enum(HANDLING_CODES),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((h) => h.code !== 'H3' || h.note, { message: 'H3 needs the restriction written out in "note"', path: ['note'] });

export const evaluationSchema = z.object({
  source: z.enum(SOURCE_RELIABILITY).describe('Source reliability: A reliable, B usually reliable, C fairly reliable, X unknown'),
  information: z.number().int().min(1).max(4).describe('Information reliability: 1 confirmed … 4 doubtful'),
});

const isRealDate = (value: string) => {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 0));
  return date.getUTCFullYear() === y && date.getUTCMonth() === (m ?? 0) - 1 && date.getUTCDate() === d;
};

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');

export const recordMetaSchema = z.object({
  ownerOrg: orgId.optional().describe("Defaults to the caller's organisation"),
  crimeArea: z.enum(CRIME_AREAS),
  purpose: z.string().trim().max(2000).optional(),
  restriction: restrictionSchema,
  handling: handlingSchema,
  evaluation: evaluationSchema,
  reviewDate: isoDate.optional().describe('Defaults to five years from today'),
});
export type RecordMeta = z.infer<typeof recordMetaSchema>;

/**
 * Metadata as stored: the owner decided, optional fields made explicit, the review date
 * defaulted to `reviewYears` from today when the submitter gave none.
 */
export function resolveRecordMeta(meta: RecordMeta, ownerOrg: string, reviewYears: number): RecordMetadata {
  return {
    ownerOrg,
    crimeArea: meta.crimeArea,
    purpose: meta.purpose ?? null,
    restriction: meta.restriction,
    handling: { code: meta.handling.code, note: meta.handling.note ?? null },
    evaluation: meta.evaluation,
    reviewDate: meta.reviewDate ?? defaultReviewDate(reviewYears),
  };
}

/** The default review date: `years` from `today`, as YYYY-MM-DD. */
export function defaultReviewDate(years: number, today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear() + years, today.getUTCMonth(), today.getUTCDate()));
  return d.toISOString().slice(0, 10);
}
