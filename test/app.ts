import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../src/kernel/config.ts';
import type { Store } from '../src/kernel/store/store.ts';
import { buildApp } from '../src/server/app.ts';
import type { App } from '../src/server/context.ts';
import { createTestStore } from './db.ts';

/** A server on the test store, driven with `app.inject` (no port opened). */
export async function createTestApp(store: Store, env: Record<string, string> = {}): Promise<App> {
  const config = loadConfig({ PASSERELLE_DATA: '/tmp/passerelle-unused', LOG_LEVEL: 'silent', PASSERELLE_RATE_LIMIT_PER_MINUTE: '100000', ...env });
  return buildApp({ config, store }, { logger: false });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * A throw-away store and server for one test file, opened before its tests and closed
 * after them. Read `world.store` and `world.app` inside tests (they exist once beforeAll ran).
 */
export function useTestApp(env: Record<string, string> = {}): { store: Store; app: App } {
  const world = {} as { store: Store; app: App };
  beforeAll(async () => {
    world.store = await createTestStore();
    world.app = await createTestApp(world.store, env);
  });
  afterAll(async () => {
    await world.app.close();
    await world.store.close();
  });
  return world;
}
