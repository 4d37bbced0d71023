import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../test/app.ts';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord as makeAnyRecord, makeUser, type TestUser } from '../../test/factories.ts';
import sql from 'sql-template-tag';
import { verifyAuditChain } from '../kernel/audit/verify.ts';
import { loadConfig } from '../kernel/config.ts';
import { NameIndexSync } from '../kernel/index/index-sync.ts';
import type { Store } from '../kernel/store/store.ts';
import { buildApp } from '../server/app.ts';
import type { App } from '../server/context.ts';

// The app is given its name index, so each test brings it up to date after writing records
// (the server otherwise catches up at most every 200 ms).
const world = {} as { store: Store; app: App; sync: NameIndexSync };
beforeAll(async () => {
  world.store = await createTestStore();
  world.sync = new NameIndexSync(world.store);
  const config = loadConfig({ PASSERELLE_DATA: '/tmp/passerelle-unused', LOG_LEVEL: 'silent', PASSERELLE_RATE_LIMIT_PER_MINUTE: '100000' });
  world.app = await buildApp({ config, store: world.store, nameIndex: world.sync }, { logger: false });
});
afterAll(async () => {
  await world.app.close();
  await world.store.close();
});

async function makeRecord(...args: Parameters<typeof makeAnyRecord>) {
  const record = await makeAnyRecord(...args);
  await world.sync.catchUp();
  return record;
}

type Match = { disclosure: string; recordId: string; hitId: string | null; ownerName?: string; caption?: string };
type Hit = { id: string; status: string; asker: { orgName: string }; subject: Record<string, string>; match: Record<string, unknown> };

const post = (user: TestUser, url: string, payload: unknown) => world.app.inject({ method: 'POST', url, headers: bearer(user.token), payload: payload as Record<string, unknown> });
const get = (user: TestUser, url: string) => world.app.inject({ method: 'GET', url, headers: bearer(user.token) });
const batch = (user: TestUser, body: string, contentType: string, query = '') =>
  world.app.inject({ method: 'POST', url: `/api/screening/batch${query}`, headers: { ...bearer(user.token), 'content-type': contentType }, payload: body });
const lines = (body: string) => body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

/** A bureau owning a record only it (and the hub) may read, and another bureau screening. */
async function restrictedWorld(name: string, birthDate: string) {
  const owner = await makeUser(world.store, await makeOrg(world.store));
  const other = await makeUser(world.store, await makeOrg(world.store));
  const record = await makeRecord(world.store, owner, {
    properties: { name: [name], birthDate: [birthDate], nationality: ['it'] },
    restriction: { mode: 'owner_and_hub', orgs: [] },
  });
  return { owner, other, record };
}

