import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../test/app.ts';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, personInput, type TestUser } from '../../test/factories.ts';
import type { Store } from '../kernel/store/store.ts';
import type { App } from '../server/context.ts';

let store: Store;
let app: App;
let creator: TestUser;
let editor: TestUser;
let reader: TestUser;

beforeAll(async () => {
  store = await createTestStore();
  app = await createTestApp(store);
  const bureau = await makeOrg(store);
  creator = await makeUser(store, bureau, 'officer');
  editor = await makeUser(store, bureau, 'supervisor');
  reader = await makeUser(store, await makeOrg(store), 'officer');
});
afterAll(async () => {
  await app.close();
  await store.close();
});

type Named = { createdBy: string; createdByName: string | null; updatedBy: string; updatedByName: string | null };

describe('who did what, by name', () => {
  it('shows a record’s creator and last editor by display name, keeping their ids', async () => {
    const record = await makeRecord(store, creator);
    const patch = await app.inject({ method: 'PATCH', url: `/api/records/${record.id}`, headers: bearer(editor.token), payload: { expectedVersion: 1, properties: { alias: ['Vanya'] } } });
    expect(patch.statusCode).toBe(200);
    const read = await app.inject({ method: 'GET', url: `/api/records/${record.id}`, headers: bearer(reader.token) });
    expect(read.json<Named>()).toMatchObject({ createdBy: creator.id, createdByName: creator.displayName, updatedBy: editor.id, updatedByName: editor.displayName });
    const versions = await app.inject({ method: 'GET', url: `/api/records/${record.id}/versions`, headers: bearer(reader.token) });
    expect(versions.json<{ replacedByName: string | null; record: Named }[]>()).toEqual([
      expect.objectContaining({ replacedByName: null, record: expect.objectContaining({ updatedByName: editor.displayName }) }),
      expect.objectContaining({ replacedByName: editor.displayName, record: expect.objectContaining({ updatedByName: creator.displayName }) }),
    ]);
  });

  it('names a machine client by its API key', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/api-keys', headers: bearer(editor.token), payload: { name: 'border-system-cdg', scopes: ['records:write', 'records:read'] } });
    const { key } = created.json<{ key: string }>();
    const response = await app.inject({ method: 'POST', url: '/api/records', headers: bearer(key), payload: personInput() });
    expect(response.statusCode).toBe(201);
    expect(response.json<Named>()).toMatchObject({ createdBy: expect.stringMatching(/^apikey:/), createdByName: 'API key border-system-cdg' });
  });

  it('shows the names in search results too', async () => {
    const record = await makeRecord(store, creator);
    const response = await app.inject({ method: 'GET', url: `/api/records?q=${encodeURIComponent(record.caption)}`, headers: bearer(reader.token) });
    expect(response.json<{ items: (Named & { id: string })[] }>().items).toContainEqual(expect.objectContaining({ id: record.id, createdByName: creator.displayName }));
  });
});
