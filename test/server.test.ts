import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/kernel/store/store.ts';
import type { App } from '../src/server/context.ts';
import { openApiDocument } from '../src/server/openapi.ts';
import { bearer, createTestApp } from './app.ts';
import { createTestStore } from './db.ts';
import { makeOrg, makeRecord, makeUser, type TestUser } from './factories.ts';

let store: Store;
let app: App;
let officer: TestUser;

beforeAll(async () => {
  store = await createTestStore();
  app = await createTestApp(store);
  officer = await makeUser(store, await makeOrg(store), 'officer');
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('the HTTP server', () => {
  it('reports health with the database kind', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.json()).toEqual({ status: 'ok', database: store.kind });
  });

  it('exposes Prometheus metrics, including request durations by route', async () => {
    await app.inject({ method: 'GET', url: '/health' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.body).toContain('passerelle_http_request_duration_seconds_bucket');
    expect(response.body).toContain('route="/health"');
  });

  it('sends security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('answers invalid input with problem+json naming each field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/records',
      headers: bearer(officer.token),
      payload: { schema: 'Person', properties: {}, crimeArea: 'jaywalking', restriction: { mode: 'everyone' }, handling: { code: 'H0' }, evaluation: { source: 'Z', information: 9 } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<{ code: string; problems: { field: string }[]; detail: string }>();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['body.crimeArea', 'body.evaluation.source', 'body.evaluation.information']));
  });

  it('answers a model validation failure with the field and a message a person can act on', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/records',
      headers: bearer(officer.token),
      payload: { schema: 'Person', properties: { name: 'Ana Lima', birthDate: '31/12/1990' }, crimeArea: 'fugitive', restriction: { mode: 'everyone' }, handling: { code: 'H0' }, evaluation: { source: 'A', information: 1 } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ problems: unknown[] }>().problems).toEqual([{ field: 'properties.birthDate', message: expect.stringContaining('YYYY-MM-DD') }]);
  });

  it('declares the problem+json error responses on every operation, once as a shared component', async () => {
    type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } }>();
    expect(Object.keys(document.components.schemas)).toEqual(['Problem']);
    const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ operation: `${method} ${path}`, op })));
    const undeclared = operations.filter(({ op }) => JSON.stringify(op.responses['4XX']?.content) !== JSON.stringify(problem) || JSON.stringify(op.responses['5XX']?.content) !== JSON.stringify(problem));
    expect(undeclared.map((o) => o.operation)).toEqual([]);
  });

  it('sends error bodies whole through the declared schema, extension members included', async () => {
    const record = await makeRecord(store, officer);
    await app.inject({ method: 'PATCH', url: `/api/records/${record.id}`, headers: bearer(officer.token), payload: { expectedVersion: 1, properties: { alias: ['A'] } } });
    const stale = await app.inject({ method: 'PATCH', url: `/api/records/${record.id}`, headers: bearer(officer.token), payload: { expectedVersion: 1, properties: { alias: ['B'] } } });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toEqual({
      type: 'https://passerelle.dev/problems/conflict', title: 'Conflict', status: 409, code: 'CONFLICT',
      detail: expect.stringContaining('version 1'), instance: `/api/records/${record.id}`, currentVersion: 2,
    });
  });

  it('serves the OpenAPI document and its browsable UI', async () => {
    const json = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(json.json<{ openapi: string; paths: Record<string, unknown> }>().paths).toHaveProperty('/api/records/{id}');
    const ui = await app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('has its OpenAPI document committed and current (run `npm run openapi` after changing routes)', async () => {
    const committed = fs.readFileSync(new URL('../openapi/passerelle.openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(await openApiDocument(app));
  });
});
