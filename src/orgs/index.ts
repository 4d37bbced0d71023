/**
 * Public entry of the orgs capability: what other modules (demo seeding, CLI) may call.
 * PLACEHOLDER signatures: the auth/orgs helper implements them.
 */
import type { OrgKind, Role } from '../kernel/access/actor.ts';
import type { Queryable } from '../kernel/store/store.ts';

export interface NewOrganisation {
  id: string;
  name: string;
  kind: OrgKind;
  country?: string | null;
  contact?: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  orgId: string;
  role: Role;
  password: string;
  /** Base32 TOTP secret to enrol now (demo users); omitted: the user enrols at first sign-in. */
  totpSecret?: string | null;
  locale?: 'en' | 'fr' | 'es' | 'ar';
}

/** Inserts an organisation (no permission check: callers are trusted composition code or services that checked). */
export async function insertOrganisation(_db: Queryable, _org: NewOrganisation): Promise<void> {
  throw new Error('not implemented yet');
}

/** Inserts a user with an argon2id password hash; returns the user id. */
export async function insertUser(_db: Queryable, _user: NewUser): Promise<string> {
  throw new Error('not implemented yet');
}
