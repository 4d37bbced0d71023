import type { Actor, Permission } from '../kernel/access/actor.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import { forbidden, notFound, validationFailed } from '../kernel/errors.ts';
import type { Store } from '../kernel/store/store.ts';
import { findApiKeyForUpdate, insertApiKey, listApiKeys, revokeApiKey, type ApiKey } from './apikeys.repository.ts';
import { hashToken, newApiKey } from './tokens.ts';

/**
 * Administration stays with people who proved a second factor: a leaked key must not be
 * able to create accounts, organisations or more keys.
 */
export const SCOPES_NOT_FOR_KEYS: readonly Permission[] = ['users:manage', 'orgs:manage', 'apikeys:manage'];

export interface ApiKeyInput {
  name: string;
  scopes: Permission[];
  expiresAt?: string | undefined;
}

/** API keys for machine clients (border systems), owned by an organisation, limited to scopes. */
export class ApiKeysService {
  constructor(private readonly store: Store) {}

  /** Creates a key and returns it with its secret, which is never shown again. */
  async create(actor: Actor, input: ApiKeyInput): Promise<ApiKey & { key: string }> {
    requirePermission(actor, 'apikeys:manage');
    if (!actor.userId) throw forbidden('API keys are created by a signed-in person, not by another key.');
    const creator = actor.userId;
    const scopes = [...new Set(input.scopes)].sort();
    checkScopes(actor, scopes);
    if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now()) {
      throw validationFailed([{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    const { id, key } = newApiKey();
    return this.store.transaction(async (tx) => {
      const created = await insertApiKey(tx, {
        id, keyHash: hashToken(key), name: input.name, orgId: actor.orgId, scopes, createdBy: creator, expiresAt: input.expiresAt ?? null,
      });
      await appendAudit(tx, actor, { action: 'apikey.create', targetType: 'api_key', targetIds: [id], details: { name: input.name, scopes, expiresAt: created.expiresAt } });
      return { ...created, key };
    });
  }

  /** The keys of the caller's organisation, revoked and expired ones included, never their secrets. */
  async list(actor: Actor): Promise<ApiKey[]> {
    requirePermission(actor, 'apikeys:manage');
    return listApiKeys(this.store, actor.orgId);
  }

  /** Revokes a key of the caller's organisation at once; revoking it again changes nothing. */
  async revoke(actor: Actor, id: string): Promise<ApiKey> {
    requirePermission(actor, 'apikeys:manage');
    return this.store.transaction(async (tx) => {
      const current = await findApiKeyForUpdate(tx, actor.orgId, id);
      if (!current) throw notFound('API key', id);
      if (current.revokedAt) return current;
      const revoked = await revokeApiKey(tx, id);
      await appendAudit(tx, actor, { action: 'apikey.revoke', targetType: 'api_key', targetIds: [id], details: { name: revoked.name } });
      return revoked;
    });
  }
}

/** A key may hold only what its creator holds, and no administration. */
function checkScopes(actor: Actor, scopes: Permission[]): void {
  const administrative = scopes.filter((s) => SCOPES_NOT_FOR_KEYS.includes(s));
  if (administrative.length > 0) {
    throw validationFailed([{ field: 'scopes', message: `${administrative.join(', ')} cannot be given to an API key: administration needs a signed-in person` }]);
  }
  const notHeld = scopes.filter((s) => !actor.permissions.has(s));
  if (notHeld.length > 0) throw forbidden(`You cannot give a key scopes you do not hold yourself: ${notHeld.join(', ')}.`);
}
