import { z } from 'zod';
import { requireActor } from '../server/auth-hook.ts';
import type { RouteModule } from '../server/context.ts';
import { apiKeyCreateBody, apiKeyCreatedOutput, apiKeyIdParams, apiKeyOutput } from './auth.schema.ts';
import { ApiKeysService } from './apikeys.service.ts';

const tags = ['api-keys'];

/** Registered by authRoutes: keys are credentials, like sessions. */
export const apiKeysRoutes: RouteModule = (app, ctx) => {
  const keys = new ApiKeysService(ctx.store);

  app.post('/api/api-keys', {
    schema: { tags, summary: 'Create an API key for a machine client (the key is shown only once)', body: apiKeyCreateBody, response: { 201: apiKeyCreatedOutput } },
  }, async (request, reply) => reply.status(201).send(await keys.create(requireActor(request), request.body)));

  app.get('/api/api-keys', {
    schema: { tags, summary: "Your organisation's API keys, without their secrets", response: { 200: z.object({ items: z.array(apiKeyOutput) }) } },
  }, async (request) => ({ items: await keys.list(requireActor(request)) }));

  app.delete('/api/api-keys/:id', {
    schema: { tags, summary: 'Revoke an API key: it stops working at once', params: apiKeyIdParams, response: { 200: apiKeyOutput } },
  }, async (request) => keys.revoke(requireActor(request), request.params.id));
};
