import { roleRequiresSecondFactor, type Actor } from '../kernel/access/actor.ts';
import { appendAudit, type AuditEvent } from '../kernel/audit/audit.ts';
import type { Config } from '../kernel/config.ts';
import { accountLocked, forbidden, notFound, unauthenticated } from '../kernel/errors.ts';
import type { Store } from '../kernel/store/store.ts';
import {
  acceptTotpStep,
  activateSession,
  clearFailures,
  deleteSession,
  findChallenge,
  findCredentials,
  findMe,
  insertSession,
  recordFailure,
  storeTotpSecret,
  type Credentials,
} from './auth.repository.ts';
import { preparePasswordTiming, spendPasswordTime, verifyPassword } from './passwords.ts';
import { hashToken, newSessionToken } from './tokens.ts';
import { matchingTimeStep, newTotpSecret, otpauthUrl } from './totp.ts';

/** The second step has to follow the first quickly: a pending session lives this long. */
export const CHALLENGE_MINUTES = 5;

export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  role: string;
  locale: string;
}

export type SignedIn = { status: 'signed_in'; token: string; expiresAt: string; user: SignedInUser };

export type LoginResult =
  | { status: 'totp_required'; challenge: string }
  | { status: 'totp_enrollment_required'; challenge: string; secret: string; otpauthUrl: string }
  | SignedIn;

/** Where an attempt came from, kept in the audit trail. */
export interface ClientInfo {
  ip: string;
}

// One message for an unknown user and a wrong password, so answers never confirm a username.
const badCredentials = () => unauthenticated('The username or password is not correct.');
const badCode = () => unauthenticated('The code is not correct or was already used. Enter the current code from your authenticator app.');
const staleChallenge = () => unauthenticated('This sign-in attempt expired or is not valid; sign in again with your username and password.');

const present = (c: Credentials): SignedInUser => ({ id: c.id, username: c.username, displayName: c.displayName, orgId: c.orgId, role: c.role, locale: c.locale });
const asAuditActor = (c: Credentials) => ({ userId: c.id, orgId: c.orgId });

/**
 * Sign-in in two steps: the password, then a TOTP code (or enrolment at the first sign-in).
 * Failed attempts of either step count towards a temporary lock; every outcome is audited.
 */
export class AuthService {
  constructor(
    private readonly store: Store,
    private readonly config: Pick<Config, 'sessionHours' | 'loginMaxFailures' | 'lockoutMinutes'>,
  ) {
    // Started now, awaited on the first unknown username.
    void preparePasswordTiming();
  }

  async login(input: { username: string; password: string }, client: ClientInfo): Promise<LoginResult> {
    const user = await findCredentials(this.store, input.username);
    if (!user) {
      await spendPasswordTime(input.password);
      await this.store.transaction((tx) =>
        appendAudit(tx, { userId: null, orgId: null }, { action: 'auth.login_failed', details: { username: input.username, reason: 'unknown_user', ip: client.ip } }),
      );
      throw badCredentials();
    }
    if (user.lockedUntil) {
      await this.audit(user, { action: 'auth.login_failed', details: { reason: 'locked', ip: client.ip } });
      throw accountLocked(user.lockedUntil);
    }
    // Argon2 runs outside any transaction: it is slow and must not hold a connection.
    if (!(await verifyPassword(user.passwordHash, input.password))) return this.fail(user, 'wrong_password', client, badCredentials);
    if (!user.active) {
      // Said only to someone who knows the password, so it reveals nothing to a guesser.
      await this.audit(user, { action: 'auth.login_failed', details: { reason: 'inactive', ip: client.ip } });
      throw forbidden('This account or its organisation is deactivated. Ask your administrator.');
    }
    if (!roleRequiresSecondFactor(user.role)) return this.signInWithoutSecondFactor(user, client);
    return this.challenge(user);
  }

