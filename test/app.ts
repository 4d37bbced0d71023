import { loadConfig } from '../src/kernel/config.ts';
import type { Store } from '../src/kernel/store/store.ts';
import { buildApp } from '../src/server/app.ts';
import type { App } from '../src/server/context.ts';

/** A server on the test store, driven with `app.inject` (no port opened). */
export async function createTestApp(store: Store, env: Record<string, string> = {}): Promise<App> {
  const config = loadConfig({ PASSERELLE_DATA: '/tmp/passerelle-unused', LOG_LEVEL: 'silent', PASSERELLE_RATE_LIMIT_PER_MINUTE: '100000', ...env });
  return buildApp({ config, store }, { logger: false });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
