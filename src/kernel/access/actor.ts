/**
 * Who is asking: a signed-in person or a machine client holding an API key.
 * Built once per request by the auth layer and passed to every service call.
 */
export type OrgKind = 'ncb' | 'unit' | 'partner' | 'hub';
export type Role = 'officer' | 'analyst' | 'supervisor' | 'admin' | 'auditor' | 'partner';

export const ROLES: readonly Role[] = ['officer', 'analyst', 'supervisor', 'admin', 'auditor', 'partner'];
export const ORG_KINDS: readonly OrgKind[] = ['ncb', 'unit', 'partner', 'hub'];

export const PERMISSIONS = [
  'records:read',
  'records:write',
  'records:cancel',
  'records:import',
  'records:export',
  'screening:check',
  'audit:read',
  'users:manage',
  'orgs:manage',
  'apikeys:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do. Which records it may do it to is decided separately, by
 * the record's handling restrictions (see visibility.ts).
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  officer: ['records:read', 'records:write', 'records:import', 'screening:check'],
  analyst: ['records:read', 'records:write', 'records:import', 'records:export', 'screening:check'],
  supervisor: ['records:read', 'records:write', 'records:cancel', 'records:import', 'records:export', 'screening:check', 'apikeys:manage'],
  admin: ['records:read', 'records:write', 'records:cancel', 'records:import', 'records:export', 'screening:check', 'users:manage', 'orgs:manage', 'apikeys:manage'],
  auditor: ['audit:read'],
  partner: ['records:read', 'records:write', 'screening:check'],
};

/** Roles that can read restricted data must prove a second factor (TOTP) at sign-in. */
export const roleRequiresSecondFactor = (role: Role): boolean =>
  ROLE_PERMISSIONS[role].some((p) => p === 'records:read' || p === 'audit:read');

export interface Actor {
  /** The person, or null for a machine client. */
  userId: string | null;
  username: string;
  apiKeyId: string | null;
  orgId: string;
  orgKind: OrgKind;
  role: Role | 'machine';
  permissions: ReadonlySet<Permission>;
}

/** A label for audit entries and logs: the user id, `apikey:<id>`, or the console operator's name. */
export const actorLabel = (actor: Actor): string => actor.userId ?? (actor.apiKeyId ? `apikey:${actor.apiKeyId}` : actor.username);

/** The platform itself, for seeding and maintenance commands run by an operator at the console. */
export function systemActor(orgId: string, orgKind: OrgKind = 'hub'): Actor {
  return {
    userId: null,
    username: `system:${orgId}`,
    apiKeyId: null,
    orgId,
    orgKind,
    role: 'admin',
    permissions: new Set(PERMISSIONS),
  };
}
