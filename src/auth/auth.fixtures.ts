import { randomBytes } from 'node:crypto';
import sql from 'sql-template-tag';
import { userActor } from './authenticate.ts';
import { newTotpSecret } from './totp.ts';
import type { Actor, Role } from '../kernel/access/actor.ts';
import type { Queryable } from '../kernel/store/store.ts';
import { insertUser } from '../orgs/index.ts';

/**
 * Test helpers for sign-in: users with a real password (and, unless asked otherwise, an
 * enrolled TOTP secret), built through the same insertUser the platform uses.
 */
export interface CredentialedUser {
  id: string;
  username: string;
  password: string;
  totpSecret: string | null;
  orgId: string;
  actor: Actor;
}

export async function makeCredentialedUser(
  db: Queryable,
  org: { id: string; kind: Actor['orgKind'] },
  role: Role = 'officer',
  options: { enrolled?: boolean } = {},
): Promise<CredentialedUser> {
  const username = `p-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const totpSecret = options.enrolled === false ? null : newTotpSecret();
  const id = await insertUser(db, { username, displayName: `Person ${username}`, orgId: org.id, role, password, totpSecret });
  const actor = userActor({ user_id: id, username, role, org_id: org.id, org_kind: org.kind });
  return { id, username, password, totpSecret, orgId: org.id, actor };
}

/** The audit entries about or by one user, oldest first: what a test expects to find recorded. */
export async function auditTrailOf(db: Queryable, userId: string): Promise<{ action: string; actor_user: string | null; details: Record<string, unknown> }[]> {
  const { rows } = await db.query<{ action: string; actor_user: string | null; details: Record<string, unknown> }>(sql`
    SELECT action, actor_user, details FROM audit_log WHERE actor_user = ${userId} OR ${userId} = ANY(target_ids) ORDER BY seq`);
  return rows;
}
