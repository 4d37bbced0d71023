import { z } from 'zod';
import { CRIME_AREAS, HANDLING_CODES, SOURCE_RELIABILITY } from '../kernel/records/record-meta.ts';
import { EXPORT_FORMATS } from './export.service.ts';
import { IMPORT_FORMAT_NAMES } from './formats/index.ts';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const importQuery = z.object({
  format: z.enum(IMPORT_FORMAT_NAMES).optional().describe('Defaults from the Content-Type: application/x-ndjson → ftm, text/csv → csv, application/xml → un-sc; ofac-sdn is never guessed'),
  dataset: z.string().min(1).max(63).describe('Dataset of the records; with the ids in the file it makes the record ids'),
  mapping: z.string().max(64_000).optional().describe('CSV: the column mapping as JSON (or YAML) text, URL-encoded'),
  fileName: z.string().max(255).optional().describe('Kept with the import for reference'),
  ownerOrg: z.string().max(64).optional().describe('Hub only: import on behalf of this organisation'),
  crimeArea: z.enum(CRIME_AREAS).optional().describe('Default: other'),
  restriction: z.string().max(4000).optional().describe('everyone (default) | owner_and_hub | only_listed:org1,org2 | all_except:org1'),
  handling: z.enum(HANDLING_CODES).optional().describe('Default: H0'),
  handlingNote: z.string().max(2000).optional(),
  sourceReliability: z.enum(SOURCE_RELIABILITY).optional().describe('Default: B'),
  infoReliability: z.coerce.number().int().min(1).max(4).optional().describe('Default: 2'),
  purpose: z.string().max(2000).optional(),
  reviewDate: z.string().max(10).optional().describe('YYYY-MM-DD; default: five years from today (server setting)'),
  atomic: flag.optional().describe('true: all or nothing, rolled back at the first bad line (400 naming it)'),
  strict: flag.optional().describe('true: reject lines with properties their schema does not have'),
  batchSize: z.coerce.number().int().min(1).max(20_000).optional(),
});

export const importReportOutput = z.object({
  importId: z.string(),
  linesRead: z.number(),
  imported: z.number().describe('Records created'),
  updated: z.number().describe('Records changed (previous version kept)'),
  unchanged: z.number(),
  rejected: z.number().describe('Lines rejected'),
  rejects: z.array(z.object({ line: z.number(), reason: z.string() })).describe('The first 1,000 rejected lines'),
  droppedProperties: z.record(z.string(), z.number()).describe('Schema.property → values dropped: the data model has no such property'),
  status: z.enum(['completed', 'failed', 'interrupted']),
  durationMs: z.number(),
  recordsPerSecond: z.number(),
});

export const importIdParams = z.object({ id: z.uuid('is not an import id') });

export const importOutput = z.object({
  id: z.string(),
  dataset: z.string(),
  format: z.string(),
  fileName: z.string().nullable(),
  fileSha256: z.string().nullable(),
  orgId: z.string(),
  startedBy: z.string().nullable(),
  status: z.enum(['running', 'completed', 'failed', 'interrupted']).describe('"running" with no progress for long: the importing process died; run the import again'),
  linesRead: z.number(),
  imported: z.number().describe('Records written or found up to date'),
  rejected: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  message: z.string().nullable(),
});

export const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS).default('ftm'),
  schema: z.string().max(64).optional().describe('Only this record type (and those extending it); required for csv'),
  dataset: z.string().max(64).optional(),
  crimeArea: z.enum(CRIME_AREAS).optional(),
  ownerOrg: z.string().max(64).optional(),
  country: z.string().length(2).optional(),
  status: z.enum(['active', 'cancelled', 'any']).default('active'),
});
