import { generatePassword, hashPassword } from '../auth/passwords.ts';
import type { Actor, Role } from '../kernel/access/actor.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import { conflict, forbidden, notFound } from '../kernel/errors.ts';
import type { Queryable, Store } from '../kernel/store/store.ts';
import { insertOrganisation, insertUser, parseOrThrow, type NewOrganisation } from './index.ts';
import {
  applyUserChange,
  endSessions,
  findOrganisation,
  findUser,
  listOrganisations,
  listUsers,
  type Organisation,
  type UserChange,
  type UserSummary,
} from './orgs.repository.ts';
import { passwordSchema } from './orgs.schema.ts';

export interface UserCreateInput {
  username: string;
  displayName: string;
  role: Role;
  orgId?: string | undefined;
  password?: string | undefined;
  locale?: 'en' | 'fr' | 'es' | 'ar' | undefined;
}

/** A user and, when the platform chose the password, that password, to hand over once. */
export interface UserWithPassword {
  user: UserSummary;
  generatedPassword?: string;
}

export type AdminAction = 'deactivate' | 'unlock' | 'reset_totp';

/**
 * The directory of organisations and the administration of user accounts. The hub's
 * administrators manage everyone; an administrator elsewhere manages their own
 * organisation's officers, analysts, supervisors and administrators, but not auditors,
 * who oversee them.
 */
export class OrgsService {
  constructor(private readonly store: Store) {}

  /** Whom to contact: every signed-in actor may read the directory; the hub's administrators also see inactive ones. */
  async listOrganisations(actor: Actor, options: { includeInactive?: boolean } = {}): Promise<Organisation[]> {
    const includeInactive = Boolean(options.includeInactive) && isHubAdmin(actor);
    return listOrganisations(this.store, { includeInactive });
  }

  async createOrganisation(actor: Actor, input: NewOrganisation): Promise<Organisation> {
    requirePermission(actor, 'orgs:manage');
    if (actor.orgKind !== 'hub') throw forbidden('Only the hub adds organisations. Ask the general secretariat.');
    return this.store.transaction(async (tx) => {
      await insertOrganisation(tx, input);
      const created = await findOrganisation(tx, input.id);
      if (!created) throw new Error(`organisation ${input.id} vanished after insert`);
      await appendAudit(tx, actor, { action: 'org.create', targetType: 'organisation', targetIds: [created.id], details: { name: created.name, kind: created.kind, country: created.country } });
      return created;
    });
  }

  async listUsers(actor: Actor, filter: { orgId?: string | undefined } = {}): Promise<UserSummary[]> {
    requirePermission(actor, 'users:manage');
    if (actor.orgKind === 'hub') return listUsers(this.store, filter.orgId ?? null);
    if (filter.orgId && filter.orgId !== actor.orgId) throw forbidden("You can list only your own organisation's users.");
    return listUsers(this.store, actor.orgId);
  }

  async createUser(actor: Actor, input: UserCreateInput): Promise<UserWithPassword> {
    requirePermission(actor, 'users:manage');
    const orgId = input.orgId ?? actor.orgId;
    if (actor.orgKind !== 'hub') {
      if (orgId !== actor.orgId) throw forbidden('You can create users only in your own organisation.');
      if (input.role === 'auditor') throw forbidden("Auditors are appointed by the hub's administrators, so that they stay independent.");
    }
    const password = input.password ?? generatePassword();
    return this.store.transaction(async (tx) => {
      const id = await insertUser(tx, { ...input, orgId, password });
      const user = await this.userInScope(tx, actor, id);
      await appendAudit(tx, actor, { action: 'user.create', targetType: 'user', targetIds: [id], details: { username: user.username, role: user.role, orgId } });
      return input.password ? { user } : { user, generatedPassword: password };
    });
  }

  /** Deactivates, unlocks, or clears the second factor (the user enrols again at next sign-in). */
  async changeUser(actor: Actor, idOrUsername: string, action: AdminAction): Promise<UserSummary> {
    return this.apply(actor, idOrUsername, { kind: action });
  }

  /** Sets a new password (generated when none is given), unlocks the account and ends its sessions. */
  async resetPassword(actor: Actor, idOrUsername: string, newPassword?: string): Promise<UserWithPassword> {
    const password = newPassword === undefined ? generatePassword() : parseOrThrow(passwordSchema, newPassword);
    const user = await this.apply(actor, idOrUsername, { kind: 'reset_password', passwordHash: await hashPassword(password) });
    return newPassword === undefined ? { user, generatedPassword: password } : { user };
  }

  private async apply(actor: Actor, idOrUsername: string, change: UserChange): Promise<UserSummary> {
    requirePermission(actor, 'users:manage');
    return this.store.transaction(async (tx) => {
      const current = await this.userInScope(tx, actor, idOrUsername);
      if (current.role === 'auditor' && actor.orgKind !== 'hub') throw forbidden("Only the hub's administrators manage auditors' accounts.");
      if (change.kind === 'deactivate') {
        if (current.id === actor.userId) throw forbidden('You cannot deactivate your own account; ask another administrator.');
        if (!current.active) throw conflict(`The user ${current.username} is already deactivated.`);
      }
      const updated = await applyUserChange(tx, current.id, change);
      // Anyone signed in on the old credentials is signed out; unlocking changes no credential.
      const sessionsEnded = change.kind === 'unlock' ? 0 : await endSessions(tx, current.id);
      await appendAudit(tx, actor, { action: 'user.update', targetType: 'user', targetIds: [current.id], details: { change: change.kind, username: current.username, sessionsEnded } });
      return updated;
    });
  }

  /** The user if the actor administers their organisation; otherwise "not found", so existence never leaks. */
  private async userInScope(tx: Queryable, actor: Actor, idOrUsername: string): Promise<UserSummary> {
    const user = await findUser(tx, idOrUsername);
    if (!user || (actor.orgKind !== 'hub' && user.orgId !== actor.orgId)) throw notFound('user', idOrUsername);
    return user;
  }
}

const isHubAdmin = (actor: Actor) => actor.orgKind === 'hub' && actor.permissions.has('orgs:manage');
