import path from 'node:path';
import { z } from 'zod';

/**
 * The whole runtime configuration, read once from the environment at start-up.
 * No other module reads `process.env`: they receive this object.
 *
 * @example
 *   const config = loadConfig(process.env);
 *   config.databaseUrl ?? config.dataDir // where the data lives
 */
const configSchema = z.object({
  PASSERELLE_DATA: z.string().min(1).default('./passerelle-data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PASSERELLE_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  PASSERELLE_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  PASSERELLE_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  PASSERELLE_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  PASSERELLE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  PASSERELLE_SIGNIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  PASSERELLE_DEFAULT_REVIEW_YEARS: z.coerce.number().int().min(1).max(25).default(5),
  PASSERELLE_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  PASSERELLE_INDEX_SHARDS: z.coerce.number().int().min(0).max(64).default(0),
});

export interface Config {
  /** Directory of the embedded PGlite database, used when `databaseUrl` is absent. */
  dataDir: string;
  /** A PostgreSQL server URL; when set it replaces the embedded database. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  secureCookies: 'auto' | 'always' | 'never';
  sessionHours: number;
  loginMaxFailures: number;
  lockoutMinutes: number;
  rateLimitPerMinute: number;
  /** Sign-in and second-factor attempts per minute per address. */
  signInRateLimitPerMinute: number;
  defaultReviewYears: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits, logs). */
  trustProxy: boolean;
  /** Threads the name index is split into; undefined: one per core (sharded-index.ts). */
  indexShards: number | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Builds the configuration, failing with every problem listed at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (check the environment variable)`),
    );
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.PASSERELLE_DATA),
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.PASSERELLE_SECURE_COOKIES === 'true' ? 'always' : e.PASSERELLE_SECURE_COOKIES === 'false' ? 'never' : 'auto',
    sessionHours: e.PASSERELLE_SESSION_HOURS,
    loginMaxFailures: e.PASSERELLE_LOGIN_MAX_FAILURES,
    lockoutMinutes: e.PASSERELLE_LOCKOUT_MINUTES,
    rateLimitPerMinute: e.PASSERELLE_RATE_LIMIT_PER_MINUTE,
    signInRateLimitPerMinute: e.PASSERELLE_SIGNIN_RATE_LIMIT_PER_MINUTE,
    defaultReviewYears: e.PASSERELLE_DEFAULT_REVIEW_YEARS,
    trustProxy: e.PASSERELLE_TRUST_PROXY === 'true',
    indexShards: e.PASSERELLE_INDEX_SHARDS || undefined,
  };
}