  async verifyTotp(input: { challenge: string; code: string }, client: ClientInfo): Promise<SignedIn> {
    const challengeHash = hashToken(input.challenge);
    const user = await findChallenge(this.store, challengeHash);
    if (!user?.active || !user.totpSecret) throw staleChallenge();
    if (user.lockedUntil) throw accountLocked(user.lockedUntil);
    const step = matchingTimeStep(user.totpSecret, input.code);
    if (step === null) return this.fail(user, 'wrong_code', client, badCode);
    const enrolling = !user.totpEnabled;
    const token = newSessionToken();
    const outcome = await this.store.transaction(async (tx) => {
      if (!(await acceptTotpStep(tx, user.id, step))) return 'reused' as const;
      const expiresAt = await activateSession(tx, challengeHash, hashToken(token), this.config.sessionHours * 60);
      if (!expiresAt) throw staleChallenge();
      if (enrolling) await appendAudit(tx, asAuditActor(user), { action: 'auth.totp_enrolled', targetType: 'user', targetIds: [user.id] });
      await appendAudit(tx, asAuditActor(user), { action: 'auth.login', details: { secondFactor: 'totp', ip: client.ip } });
      return expiresAt;
    });
    if (outcome === 'reused') return this.fail(user, 'reused_code', client, badCode);
    return { status: 'signed_in', token, expiresAt: outcome.toISOString(), user: present(user) };
  }

  /** Ends the session the token belongs to; an unknown or already ended one is not an error. */
  async logout(actor: Actor | null, token: string | null): Promise<void> {
    if (!token || !actor?.userId) return;
    await this.store.transaction(async (tx) => {
      if (await deleteSession(tx, hashToken(token))) await appendAudit(tx, actor, { action: 'auth.logout' });
    });
  }

  /** Who the caller is, their organisation and what they may do: the web app's starting point. */
  async me(actor: Actor) {
    const row = await findMe(this.store, actor.orgId, actor.userId);
    if (!row) throw notFound('organisation', actor.orgId);
    return {
      user: actor.userId && row.username ? { id: actor.userId, username: row.username, displayName: row.displayName ?? row.username } : null,
      organisation: { id: actor.orgId, name: row.orgName, kind: row.orgKind, country: row.orgCountry },
      role: actor.role,
      permissions: [...actor.permissions].sort(),
      locale: row.locale ?? 'en',
    };
  }

  /** Password accepted: open a pending session that owes the second factor. */
  private async challenge(user: Credentials): Promise<LoginResult> {
    const challenge = newSessionToken();
    const secret = user.totpEnabled && user.totpSecret ? null : (user.totpSecret ?? newTotpSecret());
    await this.store.transaction(async (tx) => {
      // An unconfirmed secret is kept, so an app that already scanned it keeps working.
      if (secret && secret !== user.totpSecret) await storeTotpSecret(tx, user.id, secret);
      await insertSession(tx, hashToken(challenge), user.id, 'pending', CHALLENGE_MINUTES);
    });
    if (!secret) return { status: 'totp_required', challenge };
    return { status: 'totp_enrollment_required', challenge, secret, otpauthUrl: otpauthUrl(secret, user.username) };
  }

  private async signInWithoutSecondFactor(user: Credentials, client: ClientInfo): Promise<SignedIn> {
    const token = newSessionToken();
    const expiresAt = await this.store.transaction(async (tx) => {
      await clearFailures(tx, user.id);
      await appendAudit(tx, asAuditActor(user), { action: 'auth.login', details: { secondFactor: 'none', ip: client.ip } });
      return insertSession(tx, hashToken(token), user.id, 'active', this.config.sessionHours * 60);
    });
    return { status: 'signed_in', token, expiresAt: expiresAt.toISOString(), user: present(user) };
  }

  /** Counts a failed step, locks the account when it is one too many, and throws. */
  private async fail(user: Credentials, reason: string, client: ClientInfo, error: () => Error): Promise<never> {
    const lockedUntil = await this.store.transaction(async (tx) => {
      const until = await recordFailure(tx, user.id, this.config.loginMaxFailures, this.config.lockoutMinutes);
      await appendAudit(tx, asAuditActor(user), { action: 'auth.login_failed', details: { reason, ip: client.ip } });
      if (until) await appendAudit(tx, asAuditActor(user), { action: 'auth.locked', targetType: 'user', targetIds: [user.id], details: { until: until.toISOString() } });
      return until;
    });
    throw lockedUntil ? accountLocked(lockedUntil) : error();
  }

  private async audit(user: Credentials, event: AuditEvent): Promise<void> {
    await this.store.transaction((tx) => appendAudit(tx, asAuditActor(user), event));
  }
}
