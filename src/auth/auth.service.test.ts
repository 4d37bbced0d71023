import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg } from '../../test/factories.ts';
import type { Store } from '../kernel/store/store.ts';
import { auditTrailOf, makeCredentialedUser, type CredentialedUser } from './auth.fixtures.ts';
import { AuthService, type LoginResult } from './auth.service.ts';
import { actorForToken } from './authenticate.ts';
import { totpCode } from './totp.ts';

const STEP_MS = 30_000;
const client = { ip: '192.0.2.10' };
let store: Store;
let auth: AuthService;

beforeAll(async () => {
  store = await createTestStore();
  auth = new AuthService(store, { sessionHours: 12, loginMaxFailures: 3, lockoutMinutes: 15 });
});
afterAll(async () => store.close());

const newUser = async (options: { enrolled?: boolean } = {}) => makeCredentialedUser(store, await makeOrg(store), 'officer', options);

function challengeOf(result: LoginResult): string {
  if (result.status === 'signed_in') throw new Error('expected a challenge, got a session');
  return result.challenge;
}

/** Both steps; `offsetSteps` picks a later time-step so one test can sign in twice without reusing a code. */
async function signIn(user: CredentialedUser, offsetSteps = 0) {
  const challenge = challengeOf(await auth.login({ username: user.username, password: user.password }, client));
  return auth.verifyTotp({ challenge, code: totpCode(user.totpSecret ?? '', Date.now() + offsetSteps * STEP_MS) }, client);
}

const failedLogins = async (userId: string) =>
  (await store.query<{ failed_logins: number }>(sql`SELECT failed_logins FROM users WHERE id = ${userId}`)).rows[0]?.failed_logins;

