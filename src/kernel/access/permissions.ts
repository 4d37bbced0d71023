import { forbidden } from '../errors.ts';
import type { Actor, Permission } from './actor.ts';

const DESCRIPTIONS: Record<Permission, string> = {
  'records:read': 'read records',
  'records:write': 'create or change records',
  'records:cancel': 'cancel records',
  'records:import': 'import records',
  'records:export': 'export records',
  'screening:check': 'screen people, documents or vehicles',
  'audit:read': 'read the audit log',
  'users:manage': 'manage users',
  'orgs:manage': 'manage organisations',
  'apikeys:manage': 'manage API keys',
};

/** Throws a 403 naming what the actor lacks. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) {
    throw forbidden(`Your role (${actor.role}) may not ${DESCRIPTIONS[permission]}. Ask your bureau's administrator if you need to.`);
  }
}
