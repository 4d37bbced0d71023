import { z } from 'zod';
import { requireActor } from '../server/auth-hook.ts';
import type { RouteModule } from '../server/context.ts';
import {
  organisationInput,
  organisationOutput,
  passwordResetBody,
  passwordResetOutput,
  userCreateBody,
  userCreateOutput,
  userIdParams,
  userOutput,
  usersQuery,
} from './orgs.schema.ts';
import { OrgsService, type AdminAction } from './orgs.service.ts';

const orgTags = ['organisations'];
const userTags = ['users'];

const ADMIN_ACTIONS: { path: string; action: AdminAction; summary: string }[] = [
  { path: 'deactivate', action: 'deactivate', summary: 'Deactivate a user: they can no longer sign in, their sessions end' },
  { path: 'unlock', action: 'unlock', summary: 'Unlock a user locked out after failed sign-ins' },
  { path: 'reset-totp', action: 'reset_totp', summary: 'Clear the second factor: the user enrols a new authenticator at next sign-in' },
];

export const orgsRoutes: RouteModule = (app, ctx) => {
  const orgs = new OrgsService(ctx.store);

  app.get('/api/orgs', {
    schema: {
      tags: orgTags,
      summary: 'The directory of organisations: whom to contact',
      querystring: z.object({ all: z.stringbool().optional().describe('Include deactivated organisations (hub administrators)') }),
      response: { 200: z.object({ items: z.array(organisationOutput) }) },
    },
  }, async (request) => ({ items: await orgs.listOrganisations(requireActor(request), { includeInactive: request.query.all ?? false }) }));

  app.post('/api/orgs', {
    schema: { tags: orgTags, summary: 'Add an organisation (hub administrators)', body: organisationInput, response: { 201: organisationOutput } },
  }, async (request, reply) => reply.status(201).send(await orgs.createOrganisation(requireActor(request), request.body)));

  app.get('/api/users', {
    schema: { tags: userTags, summary: 'User accounts you administer', querystring: usersQuery, response: { 200: z.object({ items: z.array(userOutput) }) } },
  }, async (request) => ({ items: await orgs.listUsers(requireActor(request), request.query) }));

  app.post('/api/users', {
    schema: { tags: userTags, summary: 'Create a user account', body: userCreateBody, response: { 201: userCreateOutput } },
  }, async (request, reply) => reply.status(201).send(await orgs.createUser(requireActor(request), request.body)));

  for (const { path, action, summary } of ADMIN_ACTIONS) {
    app.post(`/api/users/:id/${path}`, {
      schema: { tags: userTags, summary, params: userIdParams, response: { 200: userOutput } },
    }, async (request) => orgs.changeUser(requireActor(request), request.params.id, action));
  }

  app.post('/api/users/:id/reset-password', {
    schema: { tags: userTags, summary: "Set a new password (generated if omitted); ends the user's sessions", params: userIdParams, body: passwordResetBody, response: { 200: passwordResetOutput } },
  }, async (request) => orgs.resetPassword(requireActor(request), request.params.id, request.body?.password));
};