describe('signing in with a password and a second factor', () => {
  it('asks for a code after the right password, then opens a session the challenge itself cannot use', async () => {
    const user = await newUser();
    const first = await auth.login({ username: user.username, password: user.password }, client);
    expect(first.status).toBe('totp_required');
    const challenge = challengeOf(first);
    expect(await actorForToken(store, challenge)).toBeNull();

    const signedIn = await auth.verifyTotp({ challenge, code: totpCode(user.totpSecret ?? '') }, client);
    expect(signedIn.user).toMatchObject({ id: user.id, username: user.username, role: 'officer' });
    expect(Date.parse(signedIn.expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3600_000);
    expect((await actorForToken(store, signedIn.token))?.userId).toBe(user.id);
    expect(await actorForToken(store, challenge)).toBeNull();
    expect((await auditTrailOf(store, user.id)).map((e) => e.action)).toEqual(['auth.login']);
  });

  it('enrols an authenticator at the first sign-in and asks for it from then on', async () => {
    const user = await newUser({ enrolled: false });
    const first = await auth.login({ username: user.username, password: user.password }, client);
    if (first.status !== 'totp_enrollment_required') throw new Error(`expected enrolment, got ${first.status}`);
    expect(first.otpauthUrl).toContain(`otpauth://totp/Passerelle:${user.username}`);
    expect(first.otpauthUrl).toContain(`secret=${first.secret}`);

    await auth.verifyTotp({ challenge: first.challenge, code: totpCode(first.secret) }, client);
    const next = await auth.login({ username: user.username, password: user.password }, client);
    expect(next.status).toBe('totp_required');
    expect((await auditTrailOf(store, user.id)).map((e) => e.action)).toEqual(['auth.totp_enrolled', 'auth.login']);
  });

  it('offers the same unconfirmed secret again if enrolment was not finished', async () => {
    const user = await newUser({ enrolled: false });
    const first = await auth.login({ username: user.username, password: user.password }, client);
    const again = await auth.login({ username: user.username, password: user.password }, client);
    expect(first.status).toBe('totp_enrollment_required');
    expect(again).toMatchObject({ status: 'totp_enrollment_required', secret: (first as { secret: string }).secret });
  });

  it('accepts a code from the previous time-step, to forgive a slow clock', async () => {
    const user = await newUser();
    const challenge = challengeOf(await auth.login({ username: user.username, password: user.password }, client));
    const signedIn = await auth.verifyTotp({ challenge, code: totpCode(user.totpSecret ?? '', Date.now() - STEP_MS) }, client);
    expect(signedIn.status).toBe('signed_in');
  });

  it('refuses a code that was already used, even while it is still in its window', async () => {
    const user = await newUser();
    const code = totpCode(user.totpSecret ?? '');
    const challenge1 = challengeOf(await auth.login({ username: user.username, password: user.password }, client));
    await auth.verifyTotp({ challenge: challenge1, code }, client);

    const challenge2 = challengeOf(await auth.login({ username: user.username, password: user.password }, client));
    await expect(auth.verifyTotp({ challenge: challenge2, code }, client)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    const earlier = totpCode(user.totpSecret ?? '', Date.now() - STEP_MS);
    await expect(auth.verifyTotp({ challenge: challenge2, code: earlier }, client)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const later = await auth.verifyTotp({ challenge: challenge2, code: totpCode(user.totpSecret ?? '', Date.now() + STEP_MS) }, client);
    expect(later.status).toBe('signed_in');
    const reasons = (await auditTrailOf(store, user.id)).filter((e) => e.action === 'auth.login_failed').map((e) => e.details.reason);
    expect(reasons).toEqual(['reused_code', 'reused_code']);
  });

  it('refuses a challenge that expired or was already turned into a session', async () => {
    const user = await newUser();
    const challenge = challengeOf(await auth.login({ username: user.username, password: user.password }, client));
    await auth.verifyTotp({ challenge, code: totpCode(user.totpSecret ?? '') }, client);
    const replay = auth.verifyTotp({ challenge, code: totpCode(user.totpSecret ?? '', Date.now() + STEP_MS) }, client);
    await expect(replay).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('expired') });

    const stale = challengeOf(await auth.login({ username: user.username, password: user.password }, client));
    await store.query(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = ${user.id} AND stage = 'pending'`);
    const late = auth.verifyTotp({ challenge: stale, code: totpCode(user.totpSecret ?? '', Date.now() + STEP_MS) }, client);
    await expect(late).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('expired') });
  });
});

describe('failed sign-ins', () => {
  it('answers an unknown username exactly like a wrong password, and records the attempt without the password', async () => {
    const user = await newUser();
    const unknownName = `nobody-${user.username}`;
    const unknown = await auth.login({ username: unknownName, password: 'secret-guess-123' }, client).catch((e: unknown) => e);
    const wrong = await auth.login({ username: user.username, password: 'secret-guess-123' }, client).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, message: (unknown as Error).message });

    const { rows } = await store.query<{ actor_user: string | null; actor_org: string | null; details: Record<string, unknown> }>(sql`
      SELECT actor_user, actor_org, details FROM audit_log WHERE action = 'auth.login_failed' AND details->>'username' = ${unknownName}`);
    expect(rows).toEqual([{ actor_user: null, actor_org: null, details: { username: unknownName, reason: 'unknown_user', ip: client.ip } }]);
    const trail = JSON.stringify(await auditTrailOf(store, user.id));
    expect(trail).toContain('wrong_password');
    expect(trail).not.toContain('secret-guess-123');
  });

  it('locks the account after too many failures and then refuses even the right password', async () => {
    const user = await newUser();
    const attempt = (password: string) => auth.login({ username: user.username, password }, client);
    await expect(attempt('wrong-password-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(attempt('wrong-password-2')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(attempt('wrong-password-3')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED', status: 423, details: { lockedUntil: expect.any(String) } });
    const locked = await attempt(user.password).catch((e: unknown) => e);
    expect(locked).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const minutes = (Date.parse((locked as { details: { lockedUntil: string } }).details.lockedUntil) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect((await auditTrailOf(store, user.id)).filter((e) => e.action === 'auth.locked')).toHaveLength(1);
  });

  it('lets the user in again once the lock has passed', async () => {
    const user = await newUser();
    await store.query(sql`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = ${user.id}`);
    expect((await signIn(user)).status).toBe('signed_in');
  });

  it('counts wrong codes towards the lock, so the second factor cannot be guessed', async () => {
    const user = await newUser();
    const challenge = challengeOf(await auth.login({ username: user.username, password: user.password }, client));
    await expect(auth.verifyTotp({ challenge, code: '000000' }, client)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(auth.verifyTotp({ challenge, code: '000001' }, client)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(auth.verifyTotp({ challenge, code: '000002' }, client)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    await expect(auth.verifyTotp({ challenge, code: totpCode(user.totpSecret ?? '') }, client)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });

  it('starts counting again after a successful sign-in, but not after a right password alone', async () => {
    const user = await newUser();
    await expect(auth.login({ username: user.username, password: 'wrong-password-1' }, client)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    challengeOf(await auth.login({ username: user.username, password: user.password }, client));
    expect(await failedLogins(user.id)).toBe(1);
    await signIn(user);
    expect(await failedLogins(user.id)).toBe(0);
  });

  it('refuses deactivated users and users of deactivated organisations, even with the right password', async () => {
    const user = await newUser();
    await store.query(sql`UPDATE users SET active = false WHERE id = ${user.id}`);
    await expect(auth.login({ username: user.username, password: user.password }, client)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(auth.login({ username: user.username, password: 'wrong-password-1' }, client)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    const colleague = await newUser();
    await store.query(sql`UPDATE organisations SET active = false WHERE id = ${colleague.orgId}`);
    await expect(auth.login({ username: colleague.username, password: colleague.password }, client)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('signing out and the current user', () => {
  it('ends the session on logout and records it', async () => {
    const user = await newUser();
    const { token } = await signIn(user);
    const actor = await actorForToken(store, token);
    await auth.logout(actor, token);
    expect(await actorForToken(store, token)).toBeNull();
    expect((await auditTrailOf(store, user.id)).map((e) => e.action)).toContain('auth.logout');
  });

  it("describes the caller: organisation, role, permissions and locale", async () => {
    const user = await newUser();
    const me = await auth.me(user.actor);
    expect(me.user).toEqual({ id: user.id, username: user.username, displayName: `Person ${user.username}` });
    expect(me.organisation).toMatchObject({ id: user.orgId, kind: 'ncb' });
    expect(me.role).toBe('officer');
    expect(me.permissions).toEqual(['records:import', 'records:read', 'records:write', 'screening:check']);
    expect(me.locale).toBe('en');
  });
});
