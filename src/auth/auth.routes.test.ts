import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.ts';
import { createTestStore } from '../../test/db.ts';
import { makeOrg } from '../../test/factories.ts';
import type { Store } from '../kernel/store/store.ts';
import type { App } from '../server/context.ts';
import { makeCredentialedUser, type CredentialedUser } from './auth.fixtures.ts';
import { SESSION_COOKIE } from './tokens.ts';
import { totpCode } from './totp.ts';

let store: Store;
let app: App;

// The test app lifts the global rate limit; the sign-in routes keep their own, which is what is tested here.
const build = (env: Record<string, string> = {}) => createTestApp(store, env);

beforeAll(async () => {
  store = await createTestStore();
  app = await build();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

// Each test signs in from its own address, so the per-address sign-in limit of one test never trips another.
let addressCursor = 1;
const newAddress = () => `198.51.100.${addressCursor++}`;

async function signIn(target: App, user: CredentialedUser, remoteAddress = newAddress()) {
  const login = await target.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: user.username, password: user.password } });
  const { challenge } = login.json<{ challenge: string }>();
  return target.inject({ method: 'POST', url: '/api/auth/totp', remoteAddress, payload: { challenge, code: totpCode(user.totpSecret ?? '') } });
}

interface Cookie {
  name: string;
  value: string;
  secure?: boolean;
}
const cookieOf = (response: { cookies: Cookie[] }): Cookie | undefined => response.cookies.find((c) => c.name === SESSION_COOKIE);

describe('POST /api/auth/login and /api/auth/totp', () => {
  it('signs in in two steps and sets a strict, httpOnly session cookie that opens /api/me', async () => {
    const user = await makeCredentialedUser(store, await makeOrg(store), 'analyst');
    const response = await signIn(app, user);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ status: string; token: string }>();
    expect(body.status).toBe('signed_in');
    expect(cookieOf(response)).toMatchObject({ value: body.token, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookieOf(response)?.secure).toBeUndefined();

    const me = await app.inject({ method: 'GET', url: '/api/me', cookies: { [SESSION_COOKIE]: body.token } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: user.id, username: user.username }, organisation: { id: user.orgId, kind: 'ncb' }, role: 'analyst', locale: 'en' });
    expect(me.json<{ permissions: string[] }>().permissions).toContain('records:export');
  });

  it('marks the cookie Secure when the configuration says always', async () => {
    const secureApp = await build({ PASSERELLE_SECURE_COOKIES: 'true' });
    try {
      const user = await makeCredentialedUser(store, await makeOrg(store));
      expect(cookieOf(await signIn(secureApp, user))?.secure).toBe(true);
    } finally {
      await secureApp.close();
    }
  });

  it('answers a wrong password with 401 problem+json and no session', async () => {
    const user = await makeCredentialedUser(store, await makeOrg(store));
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: newAddress(), payload: { username: user.username, password: 'not-the-password' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'The username or password is not correct.' });
    expect(cookieOf(response)).toBeUndefined();
  });

  it('answers 423 with the end of the lock once the account is locked', async () => {
    const user = await makeCredentialedUser(store, await makeOrg(store));
    const remoteAddress = newAddress();
    const attempt = () => app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: user.username, password: 'not-the-password' } });
    for (let i = 1; i < 5; i++) expect((await attempt()).statusCode).toBe(401);
    const locked = await attempt();
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', lockedUntil: expect.any(String) });
  });

  it('rejects a malformed code before checking it', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/totp', remoteAddress: newAddress(), payload: { challenge: 'pst_x', code: '12 34' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', problems: [expect.objectContaining({ field: 'body.code' })] });
  });

  it('allows ten sign-in attempts a minute from one address and answers the eleventh with 429', async () => {
    const remoteAddress = newAddress();
    const attempt = () => app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: 'nobody-at-all', password: 'a-guessed-password' } });
    for (let i = 1; i <= 10; i++) expect((await attempt()).statusCode).toBe(401);
    const eleventh = await attempt();
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.headers['content-type']).toContain('application/problem+json');
    expect(eleventh.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const otherAddress = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: newAddress(), payload: { username: 'nobody-at-all', password: 'a-guessed-password' } });
    expect(otherAddress.statusCode).toBe(401);
  });
});

describe('POST /api/auth/logout and GET /api/me', () => {
  it('ends the session and clears the cookie, after which /api/me asks to sign in', async () => {
    const user = await makeCredentialedUser(store, await makeOrg(store));
    const { token } = (await signIn(app, user)).json<{ token: string }>();
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect(logout.statusCode).toBe(204);
    expect(cookieOf(logout)).toMatchObject({ value: '', path: '/' });
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
