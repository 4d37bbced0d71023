import sql from 'sql-template-tag';
import { PERMISSIONS, ROLE_PERMISSIONS, type Actor, type OrgKind, type Permission, type Role } from '../kernel/access/actor.ts';
import type { Queryable } from '../kernel/store/store.ts';
import { hashToken, isApiKey } from './tokens.ts';

interface SessionRow {
  user_id: string;
  username: string;
  role: Role;
  org_id: string;
  org_kind: OrgKind;
}

interface ApiKeyRow {
  id: string;
  org_id: string;
  org_kind: OrgKind;
  scopes: string[];
  name: string;
}

export function userActor(row: { user_id: string; username: string; role: Role; org_id: string; org_kind: OrgKind }): Actor {
  return {
    userId: row.user_id,
    username: row.username,
    apiKeyId: null,
    orgId: row.org_id,
    orgKind: row.org_kind,
    role: row.role,
    permissions: new Set(ROLE_PERMISSIONS[row.role]),
  };
}

const isPermission = (s: string): s is Permission => (PERMISSIONS as readonly string[]).includes(s);

/**
 * Finds who holds a bearer token: an active, fully signed-in session (password and
 * second factor) or a live API key. Anything else is nobody.
 */
export async function actorForToken(db: Queryable, token: string): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  if (isApiKey(token)) {
    const { rows } = await db.query<ApiKeyRow & { stale: boolean }>(sql`
      SELECT k.id, k.org_id, o.kind AS org_kind, k.scopes, k.name,
        (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute') AS stale
      FROM api_keys k JOIN organisations o ON o.id = k.org_id
      WHERE k.key_hash = ${tokenHash} AND o.active AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`);
    const key = rows[0];
    if (!key) return null;
    // Last use is kept to the minute: a border system calling hundreds of times a second would
    // otherwise write and flush a row on every call, and wait for the flush.
    if (key.stale) await db.query(sql`UPDATE api_keys SET last_used_at = now() WHERE id = ${key.id}`);
    return {
      userId: null,
      username: `apikey:${key.name}`,
      apiKeyId: key.id,
      orgId: key.org_id,
      orgKind: key.org_kind,
      role: 'machine',
      permissions: new Set(key.scopes.filter(isPermission)),
    };
  }
  const { rows } = await db.query<SessionRow>(sql`
    SELECT u.id AS user_id, u.username, u.role, u.org_id, o.kind AS org_kind
    FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id
    WHERE s.token_hash = ${tokenHash} AND s.stage = 'active' AND s.expires_at > now() AND u.active AND o.active`);
  const row = rows[0];
  return row ? userActor(row) : null;
}
