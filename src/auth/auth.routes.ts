import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../kernel/config.ts';
import { requireActor, tokenOf } from '../server/auth-hook.ts';
import type { RouteModule } from '../server/context.ts';
import { apiKeysRoutes } from './apikeys.routes.ts';
import { loginBody, loginOutput, meOutput, signedInOutput, totpBody } from './auth.schema.ts';
import { AuthService, type ClientInfo, type SignedIn } from './auth.service.ts';
import { SESSION_COOKIE } from './tokens.ts';

const tags = ['auth'];

// Tighter than the global limit: these two routes are where passwords and codes are guessed.
const signInRateLimit = (config: Config) => ({ rateLimit: { max: config.signInRateLimitPerMinute, timeWindow: '1 minute' } });

const clientOf = (request: FastifyRequest): ClientInfo => ({ ip: request.ip });

/** The cookie is sent over HTTPS only when configured so, or ('auto') when this request came over HTTPS. */
function secureCookie(config: Pick<Config, 'secureCookies'>, request: FastifyRequest): boolean {
  return config.secureCookies === 'always' || (config.secureCookies === 'auto' && request.protocol === 'https');
}

function setSessionCookie(reply: FastifyReply, request: FastifyRequest, config: Config, signedIn: SignedIn): void {
  reply.setCookie(SESSION_COOKIE, signedIn.token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: secureCookie(config, request),
    expires: new Date(signedIn.expiresAt),
  });
}

export const authRoutes: RouteModule = async (app, ctx) => {
  const auth = new AuthService(ctx.store, ctx.config);
  const SIGN_IN_RATE_LIMIT = signInRateLimit(ctx.config);

  app.post('/api/auth/login', {
    config: SIGN_IN_RATE_LIMIT,
    schema: { tags, summary: 'Sign in with username and password (first step)', security: [], body: loginBody, response: { 200: loginOutput } },
  }, async (request, reply) => {
    const result = await auth.login(request.body, clientOf(request));
    if (result.status === 'signed_in') setSessionCookie(reply, request, ctx.config, result);
    return result;
  });

  app.post('/api/auth/totp', {
    config: SIGN_IN_RATE_LIMIT,
    schema: { tags, summary: 'Prove the second factor with a TOTP code (second step)', security: [], body: totpBody, response: { 200: signedInOutput } },
  }, async (request, reply) => {
    const result = await auth.verifyTotp(request.body, clientOf(request));
    setSessionCookie(reply, request, ctx.config, result);
    return result;
  });

  app.post('/api/auth/logout', {
    schema: { tags, summary: 'Sign out: end the session and clear its cookie', response: { 204: z.null() } },
  }, async (request, reply) => {
    await auth.logout(request.actor, tokenOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/me', {
    schema: { tags, summary: 'Who you are: user, organisation, role, permissions, locale', response: { 200: meOutput } },
  }, async (request) => auth.me(requireActor(request)));

  await apiKeysRoutes(app, ctx);
};
