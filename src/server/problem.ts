import type { FastifyError, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../kernel/errors.ts';

/**
 * RFC 9457 problem details, the body of every error response; declared once as the
 * `Problem` component of the OpenAPI document. Loose: an error may add extension members
 * (`currentVersion` on a conflict, `recordId`), which serialisation must keep.
 */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().describe('What went wrong and what to do about it'),
    code: z.string().describe('A stable machine code: VALIDATION_FAILED, NOT_FOUND, CONFLICT, …'),
    instance: z.string().optional().describe('The request path'),
    problems: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('Every invalid field, for validation failures'),
    lockedUntil: z.string().optional().describe('When a locked account opens again (ACCOUNT_LOCKED)'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

const PROBLEM_RESPONSE = { content: { 'application/problem+json': { schema: problemSchema } } };

/**
 * An `onRoute` hook declaring the problem+json error responses on every documented route,
 * so the OpenAPI document and the typed client know the shape of every error. Error bodies
 * come from `problemErrorHandler` as `application/problem+json`, the media type declared here.
 */
export function declareProblemResponses(route: RouteOptions): void {
  if (!route.schema || route.schema.hide) return;
  route.schema.response = {
    '4xx': { description: 'The request cannot be served: problem details say why and what to do', ...PROBLEM_RESPONSE },
    '5xx': { description: 'Something went wrong on the server; it has been logged', ...PROBLEM_RESPONSE },
    ...(route.schema.response as Record<string, unknown> | undefined),
  };
}

const TYPE_BASE = 'https://passerelle.dev/problems/';

function send(reply: FastifyReply, problem: Problem) {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/** Turns any thrown error into problem+json; internal details are logged, never sent. */
export function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const instance = request.url;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((v) => ({
      field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is not valid',
    }));
    return send(reply, {
      type: `${TYPE_BASE}validation-failed`,
      title: 'Validation failed',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: `The request is not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      instance,
      problems,
    });
  }
  if (isAppError(error)) {
    if (error.category === 'technical') request.log.error({ err: error }, error.message);
    return send(reply, {
      type: `${TYPE_BASE}${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: error.code.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase()),
      status: error.status,
      code: error.code,
      detail: error.message,
      instance,
      ...(error.details ?? {}),
    });
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) request.log.error({ err: error }, 'unhandled error');
  return send(reply, {
    type: `${TYPE_BASE}${status === 500 ? 'internal' : 'request-error'}`,
    title: status === 500 ? 'Internal error' : 'Request error',
    status,
    code: status === 429 ? 'RATE_LIMITED' : status === 500 ? 'INTERNAL' : (error.code ?? 'REQUEST_ERROR'),
    detail: status === 500 ? 'Something went wrong on our side; it has been logged. Try again, and tell your administrator if it persists.' : error.message,
    instance,
  });
}
