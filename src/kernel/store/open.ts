import type { Config } from '../config.ts';
import { refreshSearchText } from '../records/search-text.ts';
import { migrate } from './migrate.ts';
import { PgliteStore } from './pglite-store.ts';
import { PostgresStore } from './postgres-store.ts';
import type { Store } from './store.ts';

/** Opens the configured database and brings its schema and derived search text up to date. */
export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<Store> {
  const store = config.databaseUrl ? await PostgresStore.open(config.databaseUrl) : await PgliteStore.open(config.dataDir);
  await migrate(store);
  await refreshSearchText(store);
  return store;
}
