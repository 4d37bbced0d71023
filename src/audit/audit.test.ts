import fs from 'node:fs';
import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../test/app.ts';
import { runCli, tempDataDir } from '../../test/cli.ts';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, type TestUser } from '../../test/factories.ts';
import { systemActor } from '../kernel/access/actor.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import { PgliteStore } from '../kernel/store/pglite-store.ts';
import { migrate } from '../kernel/store/migrate.ts';
import type { Store } from '../kernel/store/store.ts';
import type { App } from '../server/context.ts';

let store: Store;
let app: App;
let hubAuditor: TestUser;
let bureauAuditor: TestUser;
let officer: TestUser;
let otherOfficer: TestUser;

beforeAll(async () => {
  store = await createTestStore();
  app = await createTestApp(store);
  const bureau = await makeOrg(store);
  hubAuditor = await makeUser(store, await makeOrg(store, 'hub'), 'auditor');
  bureauAuditor = await makeUser(store, bureau, 'auditor');
  officer = await makeUser(store, bureau, 'officer');
  otherOfficer = await makeUser(store, await makeOrg(store), 'officer');
});
afterAll(async () => {
  await app.close();
  await store.close();
});

type Entries = { items: { action: string; actorUser: string; actorName: string | null; actorOrg: string; targetIds: string[]; purpose: string | null }[] };

describe('the audit API', () => {
  it('records who read which record, with the stated purpose', async () => {
    const record = await makeRecord(store, officer);
    await app.inject({ method: 'GET', url: `/api/records/${record.id}?purpose=border%20check%20case%2042`, headers: bearer(otherOfficer.token) });
    const response = await app.inject({ method: 'GET', url: `/api/audit?targetId=${record.id}`, headers: bearer(hubAuditor.token) });
    const entries = response.json<Entries>().items;
    expect(entries.map((e) => e.action)).toEqual(['record.read', 'record.create']);
    expect(entries[0]).toMatchObject({ actorUser: otherOfficer.id, actorOrg: otherOfficer.org.id, purpose: 'border check case 42' });
  });

  it('names who acted by their display name, and leaves the name empty for the console operator', async () => {
    const record = await makeRecord(store, officer);
    await store.transaction((tx) => appendAudit(tx, systemActor('hub'), { action: 'record.read', targetType: 'record', targetIds: [record.id] }));
    const response = await app.inject({ method: 'GET', url: `/api/audit?targetId=${record.id}`, headers: bearer(hubAuditor.token) });
    expect(response.json<Entries>().items.map((e) => [e.action, e.actorUser, e.actorName])).toEqual([
      ['record.read', 'system:hub', null],
      ['record.create', officer.id, officer.displayName],
    ]);
  });

  it('shows a bureau auditor only their own organisation’s entries', async () => {
    await makeRecord(store, otherOfficer);
    const response = await app.inject({ method: 'GET', url: '/api/audit?limit=1000', headers: bearer(bureauAuditor.token) });
    const orgs = new Set(response.json<Entries>().items.map((e) => e.actorOrg));
    expect([...orgs]).toEqual([officer.org.id]);
  });

  it('is closed to roles without audit rights', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/audit', headers: bearer(officer.token) });
    expect(response.statusCode).toBe(403);
  });

  it('verifies the chain on request and reports tampering', async () => {
    const intact = await app.inject({ method: 'GET', url: '/api/audit/verify', headers: bearer(hubAuditor.token) });
    expect(intact.json()).toMatchObject({ ok: true });
    await store.query(sql`UPDATE audit_log SET actor_user = 'someone-else' WHERE seq = 1`);
    const tampered = await app.inject({ method: 'GET', url: '/api/audit/verify', headers: bearer(hubAuditor.token) });
    expect(tampered.json()).toMatchObject({ ok: false, problems: [expect.objectContaining({ seq: 1, kind: 'edited' })] });
  });
});

describe('passerelle audit verify', () => {
  it('exits 0 on an intact trail and 3, naming the entry, once an entry is deleted', async () => {
    const dir = tempDataDir();
    try {
      const db = await PgliteStore.open(dir);
      await migrate(db);
      for (let i = 0; i < 3; i += 1) await db.transaction((tx) => appendAudit(tx, systemActor('hub'), { action: 'record.read', targetIds: [`r${i}`] }));
      await db.close();

      const intact = await runCli(['audit', 'verify'], { PASSERELLE_DATA: dir });
      expect(intact).toMatchObject({ code: 0 });
      expect(intact.out).toContain('intact');

      const again = await PgliteStore.open(dir);
      await again.query(sql`DELETE FROM audit_log WHERE seq = 2`);
      await again.close();

      const tampered = await runCli(['audit', 'verify'], { PASSERELLE_DATA: dir });
      expect(tampered.code).toBe(3);
      expect(tampered.out).toContain('entry 2: missing');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
