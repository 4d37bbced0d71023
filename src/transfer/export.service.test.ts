import fs from 'node:fs';
import path from 'node:path';
import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, personInput, type TestUser } from '../../test/factories.ts';
import type { Actor } from '../kernel/access/actor.ts';
import type { Store } from '../kernel/store/store.ts';
import { startExport, type ExportOptions } from './export.service.ts';
import { runImport } from './import.service.ts';
import { DEFAULTS, FIXTURES, tempDir } from './transfer.test-support.ts';

let store: Store;
let analyst: TestUser;
let otherAnalyst: TestUser;
let dir: string;

beforeAll(async () => {
  store = await createTestStore();
  analyst = await makeUser(store, await makeOrg(store), 'analyst');
  otherAnalyst = await makeUser(store, await makeOrg(store), 'analyst');
  dir = tempDir();
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function exportText(actor: Actor, options: ExportOptions): Promise<{ text: string; count: number }> {
  const exported = await startExport(store, actor, options);
  let text = '';
  for await (const chunk of exported.chunks) text += chunk;
  return { text, count: (await exported.done).count };
}

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]>; passerelle: Record<string, unknown> });

describe('exporting FollowTheMoney lines', () => {
  it('round-trips through import with properties, links and handling codes intact', async () => {
    await runImport(store, analyst.actor, {
      file: path.join(FIXTURES, 'small.ftm.jsonl'),
      format: 'ftm',
      dataset: 'round-trip',
      defaults: { ...DEFAULTS, handling: { code: 'H3', note: 'not for judicial use' }, evaluation: { source: 'A', information: 1 }, reviewDate: '2029-01-31' },
    });
    const first = await exportText(analyst.actor, { format: 'ftm', filters: { dataset: 'round-trip' } });
    expect(first.count).toBe(5);
    const exported = lines(first.text);
    expect(exported.find((e) => e.id === 'pp1')).toMatchObject({
      schema: 'Passport',
      properties: { number: ['X1234567'], holder: ['p1'], country: ['ru'] },
      passerelle: { owner: analyst.org.id, handling: { code: 'H3', note: 'not for judicial use' }, evaluation: { source: 'A', information: 1 }, reviewDate: '2029-01-31', crimeArea: 'organised_crime' },
    });
    expect(exported.find((e) => e.id === 'm1')?.properties).toMatchObject({ member: ['p1'], organization: ['o1'] });

    const file = path.join(dir, 'export.jsonl');
    fs.writeFileSync(file, first.text);
    const copy = await runImport(store, analyst.actor, { file, format: 'ftm', dataset: 'round-trip-copy', defaults: DEFAULTS });
    expect(copy).toMatchObject({ imported: 5, rejected: 0 });
    const second = lines((await exportText(analyst.actor, { format: 'ftm', filters: { dataset: 'round-trip-copy' } })).text);
    const strip = (e: ReturnType<typeof lines>[number]) => ({ id: e.id, schema: e.schema, properties: e.properties, handling: e.passerelle.handling, evaluation: e.passerelle.evaluation, reviewDate: e.passerelle.reviewDate, restriction: e.passerelle.restriction });
    expect(second.map(strip).sort((a, b) => a.id.localeCompare(b.id))).toEqual(exported.map(strip).sort((a, b) => a.id.localeCompare(b.id)));

    const back = await runImport(store, analyst.actor, { file, format: 'ftm', dataset: 'round-trip', defaults: DEFAULTS });
    expect(back).toMatchObject({ imported: 0, updated: 0, unchanged: 5 });
  });

  it('leaves out what the exporting organisation may not read, and counts only what it wrote', async () => {
    const visible = await makeRecord(store, analyst, personInput({ dataset: 'restricted-test', sourceId: 'visible' }));
    const hidden = await makeRecord(store, analyst, personInput({ dataset: 'restricted-test', sourceId: 'hidden', restriction: { mode: 'owner_and_hub', orgs: [] } }));
    const byOwner = await exportText(analyst.actor, { format: 'ftm', filters: { dataset: 'restricted-test' } });
    expect(byOwner.count).toBe(2);
    const byOther = await exportText(otherAnalyst.actor, { format: 'ftm', filters: { dataset: 'restricted-test' } });
    expect(byOther.count).toBe(1);
    expect(lines(byOther.text).map((e) => e.passerelle.recordId)).toEqual([visible.id]);
    expect(byOther.text).not.toContain(hidden.id);
    const { rows } = await store.query<{ details: Record<string, unknown> }>(
      sql`SELECT details FROM audit_log WHERE action = 'export.run' AND actor_org = ${otherAnalyst.org.id} ORDER BY seq`,
    );
    expect(rows.map((r) => r.details)).toEqual([
      { format: 'ftm', filters: { dataset: 'restricted-test' }, stage: 'started' },
      { format: 'ftm', filters: { dataset: 'restricted-test' }, stage: 'completed', count: 1 },
    ]);
  });

  it('needs the export permission', async () => {
    const officer = await makeUser(store, analyst.org, 'officer');
    await expect(startExport(store, officer.actor, { format: 'ftm', filters: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('exporting CSV', () => {
  it('writes one schema, a column per property with values joined by ";", then the metadata', async () => {
    await makeRecord(store, analyst, personInput({ dataset: 'csv-export', sourceId: 'c1', properties: { name: ['Jean, "le Chat"'], alias: ['JC', 'Le Chat'], nationality: ['fr'] }, handling: { code: 'H1' } }));
    const { text, count } = await exportText(analyst.actor, { format: 'csv', filters: { dataset: 'csv-export', schema: 'Person' } });
    expect(count).toBe(1);
    const [header, row] = text.trim().split('\n');
    const columns = header?.split(',') ?? [];
    expect(columns.slice(0, 4)).toEqual(['id', 'schema', 'name', 'alias']);
    expect(columns).toEqual(expect.arrayContaining(['handling_code', 'handling_note', 'source_reliability', 'info_reliability', 'review_date', 'owner']));
    expect(row).toMatch(/^c1,Person,"Jean, ""le Chat""",JC;Le Chat,/);
    expect(row).toContain(`,${analyst.org.id},organised_crime,,everyone,,H1,,B,2,`);
  });

  it('needs a schema', async () => {
    await expect(startExport(store, analyst.actor, { format: 'csv', filters: {} })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
