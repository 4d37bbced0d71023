import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/kernel/config.ts';
import { migrate } from '../src/kernel/store/migrate.ts';
import { PgliteStore } from '../src/kernel/store/pglite-store.ts';
import { PostgresStore } from '../src/kernel/store/postgres-store.ts';
import type { Store } from '../src/kernel/store/store.ts';

/**
 * A throw-away, migrated database for one test file: in-memory PGlite by default, or a
 * fresh schema on the PostgreSQL server named by DATABASE_URL (CI runs both).
 */
export async function createTestStore(): Promise<Store> {
  const { databaseUrl } = loadConfig(process.env);
  if (!databaseUrl) {
    const store = await PgliteStore.open(undefined);
    await migrate(store);
    return store;
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await PostgresStore.open(databaseUrl, { maxConnections: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const store = await PostgresStore.open(databaseUrl, { searchPath: `${schema},public`, maxConnections: 4 });
  await migrate(store);
  const close = store.close.bind(store);
  store.close = async () => {
    await store.exec(`DROP SCHEMA ${schema} CASCADE`);
    await close();
  };
  return store;
}
