import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, personInput, type TestOrg, type TestUser } from '../../test/factories.ts';
import { EXIT } from '../cli/context.ts';
import { buildProgram, main } from '../cli/main.ts';
import type { Store } from '../kernel/store/store.ts';
import { FIXTURES, capturingCli, countRecords, tempDir, writePersons, type CapturingCli } from './transfer.test-support.ts';

let store: Store;
let bureau: TestOrg;
let other: TestOrg;
let bureauUser: TestUser;
let dir: string;
let cli: CapturingCli;
let n = 0;
const dataset = () => `cli-${(n += 1)}`;
const SMALL = path.join(FIXTURES, 'small.ftm.jsonl');

beforeAll(async () => {
  store = await createTestStore();
  bureau = await makeOrg(store);
  other = await makeOrg(store);
  bureauUser = await makeUser(store, bureau, 'officer');
  dir = tempDir();
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  // main() reads the exit code commands leave in process.exitCode: do not leak it to the next test.
  process.exitCode = undefined;
});

const run = async (...args: string[]) => {
  cli = capturingCli(store);
  return main(['node', 'passerelle', ...args], cli);
};

describe('passerelle import', () => {
  it('exits 0 and prints the summary when every line is imported', async () => {
    const file = path.join(dir, 'ten.jsonl');
    writePersons(file, 10);
    const ds = dataset();
    expect(await run('import', file, '--dataset', ds, '--org', bureau.id)).toBe(EXIT.ok);
    expect(cli.stdout[0]).toMatch(/^imported 10, updated 0, unchanged 0, rejected 0 in [\d.]+s \(\d+ records\/s\)$/);
    expect(await countRecords(store, ds)).toBe(10);
  });

  it('exits 3 when lines were rejected, listing them with their line numbers', async () => {
    expect(await run('import', SMALL, '--dataset', dataset(), '--org', bureau.id)).toBe(EXIT.problemsFound);
    expect(cli.stdout.slice(1)).toEqual([
      expect.stringMatching(/^ {2}line 5: not valid JSON/),
      expect.stringMatching(/^ {2}line 6: schema "Sanction"/),
      expect.stringMatching(/^ {2}line 7: Person: birthDate/),
      expect.stringMatching(/^ {2}line 10: has no "id"/),
    ]);
    expect(cli.stderr.join('\n')).toMatch(/dropped properties the data model does not have: Person\.wikidataId \(2\)/);
  });

  it('exits 1 when an all-or-nothing import meets a bad line, naming it, and keeps nothing', async () => {
    const ds = dataset();
    expect(await run('import', SMALL, '--dataset', ds, '--org', bureau.id, '--atomic')).toBe(EXIT.failure);
    expect(cli.stderr.join('\n')).toMatch(/Nothing was imported \(all or nothing\): line 5 was rejected/);
    expect(await countRecords(store, ds)).toBe(0);
  });

  it('exits 2 on usage errors, saying what to fix', async () => {
    expect(await run('import', SMALL, '--org', bureau.id)).toBe(EXIT.usage);
    expect(await run('import', SMALL, '--dataset', dataset(), '--org', bureau.id, '--handling', 'H9')).toBe(EXIT.usage);
    expect(await run('import', SMALL, '--dataset', dataset(), '--org', 'no-such-org')).toBe(EXIT.usage);
    expect(cli.stderr.join('\n')).toMatch(/organisation "no-such-org" does not exist/);
    expect(await run('import', SMALL, '--dataset', dataset(), '--org', bureau.id, '--handling', 'H3')).toBe(EXIT.usage);
    expect(cli.stderr.join('\n')).toMatch(/handling\.note: H3 needs the restriction written out/);
    expect(await run('import', SMALL, '--dataset', dataset(), '--org', bureau.id, '--restriction', 'only_listed:nobody-here')).toBe(EXIT.usage);
    expect(await run('import', path.join(FIXTURES, 'persons.csv'), '--dataset', dataset(), '--org', bureau.id, '--mapping', path.join(FIXTURES, 'broken.mapping.yml'))).toBe(EXIT.usage);
    expect(cli.stderr).toContain('  mapping.entities.passport.properties.number: column "passport_number" is not in the file\'s header');
    expect(await run('import', path.join(dir, 'missing.txt'), '--dataset', dataset(), '--org', bureau.id)).toBe(EXIT.usage);
    expect(cli.stderr.join('\n')).toMatch(/cannot tell the format/);
  });

  it('applies the metadata options to every record and prints the report as JSON on request', async () => {
    const ds = dataset();
    const code = await run('import', SMALL, '--dataset', ds, '--org', bureau.id, '--json', '--crime-area', 'terrorism', '--handling', 'H3', '--handling-note', 'ask first',
      '--restriction', `only_listed:${other.id}`, '--source-reliability', 'A', '--info-reliability', '1', '--review-date', '2030-01-01');
    expect(code).toBe(EXIT.problemsFound);
    const report = JSON.parse(cli.stdout[0] ?? '{}') as { imported: number; rejects: unknown[] };
    expect(report).toMatchObject({ imported: 5, rejected: 4 });
    const exported = await run('export', '--dataset', ds, '--as-org', other.id);
    expect(exported).toBe(EXIT.ok);
    const first = JSON.parse(cli.stdout.join('\n').split('\n')[0] ?? '{}') as { passerelle: Record<string, unknown> };
    expect(first.passerelle).toMatchObject({ crimeArea: 'terrorism', handling: { code: 'H3', note: 'ask first' }, evaluation: { source: 'A', information: 1 }, reviewDate: '2030-01-01', restriction: { mode: 'only_listed', orgs: [other.id] } });
  });

  it('prints the metadata defaults in its help', () => {
    const help = buildProgram(capturingCli(store)).commands.find((c) => c.name() === 'import')?.helpInformation() ?? '';
    expect(help).toMatch(/--crime-area <area>.*\(choices: .*default: "other"\)/s);
    expect(help).toMatch(/--handling <code>.*default:\s+"H0"/s);
    expect(help).toMatch(/--source-reliability <code>.*default:\s+"B"/s);
    expect(help).toMatch(/--info-reliability <n>.*default:\s+"2"/s);
    expect(help).toMatch(/--restriction <who>.*default:\s+"everyone"/s);
  });
});

describe('passerelle export', () => {
  it('writes only what --as-org may read, to stdout or a file', async () => {
    const ds = dataset();
    await makeRecord(store, bureauUser, personInput({ dataset: ds, sourceId: 'open' }));
    await makeRecord(store, bureauUser, personInput({ dataset: ds, sourceId: 'closed', restriction: { mode: 'owner_and_hub', orgs: [] } }));
    expect(await run('export', '--dataset', ds, '--as-org', other.id)).toBe(EXIT.ok);
    expect(cli.stdout.join('\n').split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['open']);
    expect(cli.stderr).toEqual(['exported 1 record(s)']);
    const output = path.join(dir, 'out.csv');
    expect(await run('export', '--dataset', ds, '--as-org', bureau.id, '--format', 'csv', '--schema', 'Person', '--output', output)).toBe(EXIT.ok);
    expect(fs.readFileSync(output, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(await run('export', '--format', 'csv', '--as-org', bureau.id)).toBe(EXIT.failure);
  });
});
