import { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import client from 'prom-client';
import { z } from 'zod';
import { requirePermission } from '../kernel/access/permissions.ts';
import { badRequest } from '../kernel/errors.ts';
import { requireActor } from '../server/auth-hook.ts';
import type { AppContext, RouteModule } from '../server/context.ts';
import { HitsService } from './hits.service.ts';
import { BATCH_MAX_BYTES, BATCH_TYPES, batchFormatOf, screenBatch } from './screening.batch.ts';
import {
  batchQuery,
  checkBody,
  checkOutput,
  decisionBody,
  hitIdParams,
  hitOutput,
  hitsOutput,
  hitsQuery,
  orgIdParams,
  webhookBody,
  webhookOutput,
  webhookSetOutput,
} from './screening.schema.ts';
import { ScreeningService, type CheckCounter } from './screening.service.ts';
import { WebhookWorker, WebhooksService } from './webhooks.ts';

const tags = ['screening'];
const BATCH_CONTENT_TYPES = [...BATCH_TYPES.csv, ...BATCH_TYPES.jsonl];

/** Checks by outcome, on the server's metrics registry when it has one. */
function checkCounter(ctx: AppContext): CheckCounter {
  if (!ctx.metrics) return () => undefined;
  const counter = new client.Counter({
    name: 'passerelle_screening_checks_total',
    help: 'Screening checks by outcome (hit: at least one match raised or previously cleared; no_hit: nothing written)',
    labelNames: ['outcome'],
    registers: [ctx.metrics.registry],
  });
  return (outcome) => counter.inc({ outcome });
}

export const screeningRoutes: RouteModule = async (app, ctx) => {
  const screening = new ScreeningService(ctx.store, ctx.nameIndex, checkCounter(ctx));
  const hits = new HitsService(ctx.store);
  const webhooks = new WebhooksService(ctx.store);
  const worker = new WebhookWorker(ctx.store, { onError: (error) => app.log.error({ err: error }, 'webhook delivery round failed') });
  worker.start();
  app.addHook('onClose', async () => worker.stop());

  app.post('/api/screening/check', {
    schema: { tags, summary: 'Screen one person, document or vehicle; every match raises a hit the record owner is told of', body: checkBody, response: { 200: checkOutput } },
  }, async (request) => {
    const { datasets, threshold, limit, purpose, ...query } = request.body;
    return screening.screen(requireActor(request), query, { datasets, threshold, limit, purpose });
  });

  await app.register(async (scope) => {
    // Scoped: the list stays a stream, read line by line as it arrives.
    scope.addContentTypeParser(BATCH_CONTENT_TYPES, (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post('/api/screening/batch', {
      schema: {
        tags,
        summary: 'Screen a passenger list: one JSON line out per subject, in input order, then a summary',
        description: `CSV (text/csv) with a header of name,birthDate,nationality,gender,documentNumber,mrz,id, or JSON lines (application/x-ndjson) with those keys. At most ${BATCH_MAX_BYTES / 1024 / 1024} MB and 100,000 subjects. Answers application/x-ndjson: {id, line, checkId, matches} per subject ({id, line, matches: [], error} for a bad line), then {summary: {subjects, hits, errors, seconds, stopped?}}.`,
        consumes: BATCH_CONTENT_TYPES,
        querystring: batchQuery,
        body: z.unknown().describe('The list itself, streamed'),
        produces: ['application/x-ndjson'],
        response: { 200: z.string().describe('JSON lines, one per subject, then the summary') },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      requirePermission(actor, 'screening:check');
      const format = batchFormatOf(request.headers['content-type']);
      if (!format || !(request.body instanceof Readable)) throw badRequest(`Send the list as ${BATCH_CONTENT_TYPES.join(' or ')}.`);
      if (Number(request.headers['content-length']) > BATCH_MAX_BYTES) throw badRequest(`The list is larger than ${BATCH_MAX_BYTES / 1024 / 1024} MB; split it.`);
      const { datasets, ...options } = request.query;
      const lines = screenBatch(screening, actor, request.body, format, { ...options, datasets: datasets?.split(',').map((d) => d.trim()).filter(Boolean) });
      const body = Readable.from((async function* () {
        for await (const line of lines) yield `${JSON.stringify(line)}\n`;
      })());
      return reply.type('application/x-ndjson').send(body as unknown as string);
    });
  });

  app.get('/api/screening/hits', {
    schema: { tags, summary: 'Hits your organisation raised (scope=asked) or hits on its records (scope=owned), newest first', querystring: hitsQuery, response: { 200: hitsOutput } },
  }, async (request) => hits.list(requireActor(request), request.query));

  app.post('/api/screening/hits/:id/decision', {
    schema: { tags, summary: 'Mark a hit your organisation raised confirmed or a false positive', params: hitIdParams, body: decisionBody, response: { 200: hitOutput } },
  }, async (request) => hits.decide(requireActor(request), request.params.id, { status: request.body.decision, note: request.body.note }));

  const orgTags = ['organisations'];
  app.get('/api/orgs/:id/webhook', {
    schema: { tags: orgTags, summary: "The organisation's webhook (administrators)", params: orgIdParams, response: { 200: z.object({ webhook: webhookOutput.nullable() }) } },
  }, async (request) => ({ webhook: await webhooks.get(requireActor(request), request.params.id) }));

  app.put('/api/orgs/:id/webhook', {
    schema: { tags: orgTags, summary: 'Set the webhook told of hits on your records; answers a new signing secret, once', params: orgIdParams, body: webhookBody, response: { 200: webhookSetOutput } },
  }, async (request) => webhooks.set(requireActor(request), request.params.id, request.body.url));

  app.delete('/api/orgs/:id/webhook', {
    schema: { tags: orgTags, summary: 'Remove the webhook; deliveries still pending fail', params: orgIdParams, response: { 204: z.null().describe('Removed') } },
  }, async (request, reply) => {
    await webhooks.remove(requireActor(request), request.params.id);
    return reply.status(204).send(null);
  });
};
