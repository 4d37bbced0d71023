import { z } from 'zod';
import { HIT_STATUSES } from './hits.repository.ts';

const text = (max: number) => z.string().trim().max(max);

/** Settings every check takes, in the body of a single check or the query string of a batch. */
const settings = {
  datasets: z.array(z.string().min(1).max(63)).max(50).optional().describe('Only records of these datasets (all when omitted)'),
  threshold: z.number().min(0).max(1).optional().describe('Lowest score reported, 0..1 (default 0.72)'),
  limit: z.number().int().min(1).max(50).optional().describe('Most matches per subject (default 10)'),
  purpose: text(2000).optional().describe('Why you screen: kept with each hit and in the audit trail; the record owner sees it'),
};

export const subjectFields = {
  name: text(500).optional().describe('Full name, in any script and order'),
  birthDate: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD').optional(),
  nationality: z.string().regex(/^[a-zA-Z]{2}$/, 'must be a two-letter country code').optional(),
  gender: z.enum(['male', 'female', 'other']).optional(),
  documentNumber: text(64).optional().describe('Passport, identity card, plate, VIN or serial number'),
  mrz: z.string().max(200).optional().describe('The machine-readable zone, 2 or 3 lines: fills every field not given'),
};

export const checkBody = z.object({ ...subjectFields, ...settings });

export const batchQuery = z.object({
  datasets: z.string().max(2000).optional().describe('Comma-separated datasets'),
  threshold: z.coerce.number().min(0).max(1).optional().describe('Lowest score reported, 0..1 (default 0.72)'),
  limit: z.coerce.number().int().min(1).max(50).optional().describe('Most matches per subject (default 10)'),
  purpose: settings.purpose,
});

const feature = z.object({
  feature: z.enum(['name', 'birthDate', 'nationality', 'gender', 'identifier']),
  agreement: z.enum(['agrees', 'partly', 'disagrees']),
  effect: z.number(),
  detail: z.string(),
});

const previouslyCleared = z
  .object({ hitId: z.string(), decidedAt: z.string(), note: z.string().nullable() })
  .nullable()
  .describe('Your organisation marked this subject a false positive against this version of the record: no new hit, nobody notified');

const raised = {
  hitId: z.string().nullable().describe('The hit this match raised; null when previously cleared'),
  previouslyCleared,
  recordId: z.string(),
  score: z.number(),
  ownerOrg: z.string(),
  explanation: z.string(),
};

export const matchOutput = z.discriminatedUnion('disclosure', [
  z.object({
    disclosure: z.literal('full'),
    ...raised,
    sourceId: z.string().nullable(),
    dataset: z.string(),
    schema: z.string(),
    caption: z.string(),
    features: z.array(feature).describe('What each feature added to or took from the score'),
  }),
  z.object({
    disclosure: z.literal('contact-owner').describe('You may not read the record: only that it exists and whom to contact'),
    ...raised,
    ownerName: z.string(),
  }),
]);

export const mrzOutput = z.object({
  format: z.enum(['TD1', 'TD2', 'TD3']),
  valid: z.boolean().describe('Every check digit verifies'),
  failedChecks: z.array(z.object({ field: z.string(), line: z.number(), column: z.number(), message: z.string() })).describe('Check digits that failed: the subject was screened all the same'),
  problems: z.array(z.string()),
  corrections: z.array(z.string()).describe('Characters read differently (OCR noise)'),
  read: z.object({
    name: z.string(),
    birthDate: z.string().nullable(),
    nationality: z.string().nullable(),
    gender: z.string().nullable(),
    documentNumber: z.string(),
  }).describe('The fields read from the MRZ'),
});

export const checkOutput = z.object({
  checkId: z.string().describe('This check; kept only when it raised a hit'),
  matches: z.array(matchOutput).describe('Best first'),
  mrz: mrzOutput.optional(),
});

export const hitsQuery = z.object({
  scope: z.enum(['asked', 'owned']).default('asked').describe('asked: hits your organisation raised; owned: hits on your organisation’s records (needs records:read)'),
  status: z.enum(HIT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.uuid('is not a hit id').optional().describe('Only hits older than this one: pass the previous page’s nextBefore'),
});

export const hitIdParams = z.object({ id: z.uuid('is not a hit id') });

export const decisionBody = z.object({
  decision: z.enum(['confirmed', 'false_positive']).describe('false_positive: the same subject is not raised again against this version of the record'),
  note: text(2000).optional().describe('Why: kept with the hit and in the audit trail'),
});

const subjectOutput = z.object({
  name: z.string().optional(),
  birthDate: z.string().optional(),
  nationality: z.string().optional(),
  gender: z.string().optional(),
  documentNumber: z.string().optional(),
}).describe('The fields the asker screened');

export const hitOutput = z.object({
  id: z.string(),
  checkId: z.string(),
  askedAt: z.string(),
  score: z.number(),
  status: z.enum(HIT_STATUSES),
  asker: z.object({ orgId: z.string(), orgName: z.string(), user: z.string(), userName: z.string().nullable() }).describe('Who asked'),
  purpose: z.string().nullable(),
  subject: subjectOutput,
  match: z.discriminatedUnion('disclosure', [
    z.object({
      disclosure: z.literal('full'),
      recordId: z.string(),
      recordVersion: z.number().describe('The version the hit was raised on'),
      currentVersion: z.number(),
      schema: z.string(),
      caption: z.string(),
      dataset: z.string(),
      sourceId: z.string().nullable(),
      ownerOrg: z.string(),
      ownerName: z.string(),
    }),
    z.object({ disclosure: z.literal('contact-owner'), recordId: z.string(), ownerOrg: z.string(), ownerName: z.string(), explanation: z.string() }),
  ]).describe('The record as you may see it now: in full, or only whom to contact'),
  decision: z.object({ note: z.string().nullable(), decidedAt: z.string(), decidedBy: z.string().nullable(), decidedByName: z.string().nullable() }).nullable(),
});

export const hitsOutput = z.object({
  items: z.array(hitOutput).describe('Newest first'),
  nextBefore: z.string().nullable().describe('Pass as before for the next older page; null on the last page'),
});

export const orgIdParams = z.object({ id: z.string().min(2).max(63) });

export const webhookBody = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000).describe('Receives a signed POST for each hit on your records'),
});

export const webhookOutput = z.object({ orgId: z.string(), url: z.string(), updatedAt: z.string() });

export const webhookSetOutput = webhookOutput.extend({
  secret: z.string().describe('HMAC-SHA256 key: verify x-passerelle-signature = sha256=hex(HMAC(secret, "<x-passerelle-timestamp>.<body>")). Shown this once'),
});
