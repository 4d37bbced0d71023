import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import sql from 'sql-template-tag';
import { z } from 'zod';
import { resolveActor } from './auth-hook.ts';
import { NameIndexSync } from '../kernel/index/index-sync.ts';
import type { App, AppContext } from './context.ts';
import { createMetrics } from './metrics.ts';
import { transformDocument } from './openapi.ts';
import { declareProblemResponses, problemErrorHandler } from './problem.ts';
import { ROUTE_MODULES } from './routes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_DIST = path.join(ROOT, 'web/dist');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
}

/** Builds the HTTP server: security defaults, OpenAPI, metrics, then every capability's routes. */
export async function buildApp(given: Omit<AppContext, 'nameIndex'> & Partial<Pick<AppContext, 'nameIndex'>>, options: BuildAppOptions = {}): Promise<App> {
  // Built on first use (the first query waits for it); `serve` starts building it at once.
  const ctx: AppContext = { ...given, nameIndex: given.nameIndex ?? new NameIndexSync(given.store, { shards: given.config.indexShards }) };
  const app = Fastify({
    logger: options.logger ?? { level: ctx.config.logLevel },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onClose', async () => ctx.nameIndex.close());
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemErrorHandler);
  // Before swagger registers, so the document sees the error responses of every route.
  app.addHook('onRoute', declareProblemResponses);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { max: ctx.config.rateLimitPerMinute, timeWindow: '1 minute' });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Passerelle API',
        version: PACKAGE_VERSION,
        description: 'International police cooperation: records, screening, cross-checking and exchange. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A session token from /api/auth/login or an API key (psk_…)' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'passerelle_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: transformDocument,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const metrics = createMetrics();
  ctx.metrics = metrics;
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = await resolveActor(ctx.store, request);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/health', { schema: { hide: true, response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) } } }, async () => {
    await ctx.store.query(sql`SELECT 1`);
    return { status: 'ok' as const, database: ctx.store.kind };
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  for (const register of ROUTE_MODULES) await register(app, ctx);

  await registerWeb(app);
  return app;
}

/** The web application when built (web/dist), otherwise a page pointing to the API docs. */
async function registerWeb(app: App) {
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')) {
        return reply.sendFile('index.html');
      }
      return reply.status(404).type('application/problem+json').send({
        type: 'https://passerelle.dev/problems/not-found', title: 'Not found', status: 404, code: 'NOT_FOUND',
        detail: `Nothing is served at ${request.method} ${request.url}; see /docs for the API.`,
      });
    });
    return;
  }
  const placeholder = fs.readFileSync(path.join(ROOT, 'src/server/placeholder.html'), 'utf8');
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(placeholder));
}
