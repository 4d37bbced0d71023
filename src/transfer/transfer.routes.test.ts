import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, personInput, type TestUser } from '../../test/factories.ts';
import { loadConfig } from '../kernel/config.ts';
import type { Store } from '../kernel/store/store.ts';
import { buildApp } from '../server/app.ts';
import type { App } from '../server/context.ts';
import { FIXTURES } from './transfer.test-support.ts';

let store: Store;
let app: App;
let analyst: TestUser;
let otherAnalyst: TestUser;

beforeAll(async () => {
  store = await createTestStore();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), store }, { logger: false });
  analyst = await makeUser(store, await makeOrg(store), 'analyst');
  otherAnalyst = await makeUser(store, await makeOrg(store), 'analyst');
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const auth = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });

describe('POST /api/imports', () => {
  it('imports the FtM lines sent as the body and returns the report', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/imports?dataset=http-ftm&handling=H2&crimeArea=fugitive',
      headers: { ...auth(analyst), 'content-type': 'application/x-ndjson' },
      payload: fs.createReadStream(path.join(FIXTURES, 'small.ftm.jsonl')),
    });
    expect(response.statusCode).toBe(200);
    const report = response.json<{ importId: string; imported: number; rejected: number; rejects: { line: number }[] }>();
    expect(report).toMatchObject({ status: 'completed', imported: 5, rejected: 4 });
    expect(report.rejects.map((r) => r.line)).toEqual([5, 6, 7, 10]);

    const status = await app.inject({ method: 'GET', url: `/api/imports/${report.importId}`, headers: auth(analyst) });
    expect(status.json()).toMatchObject({ id: report.importId, status: 'completed', linesRead: 10, imported: 5, rejected: 4, fileName: 'upload' });
    const elsewhere = await app.inject({ method: 'GET', url: `/api/imports/${report.importId}`, headers: auth(otherAnalyst) });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('imports the sanctions formats: OFAC sdn.csv by format=ofac-sdn, the UN list by its XML content type', async () => {
    const sdn = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'AC\'."\r\n';
    const ofac = await app.inject({ method: 'POST', url: '/api/imports?dataset=http-ofac&format=ofac-sdn', headers: { ...auth(analyst), 'content-type': 'text/csv' }, payload: sdn });
    expect(ofac.json()).toMatchObject({ status: 'completed', imported: 1, rejected: 0 });
    const xml = '<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>';
    const un = await app.inject({ method: 'POST', url: '/api/imports?dataset=http-un', headers: { ...auth(analyst), 'content-type': 'application/xml' }, payload: xml });
    expect(un.json()).toMatchObject({ status: 'completed', imported: 1, rejected: 0 });
  });

  it('imports CSV with the mapping given as a query parameter', async () => {
    const mapping = fs.readFileSync(path.join(FIXTURES, 'persons.mapping.yml'), 'utf8');
    const response = await app.inject({
      method: 'POST',
      url: `/api/imports?dataset=http-csv&mapping=${encodeURIComponent(mapping)}`,
      headers: { ...auth(analyst), 'content-type': 'text/csv' },
      payload: fs.readFileSync(path.join(FIXTURES, 'persons.csv')),
    });
    expect(response.json()).toMatchObject({ imported: 5, rejected: 2 });
  });

  it('answers 400 naming the line when an all-or-nothing import fails, and keeps nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/imports?dataset=http-atomic&atomic=true',
      headers: { ...auth(analyst), 'content-type': 'application/x-ndjson' },
      payload: fs.readFileSync(path.join(FIXTURES, 'small.ftm.jsonl')),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', line: 5, problems: [{ field: 'line 5' }] });
    const exported = await app.inject({ method: 'GET', url: '/api/export?dataset=http-atomic', headers: auth(analyst) });
    expect(exported.body).toBe('');
  });

  it('refuses anonymous callers and other content types', async () => {
    const anonymous = await app.inject({ method: 'POST', url: '/api/imports?dataset=x', headers: { 'content-type': 'application/x-ndjson' }, payload: '{}' });
    expect(anonymous.statusCode).toBe(401);
    const wrongType = await app.inject({ method: 'POST', url: '/api/imports?dataset=x', headers: { ...auth(analyst), 'content-type': 'application/pdf' }, payload: '%PDF-1.7' });
    expect(wrongType.statusCode).toBe(415);
  });
});

describe('GET /api/export', () => {
  it('streams the records the caller may read as an attachment', async () => {
    await makeRecord(store, analyst, personInput({ dataset: 'http-export', sourceId: 'shared' }));
    await makeRecord(store, analyst, personInput({ dataset: 'http-export', sourceId: 'private', restriction: { mode: 'owner_and_hub', orgs: [] } }));
    const own = await app.inject({ method: 'GET', url: '/api/export?format=csv&schema=Person&dataset=http-export', headers: auth(analyst) });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(own.headers['content-disposition']).toMatch(/^attachment; filename="passerelle-export-Person-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(own.body.trim().split('\n')).toHaveLength(3);
    const other = await app.inject({ method: 'GET', url: '/api/export?dataset=http-export', headers: auth(otherAnalyst) });
    expect(other.body.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['shared']);
  });

  it('is described in the OpenAPI document under "transfer"', async () => {
    const document = app.swagger() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(document.paths['/api/imports']?.post?.tags).toEqual(['transfer']);
    expect(document.paths['/api/imports/{id}']?.get?.tags).toEqual(['transfer']);
    expect(document.paths['/api/export']?.get?.tags).toEqual(['transfer']);
  });
});
