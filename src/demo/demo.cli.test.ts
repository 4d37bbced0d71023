import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../cli/context.ts';
import { main } from '../cli/main.ts';
import type { FtmEntity } from './generator/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-generate-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeCli(): CliContext & { errors: string[] } {
  const errors: string[] = [];
  return {
    config: () => {
      throw new Error('generate needs no configuration');
    },
    openStore: () => Promise.reject(new Error('generate needs no database')),
    out: () => undefined,
    err: (line) => errors.push(line),
    interactive: false,
    errors,
  };
}

const readLines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('passerelle generate', () => {
  it('writes the asked number of FtM entities, and the truth about duplicates, the same for the same seed', async () => {
    const run = async (name: string) => {
      const output = path.join(dir, `${name}.jsonl`);
      const truth = path.join(dir, `${name}.truth.jsonl`);
      const code = await main(['node', 'passerelle', 'generate', '--count', '300', '--seed', 's1', '--duplicates', '0.3', '--output', output, '--truth', truth], fakeCli());
      expect(code).toBe(0);
      return { entities: readLines(output) as unknown as FtmEntity[], truth: readLines(truth), raw: fs.readFileSync(output, 'utf8') };
    };
    const first = await run('a');
    expect(first.entities).toHaveLength(300);
    const ids = new Set(first.entities.map((e) => e.id));
    expect(first.truth.length).toBeGreaterThan(0);
    for (const line of first.truth) expect(ids.has(String(line.id)) && ids.has(String(line.sameAs))).toBe(true);
    expect((await run('b')).raw).toBe(first.raw);
  });

  it('refuses a duplicate rate outside 0–1 as a usage error', async () => {
    const cli = fakeCli();
    expect(await main(['node', 'passerelle', 'generate', '--count', '5', '--duplicates', '2'], cli)).toBe(2);
  });
});
