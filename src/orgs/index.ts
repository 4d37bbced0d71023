/**
 * Public entry of the orgs capability: what other modules (demo seeding, CLI) may call.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { hashPassword } from '../auth/passwords.ts';
import type { OrgKind, Role } from '../kernel/access/actor.ts';
import { conflict, validationFailed, type FieldProblem } from '../kernel/errors.ts';
import type { Queryable } from '../kernel/store/store.ts';
import { findOrganisation, insertOrganisationRow, insertUserRow, organisationClash, usernameTaken } from './orgs.repository.ts';
import { organisationInput, userInput } from './orgs.schema.ts';

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

/** Parses with a route schema, turning every issue into a field problem at once. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems: FieldProblem[] = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message }));
  throw validationFailed(problems);
}

/**
 * Inserts an organisation (no permission check: callers are trusted composition code or services that checked).
 *
 * @example
 *   await insertOrganisation(tx, { id: 'ncb-fr', name: 'NCB Paris', kind: 'ncb', country: 'fr' });
 */
export async function insertOrganisation(db: Queryable, org: NewOrganisation): Promise<void> {
  const valid = parseOrThrow(organisationInput, org);
  const row = { id: valid.id, name: valid.name, kind: valid.kind, country: valid.country ?? null, contact: valid.contact ?? null };
  const clash = await organisationClash(db, row);
  if (clash) throw conflict(clash);
  await insertOrganisationRow(db, row);
}

/**
 * Inserts a user with an argon2id password hash; returns the user id. With a TOTP secret
 * the second factor is enrolled at once; without, the user enrols at first sign-in.
 *
 * @example
 *   const id = await insertUser(tx, { username: 'm.dupont', displayName: 'Marie Dupont', orgId: 'ncb-fr', role: 'officer', password });
 */
export async function insertUser(db: Queryable, user: NewUser): Promise<string> {
  const valid = parseOrThrow(userInput, user);
  const org = await findOrganisation(db, valid.orgId);
  if (!org) throw validationFailed([{ field: 'orgId', message: `there is no organisation "${valid.orgId}"` }]);
  if (await usernameTaken(db, valid.username)) throw conflict(`The username "${valid.username}" is taken; choose another.`);
  const id = randomUUID();
  await insertUserRow(db, {
    id,
    username: valid.username,
    displayName: valid.displayName,
    orgId: valid.orgId,
    role: valid.role,
    passwordHash: await hashPassword(valid.password),
    totpSecret: valid.totpSecret ?? null,
    locale: valid.locale ?? 'en',
  });
  return id;
}
