import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../kernel/config.ts';
import type { NameIndexSync } from '../kernel/index/index-sync.ts';
import type { Store } from '../kernel/store/store.ts';
import type { Metrics } from './metrics.ts';

/**
 * What every capability's routes and services are given: configuration, the database, and
 * this process's in-memory name index (screening, fuzzy search), fed from the database.
 */
export interface AppContext {
  config: Config;
  store: Store;
  nameIndex: NameIndexSync;
  /** The server's Prometheus registry, for capabilities that count what they do (absent outside the server). */
  metrics?: Metrics;
}

/** The Fastify instance with zod schemas as the type provider. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** A capability's routes: registered by the server at start-up. */
export type RouteModule = (app: App, ctx: AppContext) => void | Promise<void>;
