import { z } from 'zod';
import { requireActor } from '../server/auth-hook.ts';
import type { RouteModule } from '../server/context.ts';
import { AuditService } from './audit.service.ts';

const entryOutput = z.object({
  seq: z.number(),
  at: z.string(),
  actorUser: z.string().nullable(),
  actorName: z.string().nullable().describe('The user’s display name, or "API key <name>"; null when unknown'),
  actorOrg: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetIds: z.array(z.string()),
  purpose: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

const auditQuery = z.object({
  actorUser: z.string().max(100).optional(),
  actorOrg: z.string().max(64).optional(),
  action: z.string().max(64).optional().describe('An action (record.read) or a family ending in a dot (record.)'),
  targetId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  beforeSeq: z.coerce.number().int().min(1).optional().describe('Only entries older than this one: pass the previous page’s nextBeforeSeq'),
});

const auditPageOutput = z.object({
  items: z.array(entryOutput).describe('Newest first'),
  nextBeforeSeq: z.number().nullable().describe('Pass as beforeSeq, with the same filters, for the next older page; null on the last page'),
  hasMore: z.boolean().describe('Whether older entries match the filters'),
});

const verificationOutput = z.object({
  ok: z.boolean(),
  entries: z.number(),
  headSeq: z.number(),
  problems: z.array(z.object({ seq: z.number(), kind: z.string(), message: z.string() })),
});

export const auditRoutes: RouteModule = (app, ctx) => {
  const audit = new AuditService(ctx.store);
  const tags = ['audit'];

  app.get('/api/audit', {
    schema: { tags, summary: 'Query the audit trail (auditors), a page at a time', querystring: auditQuery, response: { 200: auditPageOutput } },
  }, async (request) => {
    const { limit, beforeSeq, ...filters } = request.query;
    return audit.query(requireActor(request), filters, { limit, beforeSeq });
  });

  app.get('/api/audit/verify', {
    schema: { tags, summary: 'Verify the hash chain of the whole trail', response: { 200: verificationOutput } },
  }, async (request) => audit.verify(requireActor(request)));
};
