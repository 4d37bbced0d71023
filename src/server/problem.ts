import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError } from '../kernel/errors.ts';

/** RFC 9457 problem details, the body of every error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  problems?: { field: string; message: string }[];
  [extension: string]: unknown;
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
