import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeUser } from '../../test/factories.ts';
import { actorForToken } from '../auth/authenticate.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { Store } from '../kernel/store/store.ts';
import { insertOrganisation, insertUser } from './index.ts';
import { OrgsService } from './orgs.service.ts';

let store: Store;
let orgs: OrgsService;

beforeAll(async () => {
  store = await createTestStore();
  orgs = new OrgsService(store);
});
afterAll(async () => store.close());

const strongPassword = 'a long enough passphrase';
const unique = () => Math.random().toString(36).slice(2, 10);

const passwordHashOf = async (userId: string) =>
  (await store.query<{ password_hash: string }>(sql`SELECT password_hash FROM users WHERE id = ${userId}`)).rows[0]?.password_hash ?? '';

const auditActions = async (targetId: string) =>
  (await store.query<{ action: string; details: Record<string, unknown> }>(sql`SELECT action, details FROM audit_log WHERE ${targetId} = ANY(target_ids) ORDER BY seq`)).rows;

describe('insertOrganisation and insertUser', () => {
  it('stores a user with an argon2id hash of the password and an enrolled second factor when given a secret', async () => {
    const org = await makeOrg(store);
    const id = await insertUser(store, { username: `m.dupont-${unique()}`, displayName: 'Marie Dupont', orgId: org.id, role: 'officer', password: strongPassword, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' });
    const { rows } = await store.query<{ password_hash: string; totp_enabled: boolean; totp_secret: string }>(sql`SELECT password_hash, totp_enabled, totp_secret FROM users WHERE id = ${id}`);
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(rows[0]?.password_hash ?? '', strongPassword)).toBe(true);
    expect(rows[0]).toMatchObject({ totp_enabled: true, totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DP' });
  });

  it('names every invalid field of a user at once', async () => {
    const attempt = insertUser(store, { username: 'Bad Name', displayName: ' ', orgId: 'no such org!', role: 'officer', password: 'short' });
    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: ['username', 'displayName', 'orgId', 'password'].map((field): unknown => expect.objectContaining({ field })) },
    });
  });

  it('refuses a user in an organisation that does not exist, and a taken username', async () => {
    await expect(insertUser(store, { username: `x-${unique()}`, displayName: 'X', orgId: 'ncb-nowhere', role: 'officer', password: strongPassword })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED', details: { problems: [expect.objectContaining({ field: 'orgId' })] },
    });
    const org = await makeOrg(store);
    const username = `taken-${unique()}`;
    await insertUser(store, { username, displayName: 'First', orgId: org.id, role: 'officer', password: strongPassword });
    await expect(insertUser(store, { username, displayName: 'Second', orgId: org.id, role: 'officer', password: strongPassword })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('requires a country for a National Central Bureau and allows only one per country', async () => {
    await expect(insertOrganisation(store, { id: `ncb-${unique()}`, name: 'Stateless bureau', kind: 'ncb' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED', details: { problems: [expect.objectContaining({ field: 'country' })] },
    });
    const first = await makeOrg(store);
    await expect(insertOrganisation(store, { id: `ncb-${unique()}`, name: 'Second bureau', kind: 'ncb', country: first.country?.toUpperCase() ?? null })).rejects.toMatchObject({
      code: 'CONFLICT', message: expect.stringContaining(first.id),
    });
  });
});

describe('the directory of organisations', () => {
  it('lets any signed-in person find whom to contact, without deactivated organisations', async () => {
    const officer = await makeUser(store, await makeOrg(store), 'officer');
    const id = `unit-${unique()}`;
    await insertOrganisation(store, { id, name: 'Cybercrime unit', kind: 'unit', contact: 'duty desk +33 1 00 00 00 00' });
    const closed = await makeOrg(store, 'unit');
    await store.query(sql`UPDATE organisations SET active = false WHERE id = ${closed.id}`);

    const directory = await orgs.listOrganisations(officer.actor, { includeInactive: true });
    expect(directory).toContainEqual({ id, name: 'Cybercrime unit', kind: 'unit', country: null, contact: 'duty desk +33 1 00 00 00 00', active: true });
    expect(directory.map((o) => o.id)).not.toContain(closed.id);
    const hubAdmin = await makeUser(store, await makeOrg(store, 'hub'), 'admin');
    expect((await orgs.listOrganisations(hubAdmin.actor, { includeInactive: true })).map((o) => o.id)).toContain(closed.id);
  });

  it('lets only the hub administrators add organisations, and records who did', async () => {
    const hubAdmin = await makeUser(store, await makeOrg(store, 'hub'), 'admin');
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const hubOfficer = await makeUser(store, await makeOrg(store, 'hub'), 'officer');
    const input = { id: `partner-${unique()}`, name: 'Regional partner', kind: 'partner' as const };
    await expect(orgs.createOrganisation(bureauAdmin.actor, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(orgs.createOrganisation(hubOfficer.actor, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const created = await orgs.createOrganisation(hubAdmin.actor, input);
    expect(created).toMatchObject({ ...input, active: true });
    expect(await auditActions(input.id)).toEqual([expect.objectContaining({ action: 'org.create' })]);
  });
});

describe('administering users', () => {
  it("shows hub administrators everyone, and other administrators only their own organisation's users", async () => {
    const bureau = await makeOrg(store);
    const other = await makeOrg(store);
    const bureauAdmin = await makeUser(store, bureau, 'admin');
    const colleague = await makeUser(store, bureau, 'officer');
    const stranger = await makeUser(store, other, 'officer');
    const hubAdmin = await makeUser(store, await makeOrg(store, 'hub'), 'admin');

    expect((await orgs.listUsers(bureauAdmin.actor)).map((u) => u.id).sort()).toEqual([bureauAdmin.id, colleague.id].sort());
    await expect(orgs.listUsers(bureauAdmin.actor, { orgId: other.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await orgs.listUsers(hubAdmin.actor)).map((u) => u.id)).toEqual(expect.arrayContaining([colleague.id, stranger.id]));
    expect((await orgs.listUsers(hubAdmin.actor, { orgId: other.id })).map((u) => u.id)).toEqual([stranger.id]);
    await expect(orgs.listUsers(colleague.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets an administrator create users in their own organisation, with a generated password when none is given', async () => {
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const created = await orgs.createUser(bureauAdmin.actor, { username: `new-${unique()}`, displayName: 'New Officer', role: 'officer' });
    expect(created.user).toMatchObject({ orgId: bureauAdmin.org.id, role: 'officer', active: true, totpEnabled: false });
    expect(created.generatedPassword?.length).toBeGreaterThanOrEqual(24);
    expect(await verifyPassword(await passwordHashOf(created.user.id), created.generatedPassword ?? '')).toBe(true);
    expect(await auditActions(created.user.id)).toEqual([expect.objectContaining({ action: 'user.create', details: expect.objectContaining({ role: 'officer' }) })]);

    const chosen = await orgs.createUser(bureauAdmin.actor, { username: `chosen-${unique()}`, displayName: 'Chosen', role: 'analyst', password: strongPassword });
    expect(chosen.generatedPassword).toBeUndefined();
  });

  it('keeps other administrators out of other organisations and away from appointing auditors', async () => {
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const other = await makeOrg(store);
    const hub = await makeOrg(store, 'hub');
    await expect(orgs.createUser(bureauAdmin.actor, { username: `x-${unique()}`, displayName: 'X', role: 'officer', orgId: other.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(orgs.createUser(bureauAdmin.actor, { username: `x-${unique()}`, displayName: 'X', role: 'admin', orgId: hub.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(orgs.createUser(bureauAdmin.actor, { username: `x-${unique()}`, displayName: 'X', role: 'auditor' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const hubAdmin = await makeUser(store, hub, 'admin');
    const auditor = await orgs.createUser(hubAdmin.actor, { username: `aud-${unique()}`, displayName: 'Auditor', role: 'auditor', orgId: bureauAdmin.org.id });
    expect(auditor.user).toMatchObject({ role: 'auditor', orgId: bureauAdmin.org.id });
    await expect(orgs.changeUser(bureauAdmin.actor, auditor.user.id, 'reset_totp')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('deactivates a user, ending their sessions, and refuses to do it twice or to oneself', async () => {
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const officer = await makeUser(store, bureauAdmin.org, 'officer');
    const updated = await orgs.changeUser(bureauAdmin.actor, officer.username, 'deactivate');
    expect(updated.active).toBe(false);
    expect(await actorForToken(store, officer.token)).toBeNull();
    await expect(orgs.changeUser(bureauAdmin.actor, officer.id, 'deactivate')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(orgs.changeUser(bureauAdmin.actor, bureauAdmin.id, 'deactivate')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await auditActions(officer.id)).toEqual([expect.objectContaining({ action: 'user.update', details: expect.objectContaining({ change: 'deactivate', sessionsEnded: 1 }) })]);
  });

  it('answers "not found" for users of organisations the administrator does not manage', async () => {
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const stranger = await makeUser(store, await makeOrg(store), 'officer');
    await expect(orgs.changeUser(bureauAdmin.actor, stranger.id, 'unlock')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(orgs.resetPassword(bureauAdmin.actor, stranger.username, strongPassword)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await actorForToken(store, stranger.token)).not.toBeNull();
  });

  it('unlocks a locked account and clears its failure count', async () => {
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const officer = await makeUser(store, bureauAdmin.org, 'officer');
    await store.query(sql`UPDATE users SET failed_logins = 4, locked_until = now() + interval '10 minutes' WHERE id = ${officer.id}`);
    expect((await orgs.listUsers(bureauAdmin.actor)).find((u) => u.id === officer.id)?.lockedUntil).not.toBeNull();
    const unlocked = await orgs.changeUser(bureauAdmin.actor, officer.id, 'unlock');
    expect(unlocked.lockedUntil).toBeNull();
    const { rows } = await store.query<{ failed_logins: number }>(sql`SELECT failed_logins FROM users WHERE id = ${officer.id}`);
    expect(rows[0]?.failed_logins).toBe(0);
  });

  it('resets the second factor so the user must enrol again, signing them out', async () => {
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const officer = await makeUser(store, bureauAdmin.org, 'officer');
    const updated = await orgs.changeUser(bureauAdmin.actor, officer.id, 'reset_totp');
    expect(updated.totpEnabled).toBe(false);
    const { rows } = await store.query<{ totp_secret: string | null }>(sql`SELECT totp_secret FROM users WHERE id = ${officer.id}`);
    expect(rows[0]?.totp_secret).toBeNull();
    expect(await actorForToken(store, officer.token)).toBeNull();
  });

  it('resets a password to a chosen or generated one, refusing a weak one', async () => {
    const bureauAdmin = await makeUser(store, await makeOrg(store), 'admin');
    const officer = await makeUser(store, bureauAdmin.org, 'officer');
    await expect(orgs.resetPassword(bureauAdmin.actor, officer.id, 'too-short')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const chosen = await orgs.resetPassword(bureauAdmin.actor, officer.id, strongPassword);
    expect(chosen.generatedPassword).toBeUndefined();
    expect(await verifyPassword(await passwordHashOf(officer.id), strongPassword)).toBe(true);
    const generated = await orgs.resetPassword(bureauAdmin.actor, officer.id);
    expect(await verifyPassword(await passwordHashOf(officer.id), generated.generatedPassword ?? '')).toBe(true);
    expect(await verifyPassword(await passwordHashOf(officer.id), strongPassword)).toBe(false);
    expect(await actorForToken(store, officer.token)).toBeNull();
  });
});
