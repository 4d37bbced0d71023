import type { FastifyRequest } from 'fastify';
import { actorForToken } from '../auth/authenticate.ts';
import { SESSION_COOKIE } from '../auth/tokens.ts';
import type { Actor } from '../kernel/access/actor.ts';
import { unauthenticated } from '../kernel/errors.ts';
import type { Store } from '../kernel/store/store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The bearer token of a request: `Authorization: Bearer …`, `X-API-Key` or the session cookie. */
export function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return apiKey.trim();
  return request.cookies[SESSION_COOKIE] ?? null;
}

export async function resolveActor(store: Store, request: FastifyRequest): Promise<Actor | null> {
  const token = tokenOf(request);
  return token ? actorForToken(store, token) : null;
}

/** The signed-in actor, or a 401 telling the caller to sign in. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated('Sign in, or send a valid API key in the Authorization header.');
  return request.actor;
}
