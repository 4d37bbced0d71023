import fs from 'node:fs';
import path from 'node:path';
import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeUser, type TestUser } from '../../test/factories.ts';
import { verifyAuditChain } from '../kernel/audit/verify.ts';
import { recordIdFor } from '../kernel/records/record.ts';
import type { Store } from '../kernel/store/store.ts';
import { getImport, runImport } from './import.service.ts';
import type { ImportOptions } from './import.types.ts';
import { DEFAULTS, FIXTURES, countRecords, tempDir, writeLines, writePersons } from './transfer.test-support.ts';

let store: Store;
let officer: TestUser;
let otherBureau: TestUser;
let hub: TestUser;
let dir: string;
let datasetCounter = 0;
const dataset = () => `ds-${process.pid}-${(datasetCounter += 1)}`;
const SMALL = path.join(FIXTURES, 'small.ftm.jsonl');

beforeAll(async () => {
  store = await createTestStore();
  officer = await makeUser(store, await makeOrg(store), 'officer');
  otherBureau = await makeUser(store, await makeOrg(store), 'officer');
  hub = await makeUser(store, await makeOrg(store, 'hub'), 'admin');
  dir = tempDir();
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const options = (overrides: Partial<ImportOptions>): ImportOptions => ({ file: SMALL, format: 'ftm', dataset: dataset(), defaults: DEFAULTS, ...overrides });

async function recordBySource(ds: string, sourceId: string) {
  const { rows } = await store.query<{ id: string; properties: Record<string, string[]>; owner_org: string; version: number; handling_code: string; import_id: string }>(
    sql`SELECT id, properties, owner_org, version, handling_code, import_id FROM records WHERE dataset = ${ds} AND source_id = ${sourceId}`,
  );
  return rows[0];
}

describe('importing FollowTheMoney lines', () => {
  it('keeps the good lines, resolves links by FtM id and reports each bad line with its number and reason', async () => {
    const ds = dataset();
    const report = await runImport(store, officer.actor, options({ dataset: ds }));
    expect(report).toMatchObject({ status: 'completed', linesRead: 10, imported: 5, updated: 0, unchanged: 0, rejected: 4 });
    expect(report.rejects.map((r) => r.line)).toEqual([5, 6, 7, 10]);
    expect(report.rejects[0]?.reason).toMatch(/not valid JSON/);
    expect(report.rejects[1]?.reason).toMatch(/"Sanction" is not a record type/);
    expect(report.rejects[2]?.reason).toMatch(/birthDate.*"1980-02-30" is not a real calendar date/);
    expect(report.rejects[3]?.reason).toMatch(/has no "id"/);
    expect(report.droppedProperties).toEqual({ 'Person.religion': 1, 'Person.wikidataId': 2 });

    const passport = await recordBySource(ds, 'pp1');
    const membership = await recordBySource(ds, 'm1');
    expect(passport?.properties.holder).toEqual([recordIdFor(ds, 'p1')]);
    expect(membership?.properties.member).toEqual([recordIdFor(ds, 'p1')]);
    expect(membership?.properties.organization).toEqual([recordIdFor(ds, 'o1')]);
    expect((await recordBySource(ds, 'p1'))?.id).toBe(recordIdFor(ds, 'p1'));
    expect(passport).toMatchObject({ owner_org: officer.org.id, handling_code: 'H0', import_id: report.importId });
    expect(await countRecords(store, ds)).toBe(5);

    expect(await getImport(store, officer.actor, report.importId)).toMatchObject({ status: 'completed', linesRead: 10, imported: 5, rejected: 4, orgId: officer.org.id });
    await expect(getImport(store, otherBureau.actor, report.importId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('commits each batch with one audit entry and its progress, never one entry per record', async () => {
    const ds = dataset();
    const file = path.join(dir, 'twenty-five.jsonl');
    writePersons(file, 25);
    const progress: number[] = [];
    const report = await runImport(store, officer.actor, options({ file, dataset: ds, batchSize: 10, onProgress: (p) => progress.push(p.linesRead) }));
    expect(report.imported).toBe(25);
    expect(progress).toEqual([10, 20, 25]);
    const { rows } = await store.query<{ details: Record<string, unknown> }>(
      sql`SELECT details FROM audit_log WHERE action = 'import.run' AND ${report.importId} = ANY(target_ids) ORDER BY seq`,
    );
    // On PostgreSQL batches are written concurrently, so they may commit in any order.
    const batches = rows.slice(0, 3).map((r) => [r.details.fromLine, r.details.toLine, r.details.inserted].map(Number));
    expect(batches.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))).toEqual([[1, 10, 10], [11, 20, 10], [21, 25, 5]]);
    expect(rows).toHaveLength(4);
    expect(rows[3]?.details).toMatchObject({ status: 'completed', inserted: 25 });
    expect((await verifyAuditChain(store)).ok).toBe(true);
  });

  it('converges when run again: nothing inserted, every record unchanged, no new versions', async () => {
    const ds = dataset();
    await runImport(store, officer.actor, options({ dataset: ds }));
    const again = await runImport(store, officer.actor, options({ dataset: ds }));
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 5, rejected: 4 });
    expect(await countRecords(store, ds)).toBe(5);
    expect((await recordBySource(ds, 'p1'))?.version).toBe(1);
  });

  it('updates a record whose line changed and keeps its previous version', async () => {
    const ds = dataset();
    const person = { id: 'x1', schema: 'Person', properties: { name: ['Ivan Petrov'] } };
    await runImport(store, officer.actor, options({ dataset: ds, file: writeLines(dir, 'v1.jsonl', [person]) }));
    const changed = { ...person, properties: { name: ['Ivan Petrov'], alias: ['The Ghost'] } };
    const report = await runImport(store, officer.actor, options({ dataset: ds, file: writeLines(dir, 'v2.jsonl', [changed]) }));
    expect(report).toMatchObject({ imported: 0, updated: 1, unchanged: 0 });
    const record = await recordBySource(ds, 'x1');
    expect(record).toMatchObject({ version: 2, properties: { name: ['Ivan Petrov'], alias: ['The Ghost'] } });
    const { rows } = await store.query<{ snapshot: { properties: Record<string, string[]> } }>(sql`SELECT snapshot FROM record_versions WHERE record_id = ${record?.id}::uuid`);
    expect(rows.map((r) => r.snapshot.properties)).toEqual([{ name: ['Ivan Petrov'] }]);
  });

  it('rejects lines whose record belongs to another organisation and leaves that record alone', async () => {
    const ds = dataset();
    const line = { id: 'shared-1', schema: 'Person', properties: { name: ['First Owner'] } };
    await runImport(store, otherBureau.actor, options({ dataset: ds, file: writeLines(dir, 'owner.jsonl', [line]) }));
    const takeover = writeLines(dir, 'takeover.jsonl', [{ ...line, properties: { name: ['Taken Over'] } }, { id: 'mine-1', schema: 'Person', properties: { name: ['Mine'] } }]);
    const report = await runImport(store, officer.actor, options({ dataset: ds, file: takeover }));
    expect(report).toMatchObject({ imported: 1, rejected: 1, rejects: [{ line: 1, reason: expect.stringMatching(/belongs to another organisation/) }] });
    expect(await recordBySource(ds, 'shared-1')).toMatchObject({ owner_org: otherBureau.org.id, properties: { name: ['First Owner'] } });
  });

  it('rejects, when strict, the lines carrying properties their schema does not have', async () => {
    const report = await runImport(store, officer.actor, options({ strict: true }));
    expect(report.rejects.map((r) => r.line)).toEqual([1, 5, 6, 7, 9, 10]);
    expect(report.rejects[0]?.reason).toMatch(/"wikidataId" is not a property of Person \(--strict\)/);
  });

  it('stops after the batch being written when interrupted, keeping whole batches', async () => {
    const ds = dataset();
    const file = path.join(dir, 'interrupted.jsonl');
    writePersons(file, 50);
    const stop = new AbortController();
    const report = await runImport(store, officer.actor, options({ file, dataset: ds, batchSize: 10, signal: stop.signal, onProgress: () => stop.abort() }));
    expect(report.status).toBe('interrupted');
    const kept = await countRecords(store, ds);
    expect(kept % 10).toBe(0);
    expect(kept).toBeLessThan(50);
    expect(await getImport(store, officer.actor, report.importId)).toMatchObject({ status: 'interrupted', imported: kept, linesRead: kept });
  });
});

describe('all or nothing', () => {
  it('keeps nothing when a line is bad, and names the line', async () => {
    const ds = dataset();
    const attempt = runImport(store, officer.actor, options({ dataset: ds, atomic: true, batchSize: 2 }));
    await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/line 5 was rejected: not valid JSON/) });
    expect(await countRecords(store, ds)).toBe(0);
    const { rows } = await store.query<{ status: string; message: string; imported: number }>(sql`SELECT status, message, imported FROM imports WHERE dataset = ${ds}`);
    expect(rows).toEqual([{ status: 'failed', message: expect.stringMatching(/^nothing was kept: line 5/), imported: 0 }]);
  });

  it('keeps every line when all are good', async () => {
    const ds = dataset();
    const file = path.join(dir, 'good.jsonl');
    writePersons(file, 7);
    const report = await runImport(store, officer.actor, options({ file, dataset: ds, atomic: true, batchSize: 3 }));
    expect(report).toMatchObject({ status: 'completed', imported: 7, rejected: 0 });
    expect(await countRecords(store, ds)).toBe(7);
  });
});

