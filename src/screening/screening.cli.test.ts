import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../../test/cli.ts';

// The contract other tools depend on: `passerelle import … --format ftm --dataset NAME`, then
// `passerelle screen --input FILE [--dataset NAME] [--threshold T] [--limit N]` printing one
// JSON line per query, in input order, with matches best first carrying recordId, sourceId,
// score and explanation.
describe('passerelle screen', () => {
  it('screens JSON lines against an imported dataset and prints one result line per query, in order', async () => {
    const dir = tempDataDir();
    const env = { PASSERELLE_DATA: path.join(dir, 'data') };
    const list = path.join(dir, 'list.jsonl');
    fs.writeFileSync(list, [
      { id: 'sdn-1', schema: 'Person', properties: { name: ['Usama bin Ladin'], alias: ['أسامة بن لادن'], birthDate: ['1957-03-10'] } },
      { id: 'sdn-2', schema: 'Person', properties: { name: ['Владимир Путин'], birthDate: ['1952-10-07'] } },
    ].map((e) => JSON.stringify(e)).join('\n'));
    expect((await runCli(['import', list, '--format', 'ftm', '--dataset', 'watch'], env)).code).toBe(0);
    const queries = path.join(dir, 'queries.jsonl');
    fs.writeFileSync(queries, [
      JSON.stringify({ id: 'a', name: 'PUTIN, Vladimir' }),
      JSON.stringify({ id: 'b', name: 'Osama bin Laden', birthDate: '1957' }),
      JSON.stringify({ id: 'c', name: 'Margaret Whitfield' }),
      'not json',
    ].join('\n'));
    const run = await runCli(['screen', '--input', queries, '--dataset', 'watch', '--limit', '1'], env);
    expect(run.code).toBe(3);
    const lines = run.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; matches: { sourceId: string; score: number; explanation: string }[]; error?: string });
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c', '4']);
    expect(lines[0]?.matches.map((m) => m.sourceId)).toEqual(['sdn-2']);
    expect(lines[1]?.matches[0]).toMatchObject({ sourceId: 'sdn-1', explanation: expect.stringContaining('birthDate partly') });
    expect(lines[1]?.matches[0]?.score).toBeGreaterThan(0.9);
    expect(lines[2]?.matches).toEqual([]);
    expect(lines[3]?.error).toBe('not a JSON object');
    expect(run.err).toContain('line 4: not a JSON object');
  }, 180_000); // two CLI runs, each opening the embedded database from disk

  it('refuses a threshold outside 0..1 with a usage error', async () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, 'q.jsonl'), '{"id":"1","name":"x"}\n');
    const run = await runCli(['screen', '--input', path.join(dir, 'q.jsonl'), '--threshold', '2'], { PASSERELLE_DATA: path.join(dir, 'data') });
    expect(run.code).toBe(2);
    expect(run.err).toContain('--threshold must be a number in 0..1');
  });
});
