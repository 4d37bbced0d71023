import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sql from 'sql-template-tag';
import type { Store } from './store.ts';

// Hand-written because the runner must drive both PGlite and a pg pool through our Store;
// the common migration tools each bind to one driver. It is plain: ordered .sql files,
// each applied once in its own transaction, recorded in schema_migrations.
const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
// Any fixed number: serialises concurrent migrators on a shared PostgreSQL server.
const MIGRATION_LOCK = 7_214_001;

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; script: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, script: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Applies every migration not yet applied. Safe to call on every start. */
export async function migrate(store: Store): Promise<string[]> {
  await store.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  await store.transaction(async (tx) => {
    await tx.query(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    const done = new Set((await tx.query<{ name: string }>(sql`SELECT name FROM schema_migrations`)).rows.map((r) => r.name));
    for (const migration of listMigrations()) {
      if (done.has(migration.name)) continue;
      await tx.exec(migration.script);
      await tx.query(sql`INSERT INTO schema_migrations (name) VALUES (${migration.name})`);
      applied.push(migration.name);
    }
  });
  return applied;
}