describe('ownership and metadata', () => {
  it("applies a line's own passerelle metadata over the defaults, handling code included", async () => {
    const ds = dataset();
    const meta = { owner: officer.org.id, crimeArea: 'terrorism', handling: { code: 'H3', note: 'not for partners' }, evaluation: { source: 'A', information: 1 }, reviewDate: '2030-06-30', restriction: { mode: 'only_listed', orgs: [otherBureau.org.id] } };
    const file = writeLines(dir, 'meta.jsonl', [{ id: 'm-1', schema: 'Person', properties: { name: ['With Meta'] }, passerelle: meta }]);
    await runImport(store, officer.actor, options({ file, dataset: ds }));
    const { rows } = await store.query(sql`SELECT crime_area, handling_code, handling_note, source_reliability, info_reliability, review_date, restriction_mode, restriction_orgs FROM records WHERE dataset = ${ds}`);
    expect(rows).toEqual([{ crime_area: 'terrorism', handling_code: 'H3', handling_note: 'not for partners', source_reliability: 'A', info_reliability: 1, review_date: '2030-06-30', restriction_mode: 'only_listed', restriction_orgs: [otherBureau.org.id] }]);
  });

  it('refuses lines naming another owner or unknown organisations, unless the hub imports them', async () => {
    const lines = [
      { id: 'o-1', schema: 'Person', properties: { name: ['Other Owner'] }, passerelle: { owner: otherBureau.org.id } },
      { id: 'o-2', schema: 'Person', properties: { name: ['Unknown Reader'] }, passerelle: { restriction: { mode: 'only_listed', orgs: ['no-such-org'] } } },
      { id: 'o-3', schema: 'Person', properties: { name: ['Bad Meta'] }, passerelle: { handling: { code: 'H3' } } },
    ];
    const file = writeLines(dir, 'owners.jsonl', lines);
    const byOfficer = await runImport(store, officer.actor, options({ file }));
    expect(byOfficer.rejects.map((r) => r.reason)).toEqual([
      expect.stringMatching(/only the hub may import records on behalf of another organisation/),
      expect.stringMatching(/no-such-org is not a known organisation/),
      expect.stringMatching(/handling\.note H3 needs the restriction written out/),
    ]);
    const ds = dataset();
    const byHub = await runImport(store, hub.actor, options({ file, dataset: ds }));
    expect(byHub.imported).toBe(1);
    expect(await recordBySource(ds, 'o-1')).toMatchObject({ owner_org: otherBureau.org.id });
  });

  it('lets only the hub import on behalf of another organisation', async () => {
    await expect(runImport(store, officer.actor, options({ defaults: { ...DEFAULTS, ownerOrg: otherBureau.org.id } }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const ds = dataset();
    const report = await runImport(store, hub.actor, options({ dataset: ds, defaults: { ...DEFAULTS, ownerOrg: otherBureau.org.id } }));
    expect(report.imported).toBe(5);
    expect(await recordBySource(ds, 'p1')).toMatchObject({ owner_org: otherBureau.org.id });
  });

  it('needs the import permission', async () => {
    const partner = await makeUser(store, await makeOrg(store, 'partner'), 'partner');
    await expect(runImport(store, partner.actor, options({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reports bad settings and unreadable files before writing anything', async () => {
    const ds = dataset();
    await expect(runImport(store, officer.actor, options({ dataset: ds, file: path.join(dir, 'missing.jsonl') }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: [expect.objectContaining({ message: expect.stringMatching(/no such file/) })] },
    });
    await expect(runImport(store, officer.actor, options({ dataset: ds, defaults: { ...DEFAULTS, reviewDate: '2030-02-31' } }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(runImport(store, officer.actor, options({ dataset: 'Not A Dataset' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const { rows } = await store.query(sql`SELECT 1 FROM imports WHERE dataset = ${ds}`);
    expect(rows).toEqual([]);
  });

  it('writes every rejected line to the rejects file, with its reason and content', async () => {
    const rejectsFile = path.join(dir, 'rejects.jsonl');
    await runImport(store, officer.actor, options({ rejectsFile }));
    const rejects = fs.readFileSync(rejectsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; source: unknown });
    expect(rejects.map((r) => r.line)).toEqual([5, 6, 7, 10]);
    expect(rejects[1]?.source).toMatchObject({ id: 's1', schema: 'Sanction' });
  });
});
