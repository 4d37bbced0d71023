import sql, { empty } from 'sql-template-tag';
import type { OrgKind, Role } from '../kernel/access/actor.ts';
import type { Queryable } from '../kernel/store/store.ts';

/** The SQL of organisations and users. Callers check access; these only read and write. */
export interface Organisation {
  id: string;
  name: string;
  kind: OrgKind;
  country: string | null;
  contact: string | null;
  active: boolean;
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  role: Role;
  locale: string;
  active: boolean;
  totpEnabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  org_id: string;
  role: Role;
  locale: string;
  active: boolean;
  totp_enabled: boolean;
  locked_until: Date | null;
  created_at: Date;
}

const USER_COLUMNS = sql`id, username, display_name, org_id, role, locale, active, totp_enabled,
  CASE WHEN locked_until > now() THEN locked_until END AS locked_until, created_at`;

const toUser = (r: UserRow): UserSummary => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  orgId: r.org_id,
  role: r.role,
  locale: r.locale,
  active: r.active,
  totpEnabled: r.totp_enabled,
  lockedUntil: r.locked_until ? r.locked_until.toISOString() : null,
  createdAt: r.created_at.toISOString(),
});

export async function listOrganisations(db: Queryable, options: { includeInactive?: boolean } = {}): Promise<Organisation[]> {
  const { rows } = await db.query<Organisation>(sql`
    SELECT id, name, kind, country, contact, active FROM organisations
    ${options.includeInactive ? empty : sql`WHERE active`} ORDER BY kind, country NULLS LAST, name`);
  return rows;
}

export async function findOrganisation(db: Queryable, id: string): Promise<Organisation | null> {
  const { rows } = await db.query<Organisation>(sql`SELECT id, name, kind, country, contact, active FROM organisations WHERE id = ${id}`);
  return rows[0] ?? null;
}

/** Users of one organisation, or of all when `orgId` is null. */
export async function listUsers(db: Queryable, orgId: string | null): Promise<UserSummary[]> {
  const { rows } = await db.query<UserRow>(sql`
    SELECT ${USER_COLUMNS} FROM users ${orgId === null ? empty : sql`WHERE org_id = ${orgId}`} ORDER BY org_id, username`);
  return rows.map(toUser);
}

/** Finds a user by id or by username (the CLI names people, the API uses ids). */
export async function findUser(db: Queryable, idOrUsername: string): Promise<UserSummary | null> {
  const { rows } = await db.query<UserRow>(sql`
    SELECT ${USER_COLUMNS} FROM users WHERE id = ${idOrUsername} OR username = ${idOrUsername}
    ORDER BY (id = ${idOrUsername}) DESC LIMIT 1 FOR UPDATE`);
  const row = rows[0];
  return row ? toUser(row) : null;
}

export async function usernameTaken(db: Queryable, username: string): Promise<boolean> {
  const { rows } = await db.query(sql`SELECT 1 FROM users WHERE username = ${username}`);
  return rows.length > 0;
}

/** Why the organisation cannot be added as it is (a taken id, a second NCB or hub), or null. */
export async function organisationClash(db: Queryable, org: { id: string; kind: OrgKind; country: string | null }): Promise<string | null> {
  const { rows } = await db.query<{ id: string; kind: OrgKind; country: string | null }>(sql`
    SELECT id, kind, country FROM organisations
    WHERE id = ${org.id} OR (kind = 'hub' AND ${org.kind} = 'hub') OR (kind = 'ncb' AND ${org.kind} = 'ncb' AND country = ${org.country})`);
  const clash = rows[0];
  if (!clash) return null;
  if (clash.id === org.id) return `An organisation with id "${org.id}" already exists.`;
  if (clash.kind === 'hub') return `There is already a hub (${clash.id}); there can be only one.`;
  return `Country "${org.country ?? ''}" already has a National Central Bureau (${clash.id}).`;
}

export async function insertOrganisationRow(db: Queryable, org: Omit<Organisation, 'active'>): Promise<void> {
  await db.query(sql`INSERT INTO organisations (id, name, kind, country, contact)
    VALUES (${org.id}, ${org.name}, ${org.kind}, ${org.country}, ${org.contact})`);
}

export interface UserRowInput {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  role: Role;
  passwordHash: string;
  totpSecret: string | null;
  locale: string;
}

export async function insertUserRow(db: Queryable, u: UserRowInput): Promise<void> {
  await db.query(sql`INSERT INTO users (id, username, display_name, org_id, role, password_hash, totp_secret, totp_enabled, locale)
    VALUES (${u.id}, ${u.username}, ${u.displayName}, ${u.orgId}, ${u.role}, ${u.passwordHash}, ${u.totpSecret}, ${u.totpSecret !== null}, ${u.locale})`);
}

/** Changes to a user's account that administrators make; each returns the updated user. */
export type UserChange =
  | { kind: 'deactivate' }
  | { kind: 'unlock' }
  | { kind: 'reset_totp' }
  | { kind: 'reset_password'; passwordHash: string };

export async function applyUserChange(db: Queryable, userId: string, change: UserChange): Promise<UserSummary> {
  const set = (() => {
    switch (change.kind) {
      case 'deactivate':
        return sql`active = false`;
      case 'unlock':
        return sql`failed_logins = 0, locked_until = NULL`;
      case 'reset_totp':
        return sql`totp_secret = NULL, totp_enabled = false, totp_last_step = NULL`;
      case 'reset_password':
        return sql`password_hash = ${change.passwordHash}, failed_logins = 0, locked_until = NULL`;
    }
  })();
  const { rows } = await db.query<UserRow>(sql`UPDATE users SET ${set} WHERE id = ${userId} RETURNING ${USER_COLUMNS}`);
  const row = rows[0];
  if (!row) throw new Error(`user ${userId} vanished during an update`);
  return toUser(row);
}

/** Ends every session of a user: after deactivation or a credential reset, nobody stays signed in on the old ones. */
export async function endSessions(db: Queryable, userId: string): Promise<number> {
  return (await db.query(sql`DELETE FROM sessions WHERE user_id = ${userId}`)).rowCount;
}
