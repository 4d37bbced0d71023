import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sql from 'sql-template-tag';
import type { CliContext } from '../cli/context.ts';
import { loadConfig } from '../kernel/config.ts';
import type { Store } from '../kernel/store/store.ts';
import type { ImportDefaults } from './transfer.meta.ts';

/** Helpers shared by the transfer tests (not a test file itself). */
export const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/transfer');

export const DEFAULTS: ImportDefaults = {
  crimeArea: 'organised_crime',
  restriction: { mode: 'everyone', orgs: [] },
  handling: { code: 'H0' },
  evaluation: { source: 'B', information: 2 },
};

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-transfer-'));
}

/** Writes entities (objects or raw text lines) as a JSON lines file. */
export function writeLines(dir: string, name: string, lines: (string | object)[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return file;
}

/** `n` generated persons, one per line, with ids person-0 … person-(n-1). */
export function writePersons(file: string, n: number, offset = 0): void {
  const fd = fs.openSync(file, 'w');
  let chunk = '';
  for (let i = offset; i < offset + n; i += 1) {
    chunk += `${JSON.stringify({ id: `person-${i}`, schema: 'Person', properties: { name: [`Generated Person ${i}`], birthDate: [`19${50 + (i % 50)}-01-01`], nationality: ['fr'] } })}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

export async function countRecords(store: Store, dataset: string): Promise<number> {
  const { rows } = await store.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM records WHERE dataset = ${dataset}`);
  return rows[0]?.n ?? 0;
}

export interface CapturingCli extends CliContext {
  stdout: string[];
  stderr: string[];
}

/** A CLI context over a test store (left open between commands), capturing what is printed. */
export function capturingCli(store: Store): CapturingCli {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const unclosable = Object.assign(Object.create(store) as Store, { close: async () => undefined });
  return {
    config: () => loadConfig({ PASSERELLE_DATA: os.tmpdir() }),
    openStore: async () => unclosable,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    interactive: false,
    stdout,
    stderr,
  };
}
