import sql from 'sql-template-tag';
import type { OrgKind, Role } from '../kernel/access/actor.ts';
import type { Queryable } from '../kernel/store/store.ts';

/** The SQL of signing in: credentials, failure counting, sessions. Only token hashes are stored. */
export interface Credentials {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locale: string;
  orgId: string;
  orgKind: OrgKind;
  passwordHash: string;
  totpSecret: string | null;
  totpEnabled: boolean;
  lockedUntil: Date | null;
  /** The user and their organisation are both active. */
  active: boolean;
}

const CREDENTIAL_COLUMNS = sql`u.id, u.username, u.display_name AS "displayName", u.role, u.locale, u.org_id AS "orgId",
  o.kind AS "orgKind", u.password_hash AS "passwordHash", u.totp_secret AS "totpSecret", u.totp_enabled AS "totpEnabled",
  CASE WHEN u.locked_until > now() THEN u.locked_until END AS "lockedUntil", (u.active AND o.active) AS active`;

export async function findCredentials(db: Queryable, username: string): Promise<Credentials | null> {
  const { rows } = await db.query<Credentials>(sql`
    SELECT ${CREDENTIAL_COLUMNS} FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.username = ${username}`);
  return rows[0] ?? null;
}

/** The user behind a pending (password passed, second factor owed) session that has not expired. */
export async function findChallenge(db: Queryable, challengeHash: string): Promise<Credentials | null> {
  const { rows } = await db.query<Credentials>(sql`
    SELECT ${CREDENTIAL_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id
    WHERE s.token_hash = ${challengeHash} AND s.stage = 'pending' AND s.expires_at > now()`);
  return rows[0] ?? null;
}

/**
 * Counts one more failed attempt; at `maxFailures` the account locks for `lockoutMinutes`
 * and the counter restarts, so the next lock needs as many failures again.
 * Returns the lock's end when this failure caused it.
 */
export async function recordFailure(db: Queryable, userId: string, maxFailures: number, lockoutMinutes: number): Promise<Date | null> {
  const { rows } = await db.query<{ locked_until: Date | null; locks: boolean }>(sql`
    UPDATE users SET
      failed_logins = CASE WHEN failed_logins + 1 >= ${maxFailures} THEN 0 ELSE failed_logins + 1 END,
      locked_until = CASE WHEN failed_logins + 1 >= ${maxFailures} THEN now() + ${lockoutMinutes}::float8 * interval '1 minute' ELSE locked_until END
    WHERE id = ${userId}
    RETURNING locked_until, (locked_until > now()) AS locks`);
  const row = rows[0];
  return row?.locks && row.locked_until ? row.locked_until : null;
}

export async function storeTotpSecret(db: Queryable, userId: string, secret: string): Promise<void> {
  await db.query(sql`UPDATE users SET totp_secret = ${secret}, totp_enabled = false WHERE id = ${userId}`);
}

/**
 * Accepts a TOTP time-step only if it is later than the last one used, in one statement so
 * two requests racing with the same code cannot both pass. Also clears failures and, when
 * enrolling, switches the second factor on. False when the step was already used.
 */
export async function acceptTotpStep(db: Queryable, userId: string, step: number): Promise<boolean> {
  const { rowCount } = await db.query(sql`
    UPDATE users SET totp_last_step = ${step}, totp_enabled = true, failed_logins = 0, locked_until = NULL
    WHERE id = ${userId} AND (totp_last_step IS NULL OR totp_last_step < ${step})`);
  return rowCount === 1;
}

export async function clearFailures(db: Queryable, userId: string): Promise<void> {
  await db.query(sql`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ${userId}`);
}

/** Stores a new session (its token's hash) and returns when it expires, by the database clock the checks use. */
export async function insertSession(db: Queryable, tokenHash: string, userId: string, stage: 'pending' | 'active', minutes: number): Promise<Date> {
  // Expired sessions of this user are swept here, so the table does not grow without bound.
  await db.query(sql`DELETE FROM sessions WHERE user_id = ${userId} AND expires_at <= now()`);
  const { rows } = await db.query<{ expires_at: Date }>(sql`
    INSERT INTO sessions (token_hash, user_id, stage, expires_at)
    VALUES (${tokenHash}, ${userId}, ${stage}, now() + ${minutes}::float8 * interval '1 minute') RETURNING expires_at`);
  const row = rows[0];
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  return row.expires_at;
}

/**
 * Turns a pending session into an active one under a new token, so the challenge that
 * travelled in a JSON body never becomes the session credential. Null if it was used meanwhile.
 */
export async function activateSession(db: Queryable, challengeHash: string, tokenHash: string, minutes: number): Promise<Date | null> {
  const { rows } = await db.query<{ expires_at: Date }>(sql`
    UPDATE sessions SET token_hash = ${tokenHash}, stage = 'active', created_at = now(),
      expires_at = now() + ${minutes}::float8 * interval '1 minute'
    WHERE token_hash = ${challengeHash} AND stage = 'pending' AND expires_at > now() RETURNING expires_at`);
  return rows[0]?.expires_at ?? null;
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<string | null> {
  const { rows } = await db.query<{ user_id: string }>(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash} RETURNING user_id`);
  return rows[0]?.user_id ?? null;
}

export interface MeRow {
  username: string | null;
  displayName: string | null;
  locale: string | null;
  orgName: string;
  orgKind: OrgKind;
  orgCountry: string | null;
}

export async function findMe(db: Queryable, orgId: string, userId: string | null): Promise<MeRow | null> {
  const { rows } = await db.query<MeRow>(sql`
    SELECT u.username, u.display_name AS "displayName", u.locale, o.name AS "orgName", o.kind AS "orgKind", o.country AS "orgCountry"
    FROM organisations o LEFT JOIN users u ON u.id = ${userId} AND u.org_id = o.id WHERE o.id = ${orgId}`);
  return rows[0] ?? null;
}
