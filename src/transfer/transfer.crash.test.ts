import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, type TestOrg } from '../../test/factories.ts';
import { verifyAuditChain } from '../kernel/audit/verify.ts';
import { migrate } from '../kernel/store/migrate.ts';
import { PgliteStore } from '../kernel/store/pglite-store.ts';
import { PostgresStore } from '../kernel/store/postgres-store.ts';
import type { Store } from '../kernel/store/store.ts';
import { countRecords, tempDir, writePersons } from './transfer.test-support.ts';

/**
 * The real CLI in a child process, killed half-way. Runs on the database the suite runs on:
 * a PGlite data directory, or a schema of the PostgreSQL server of DATABASE_URL.
 */
const BIN = path.resolve(import.meta.dirname, '../../bin/passerelle.mjs');
const LINES = 8_000;
const BATCH = 200;

let dir: string;
let file: string;
let org: TestOrg;
let childEnv: Record<string, string | undefined>;
/** The store as the test sees it: PGlite is closed while a child process has the directory. */
let openStore: () => Promise<Store>;
let shared: Store | undefined;

beforeAll(async () => {
  dir = tempDir();
  file = path.join(dir, 'persons.jsonl');
  writePersons(file, LINES);
  const probe = await createTestStore();
  org = await makeOrg(probe);
  // eslint-disable-next-line no-restricted-properties -- a child process gets its own environment: the database under test
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  if (probe instanceof PostgresStore) {
    shared = probe;
    const schema = (await probe.query<{ s: string }>(sql`SELECT current_schema() AS s`)).rows[0]?.s ?? '';
    const url = new URL(probe.pool.options.connectionString ?? '');
    url.searchParams.set('options', `-c search_path=${schema}`);
    childEnv = { ...inherited, DATABASE_URL: url.toString() };
    openStore = async () => probe;
  } else {
    await probe.close();
    const dataDir = path.join(dir, 'data');
    const store = await PgliteStore.open(dataDir);
    await migrate(store);
    await store.query(sql`INSERT INTO organisations (id, name, kind, country) VALUES (${org.id}, 'Crash test bureau', 'ncb', ${org.country})`);
    await store.close();
    childEnv = { ...inherited, PASSERELLE_DATA: dataDir };
    openStore = () => PgliteStore.open(dataDir);
  }
});
afterAll(async () => {
  await shared?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `passerelle import`; when `signal` is given, sends it as soon as the first progress line shows. */
function importInChild(dataset: string, signal?: NodeJS.Signals): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'import', file, '--dataset', dataset, '--org', org.id, '--batch-size', String(BATCH)], { env: childEnv });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (signal && !signalled && stderr.includes('progress:')) {
        signalled = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr }));
  });
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await work(store);
  } finally {
    if (store !== shared) await store.close();
  }
}

async function importRow(store: Store, dataset: string) {
  const { rows } = await store.query<{ status: string; lines_read: number; imported: number; rejected: number }>(
    sql`SELECT status, lines_read, imported, rejected FROM imports WHERE dataset = ${dataset} ORDER BY started_at`,
  );
  return rows;
}

describe('an import killed half-way', () => {
  it('keeps whole batches matching its progress row, and a re-run completes it without duplicates', async () => {
    const killed = await importInChild('crash', 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const kept = await withStore(async (store) => {
      const count = await countRecords(store, 'crash');
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(LINES);
      expect(count % BATCH).toBe(0);
      expect(await importRow(store, 'crash')).toEqual([{ status: 'running', lines_read: count, imported: count, rejected: 0 }]);
      expect((await verifyAuditChain(store)).ok).toBe(true);
      return count;
    });

    const rerun = await importInChild('crash');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(new RegExp(`^imported ${LINES - kept}, updated 0, unchanged ${kept}, rejected 0 in`));
    await withStore(async (store) => {
      expect(await countRecords(store, 'crash')).toBe(LINES);
      expect((await importRow(store, 'crash')).map((r) => r.status)).toEqual(['running', 'completed']);
    });
  });
});

describe('Ctrl-C during an import', () => {
  it('finishes the current batch, marks the import interrupted, says how to resume and exits 130', async () => {
    const interrupted = await importInChild('ctrl-c', 'SIGINT');
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toMatch(/To finish, run the same command again/);
    await withStore(async (store) => {
      const count = await countRecords(store, 'ctrl-c');
      expect(count % BATCH).toBe(0);
      expect(await importRow(store, 'ctrl-c')).toEqual([{ status: 'interrupted', lines_read: count, imported: count, rejected: 0 }]);
    });
  });
});
