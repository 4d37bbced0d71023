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

type Entries = {
  items: { seq: number; action: string; actorUser: string; actorName: string | null; actorOrg: string; targetIds: string[]; purpose: string | null }[];
  nextBeforeSeq: number | null;
  hasMore: boolean;
};

/** Every page of a query, following nextBeforeSeq to the end. */
async function allPages(token: string, query: string, limit: number): Promise<Entries[]> {
  const pages: Entries[] = [];
  let before: number | null = null;
  do {
    const cursor: string = before === null ? '' : `&beforeSeq=${before}`;
    const response = await app.inject({ method: 'GET', url: `/api/audit?${query}&limit=${limit}${cursor}`, headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    const page = response.json<Entries>();
    pages.push(page);
    before = page.nextBeforeSeq;
  } while (before !== null && pages.length < 100);
  return pages;
}

const seqsOf = async (where: ReturnType<typeof sql>) => (await store.query<{ seq: number }>(sql`SELECT seq FROM audit_log WHERE ${where} ORDER BY seq DESC`)).rows.map((r) => Number(r.seq));

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

  it('pages backwards through the trail: each entry once, none skipped, newest first', async () => {
    const org = await makeOrg(store);
    const author = await makeUser(store, org, 'officer');
    const auditor = await makeUser(store, org, 'auditor');
    for (let i = 0; i < 7; i += 1) await makeRecord(store, author);
    const pages = await allPages(auditor.token, 'action=record.create', 3);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(pages.at(-1)?.nextBeforeSeq).toBeNull();
    const seqs = pages.flatMap((p) => p.items.map((e) => e.seq));
    expect(seqs).toEqual(await seqsOf(sql`actor_org = ${org.id} AND action = 'record.create'`));
    expect(pages[0]?.nextBeforeSeq).toBe(seqs[2]);
  });

  it('keeps its pages stable while new entries are written between them', async () => {
    const org = await makeOrg(store);
    const author = await makeUser(store, org, 'officer');
    const auditor = await makeUser(store, org, 'auditor');
    for (let i = 0; i < 4; i += 1) await makeRecord(store, author);
    const expected = await seqsOf(sql`actor_org = ${org.id} AND action = 'record.create'`);
    const first = (await app.inject({ method: 'GET', url: '/api/audit?action=record.create&limit=2', headers: bearer(auditor.token) })).json<Entries>();
    await makeRecord(store, author);
    await makeRecord(store, author);
    const second = (await app.inject({ method: 'GET', url: `/api/audit?action=record.create&limit=2&beforeSeq=${first.nextBeforeSeq}`, headers: bearer(auditor.token) })).json<Entries>();
    expect([...first.items, ...second.items].map((e) => e.seq)).toEqual(expected);
    expect(second.hasMore).toBe(false);
  });

  it('applies every filter on every page', async () => {
    const org = await makeOrg(store);
    const author = await makeUser(store, org, 'officer');
    const target = await makeRecord(store, author);
    for (let i = 0; i < 5; i += 1) await app.inject({ method: 'GET', url: `/api/records/${target.id}`, headers: bearer(otherOfficer.token) });
    await makeRecord(store, author);
    const pages = await allPages(hubAuditor.token, `action=record.read&targetId=${target.id}&actorUser=${otherOfficer.id}&from=2000-01-01`, 2);
    const items = pages.flatMap((p) => p.items);
    expect(items).toHaveLength(5);
    expect(new Set(items.map((e) => e.seq)).size).toBe(5);
    expect(items.every((e) => e.action === 'record.read' && e.actorUser === otherOfficer.id && e.targetIds.includes(target.id))).toBe(true);
  });

  it('never shows a bureau auditor another organisation’s entry, on any page, whatever the filter asks', async () => {
    for (let i = 0; i < 3; i += 1) await makeRecord(store, otherOfficer);
    await makeRecord(store, officer);
    const pages = [...await allPages(bureauAuditor.token, 'action=record.', 4), ...await allPages(bureauAuditor.token, `actorOrg=${otherOfficer.org.id}`, 4)];
    const orgs = new Set(pages.flatMap((p) => p.items.map((e) => e.actorOrg)));
    expect([...orgs]).toEqual([officer.org.id]);
    const hubSees = new Set((await allPages(hubAuditor.token, 'action=record.create', 50)).flatMap((p) => p.items.map((e) => e.actorOrg)));
    expect(hubSees.has(otherOfficer.org.id)).toBe(true);
  });

  it('refuses a cursor that is not a sequence number', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/audit?beforeSeq=abc', headers: bearer(hubAuditor.token) });
    expect(response.statusCode).toBe(400);
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