describe('POST /api/screening/check', () => {
  it('tells another bureau only whom to contact about an owner_and_hub record, and the owner’s inbox who asked', async () => {
    const { owner, other, record } = await restrictedWorld('Gianluca Sciarrabba', '1977-04-21');
    const response = await post(other, '/api/screening/check', { name: 'Gianluca Sciarrabba', birthDate: '1977-04-21', purpose: 'port control' });
    expect(response.statusCode).toBe(200);
    const { checkId, matches } = response.json<{ checkId: string; matches: Match[] }>();
    expect(checkId).toEqual(expect.any(String));
    expect(matches).toEqual([{
      disclosure: 'contact-owner', recordId: record.id, hitId: expect.any(String), previouslyCleared: null, score: expect.any(Number),
      ownerOrg: owner.org.id, ownerName: `Test ncb ${owner.org.id}`, explanation: `Possible hit — contact Test ncb ${owner.org.id}`,
    }]);

    const inbox = (await get(owner, '/api/inbox')).json<{ items: { kind: string; title: string; ref: { type: string; id: string } }[] }>();
    expect(inbox.items).toContainEqual(expect.objectContaining({
      kind: 'screening.hit', title: `Possible hit on Gianluca Sciarrabba by Test ncb ${other.org.id}`, ref: { type: 'hit', id: matches[0]?.hitId },
    }));
    const askerInbox = (await get(other, '/api/inbox')).json<{ items: unknown[] }>();
    expect(askerInbox.items).toEqual([]);
  });

  it('answers an unreadable MRZ with 400 and the parser’s message, and reports a failed check digit', async () => {
    const officer = await makeUser(world.store, await makeOrg(world.store));
    const bad = await post(officer, '/api/screening/check', { mrz: 'P<UTOERIKSSON<<ANNA<MARIA\nL898902C36UTO' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ detail: string }>().detail).toContain('The MRZ could not be read: line 1 has 25 characters');
    const checked = await post(officer, '/api/screening/check', { mrz: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408122F1204159ZE184226B<<<<<10' });
    expect(checked.statusCode).toBe(200);
    expect(checked.json<{ mrz: { valid: boolean; failedChecks: { field: string; message: string }[] } }>().mrz).toMatchObject({
      valid: false, failedChecks: expect.arrayContaining([{ field: 'documentNumber', line: 2, column: 10, message: 'invalid check digit: 7. Must be 6' }]),
    });
  });

  it('refuses a role without the screening permission', async () => {
    const auditor = await makeUser(world.store, await makeOrg(world.store), 'auditor');
    expect((await post(auditor, '/api/screening/check', { name: 'Anyone At All' })).statusCode).toBe(403);
  });
});

describe('POST /api/screening/batch', () => {
  it('streams one line per subject in input order, a bad line with its number, then the summary (JSON lines)', async () => {
    const { other, record } = await restrictedWorld('Marcantonio Spadafora', '1969-10-02');
    const body = [
      JSON.stringify({ id: 'p1', name: 'Hildegard Oyelowo-Brandt' }),
      JSON.stringify({ id: 'p2', name: 'Marcantonio Spadafora', birthDate: '1969-10-02' }),
      '{not json',
      '',
      JSON.stringify({ name: 'Ignatius Wrzesniewski-Obi' }),
    ].join('\n');
    const response = await batch(other, body, 'application/x-ndjson');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const out = lines(response.body);
    expect(out.map((l) => l.id ?? 'summary')).toEqual(['p1', 'p2', '3', '5', 'summary']);
    expect(out[0]).toMatchObject({ line: 1, matches: [] });
    expect(out[1]?.matches).toEqual([expect.objectContaining({ disclosure: 'contact-owner', recordId: record.id, hitId: expect.any(String) })]);
    expect(JSON.stringify(out[1])).not.toContain('1969');
    expect(out[2]).toEqual({ id: '3', line: 3, matches: [], error: 'line 3: not a JSON object' });
    expect(out[4]?.summary).toEqual({ subjects: 4, hits: 1, errors: 1, seconds: expect.any(Number) });
  });

  it('reads a CSV passenger list by its header, and never shows another bureau the record', async () => {
    const { owner, other, record } = await restrictedWorld('Fiorenzo Caltagirone', '1980-05-05');
    const csv = 'id,name,birthDate,nationality,gender,documentNumber,mrz\n'
      + 'A1,Fiorenzo Caltagirone,1980-05-05,it,male,,\n'
      + 'A2,,,,,,\n'
      + 'A3,"Ottilie Nakashima-Brun",1991-01-01,,,,\n'
      + 'A4,Ottokar Brzezinski-Lund,31/12/1990,,,,\n';
    const response = await batch(other, csv, 'text/csv', '?purpose=flight%20AZ610');
    const out = lines(response.body);
    expect(out.map((l) => l.id ?? 'summary')).toEqual(['A1', 'A2', 'A3', 'A4', 'summary']);
    expect(out[0]?.matches).toEqual([expect.objectContaining({ disclosure: 'contact-owner', recordId: record.id, ownerName: `Test ncb ${owner.org.id}` })]);
    expect(JSON.stringify(out[0])).not.toContain('Caltagirone');
    expect(out[1]).toMatchObject({ line: 3, error: expect.stringContaining('line 3: Give a name, a document number or an MRZ') });
    expect(out[3]).toMatchObject({ line: 5, error: 'line 5: birthDate must be YYYY, YYYY-MM or YYYY-MM-DD' });
    expect(out[4]?.summary).toMatchObject({ subjects: 4, hits: 1, errors: 2 });
  });

  it('keeps input order across the groups a long list is screened in, recording each subject\'s hit once', async () => {
    const { other, owner, record } = await restrictedWorld('Gualtiero Scarpellini', '1971-04-09');
    const body = Array.from({ length: 150 }, (_, i) => (i === 70 ? '{broken' : JSON.stringify({ id: `s${i}`, name: i % 50 === 7 ? 'Gualtiero Scarpellini' : `Traveller${i} Nobodyknows`, birthDate: '1971-04-09' }))).join('\n');
    const out = lines((await batch(other, body, 'application/x-ndjson', '?purpose=flight%20LH1')).body);
    expect(out.map((l) => l.id ?? 'summary')).toEqual([...Array.from({ length: 150 }, (_, i) => (i === 70 ? '71' : `s${i}`)), 'summary']);
    const hitLines = out.filter((l) => (l.matches as Match[] | undefined)?.some((m) => m.recordId === record.id && m.hitId));
    expect(hitLines.map((l) => l.id)).toEqual(['s7', 's57', 's107']);
    expect(out.at(-1)?.summary).toMatchObject({ subjects: 150, hits: 3, errors: 1 });
    const owned = JSON.parse((await get(owner, '/api/screening/hits?scope=owned')).body) as { items: Hit[] };
    const ownHits = owned.items.filter((h) => h.match.recordId === record.id);
    expect(ownHits).toHaveLength(3);
    // Each group's hits, audit entries and notices were written in bulk: one of each per hit, and the chain still verifies.
    const ids = ownHits.map((h) => h.id);
    const { rows: notices } = await world.store.query<{ ref_id: string }>(sql`SELECT ref_id FROM notifications WHERE org_id = ${owner.org.id} AND ref_type = 'hit' AND ref_id = ANY(${ids}::text[])`);
    expect(notices.map((n) => n.ref_id).sort()).toEqual([...ids].sort());
    const { rows: audited } = await world.store.query<{ target_ids: string[] }>(sql`SELECT target_ids FROM audit_log WHERE action = 'screening.hit' AND target_ids && ${ids}::text[]`);
    expect(audited.flatMap((a) => a.target_ids).sort()).toEqual([...ids].sort());
    expect((await verifyAuditChain(world.store)).problems).toEqual([]);
  });

  it('refuses a list in another format, and a role without the permission, before streaming', async () => {
    const officer = await makeUser(world.store, await makeOrg(world.store));
    expect((await batch(officer, '<list/>', 'application/xml')).statusCode).toBe(415);
    const auditor = await makeUser(world.store, await makeOrg(world.store), 'auditor');
    expect((await batch(auditor, '{"name":"x y"}', 'application/x-ndjson')).statusCode).toBe(403);
  });
});

describe('GET /api/screening/hits and deciding', () => {
  it('lists hits for the asker per disclosure and for the owner in full, and lets only the asker decide', async () => {
    const { owner, other, record } = await restrictedWorld('Rosalba Mancuso-Terranova', '1973-03-13');
    const { matches } = (await post(other, '/api/screening/check', { name: 'Rosalba Mancuso Terranova', birthDate: '1973-03-13' })).json<{ matches: Match[] }>();
    const hitId = matches[0]?.hitId ?? '';

    const asked = (await get(other, '/api/screening/hits?scope=asked')).json<{ items: Hit[] }>();
    expect(asked.items.map((h) => h.id)).toEqual([hitId]);
    expect(asked.items[0]?.match).toEqual({ disclosure: 'contact-owner', recordId: record.id, ownerOrg: owner.org.id, ownerName: `Test ncb ${owner.org.id}`, explanation: expect.any(String) });
    expect(JSON.stringify(asked)).not.toContain('Mancuso-Terranova');

    const owned = (await get(owner, '/api/screening/hits?scope=owned')).json<{ items: Hit[] }>();
    expect(owned.items[0]).toMatchObject({ id: hitId, asker: { orgName: `Test ncb ${other.org.id}` }, subject: { name: 'Rosalba Mancuso Terranova', birthDate: '1973-03-13' }, match: { disclosure: 'full', caption: 'Rosalba Mancuso-Terranova' } });

    expect((await post(owner, `/api/screening/hits/${hitId}/decision`, { decision: 'confirmed' })).statusCode).toBe(404);
    const decided = await post(other, `/api/screening/hits/${hitId}/decision`, { decision: 'false_positive', note: 'born elsewhere' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json<Hit>()).toMatchObject({ id: hitId, status: 'false_positive', decision: { note: 'born elsewhere' } });
    expect((await get(other, '/api/screening/hits?scope=asked&status=open')).json<{ items: Hit[] }>().items).toEqual([]);
  });

  it('keeps owned hits from a role that may not read records', async () => {
    const auditor = await makeUser(world.store, await makeOrg(world.store), 'auditor');
    expect((await get(auditor, '/api/screening/hits?scope=owned')).statusCode).toBe(403);
  });
});

describe('PUT /api/orgs/:id/webhook', () => {
  it('lets an organisation’s administrator set its webhook once with a secret, and answers others as absent', async () => {
    const org = await makeOrg(world.store);
    const admin = await makeUser(world.store, org, 'admin');
    const officer = await makeUser(world.store, org, 'officer');
    const stranger = await makeUser(world.store, await makeOrg(world.store), 'admin');
    const put = (user: TestUser) => world.app.inject({ method: 'PUT', url: `/api/orgs/${org.id}/webhook`, headers: bearer(user.token), payload: { url: 'https://hooks.example.org/passerelle' } });
    const set = await put(admin);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ orgId: org.id, url: 'https://hooks.example.org/passerelle', secret: expect.stringMatching(/^whsec_/), updatedAt: expect.any(String) });
    expect((await get(admin, `/api/orgs/${org.id}/webhook`)).json()).toEqual({ webhook: { orgId: org.id, url: 'https://hooks.example.org/passerelle', updatedAt: expect.any(String) } });
    expect((await put(officer)).statusCode).toBe(403);
    expect((await put(stranger)).statusCode).toBe(404);
  });
});
