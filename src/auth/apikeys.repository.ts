import sql from 'sql-template-tag';
import type { Queryable } from '../kernel/store/store.ts';

/** The SQL of API keys. Only the key's SHA-256 is stored; the key itself is shown once. */
export interface ApiKey {
  id: string;
  name: string;
  scopes: string[];
  orgId: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

interface ApiKeyRow {
  id: string;
  name: string;
  scopes: string[];
  org_id: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  expired: boolean;
}

const COLUMNS = sql`id, name, scopes, org_id, created_by, created_at, expires_at, revoked_at, last_used_at,
  (expires_at IS NOT NULL AND expires_at <= now()) AS expired`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  orgId: r.org_id,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  expiresAt: iso(r.expires_at),
  revokedAt: iso(r.revoked_at),
  lastUsedAt: iso(r.last_used_at),
  status: r.revoked_at ? 'revoked' : r.expired ? 'expired' : 'active',
});

export interface ApiKeyInsert {
  id: string;
  keyHash: string;
  name: string;
  orgId: string;
  scopes: string[];
  createdBy: string;
  expiresAt: string | null;
}

export async function insertApiKey(db: Queryable, k: ApiKeyInsert): Promise<ApiKey> {
  const { rows } = await db.query<ApiKeyRow>(sql`
    INSERT INTO api_keys (id, key_hash, name, org_id, scopes, created_by, expires_at)
    VALUES (${k.id}, ${k.keyHash}, ${k.name}, ${k.orgId}, ${k.scopes}::text[], ${k.createdBy}, ${k.expiresAt}::timestamptz)
    RETURNING ${COLUMNS}`);
  const row = rows[0];
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  return toApiKey(row);
}

export async function listApiKeys(db: Queryable, orgId: string): Promise<ApiKey[]> {
  const { rows } = await db.query<ApiKeyRow>(sql`SELECT ${COLUMNS} FROM api_keys WHERE org_id = ${orgId} ORDER BY created_at DESC, id`);
  return rows.map(toApiKey);
}

/** A key of the organisation, locked for the rest of the transaction; null when it has none by that id. */
export async function findApiKeyForUpdate(db: Queryable, orgId: string, id: string): Promise<ApiKey | null> {
  const { rows } = await db.query<ApiKeyRow>(sql`SELECT ${COLUMNS} FROM api_keys WHERE id = ${id} AND org_id = ${orgId} FOR UPDATE`);
  const row = rows[0];
  return row ? toApiKey(row) : null;
}

export async function revokeApiKey(db: Queryable, id: string): Promise<ApiKey> {
  const { rows } = await db.query<ApiKeyRow>(sql`UPDATE api_keys SET revoked_at = now() WHERE id = ${id} RETURNING ${COLUMNS}`);
  const row = rows[0];
  if (!row) throw new Error(`API key ${id} vanished while being revoked`);
  return toApiKey(row);
}
