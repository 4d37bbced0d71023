import { z } from 'zod';
import { requireActor } from '../server/auth-hook.ts';
import type { RouteModule } from '../server/context.ts';
import {
  purposeQuery,
  recordCancelBody,
  recordCreateBody,
  recordIdParams,
  recordOutput,
  recordUpdateBody,
  relationsOutput,
  searchOutput,
  searchQuery,
  versionOutput,
} from './records.schema.ts';
import { RecordsService } from './records.service.ts';

const tags = ['records'];

export const recordsRoutes: RouteModule = (app, ctx) => {
  const records = new RecordsService(ctx.store, ctx.config, ctx.nameIndex);

  app.post('/api/records', {
    schema: { tags, summary: 'Create a record', body: recordCreateBody, response: { 201: recordOutput } },
  }, async (request, reply) => reply.status(201).send(await records.create(requireActor(request), request.body)));

  app.get('/api/records', {
    schema: { tags, summary: 'Search records you may read', querystring: searchQuery, response: { 200: searchOutput } },
  }, async (request) => {
    const { limit, offset, purpose, ...filters } = request.query;
    return records.search(requireActor(request), filters, { limit, offset }, purpose);
  });

  app.get('/api/records/:id', {
    schema: { tags, summary: 'Read one record', params: recordIdParams, querystring: purposeQuery, response: { 200: recordOutput } },
  }, async (request) => records.get(requireActor(request), request.params.id, request.query.purpose));

  app.patch('/api/records/:id', {
    schema: { tags, summary: 'Change a record (keeps the previous version)', params: recordIdParams, body: recordUpdateBody, response: { 200: recordOutput } },
  }, async (request) => records.update(requireActor(request), request.params.id, request.body));

  app.post('/api/records/:id/cancel', {
    schema: { tags, summary: 'Cancel a record, with the reason', params: recordIdParams, body: recordCancelBody, response: { 200: recordOutput } },
  }, async (request) => records.cancel(requireActor(request), request.params.id, request.body.reason, request.body.expectedVersion));

  app.get('/api/records/:id/versions', {
    schema: { tags, summary: 'Version history, newest first', params: recordIdParams, response: { 200: z.array(versionOutput) } },
  }, async (request) => records.history(requireActor(request), request.params.id));

  app.get('/api/records/:id/relations', {
    schema: { tags, summary: 'Linked records, as far as you may see them', params: recordIdParams, response: { 200: relationsOutput } },
  }, async (request) => records.relations(requireActor(request), request.params.id));
};
