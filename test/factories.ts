import { randomBytes, randomUUID } from 'node:crypto';
import sql from 'sql-template-tag';
import { userActor } from '../src/auth/authenticate.ts';
import { hashToken, newSessionToken } from '../src/auth/tokens.ts';
import type { Actor, OrgKind, Role } from '../src/kernel/access/actor.ts';
import type { Store } from '../src/kernel/store/store.ts';
import { RecordsService, type RecordCreateInput, type RecordView } from '../src/records/records.service.ts';

/**
 * Each test builds its own world: organisations, users and records with unique ids,
 * so tests never depend on each other or on global counts.
 */
const unique = () => randomBytes(4).toString('hex');

// Two-letter codes no real NCB in the demo uses, handed out so NCBs never collide.
let countryCursor = 0;
const TEST_COUNTRIES = ['ad', 'ag', 'ai', 'aq', 'as', 'aw', 'ax', 'bb', 'bl', 'bm', 'bq', 'bv', 'cc', 'ck', 'cw', 'cx', 'dm', 'fk', 'fo', 'gd', 'gg', 'gi', 'gl', 'gp', 'gs', 'gu', 'hm', 'im', 'io', 'je', 'kn', 'ky', 'lc', 'li', 'mf', 'mp', 'mq', 'ms', 'nf', 'nu', 'pm', 'pn', 're', 'sh', 'sj', 'sx', 'tc', 'tf', 'tk', 'um', 'vc', 'vg', 'vi', 'wf', 'yt'];

export interface TestOrg {
  id: string;
  kind: OrgKind;
  country: string | null;
}

export async function makeOrg(store: Store, kind: OrgKind = 'ncb', overrides: Partial<TestOrg> = {}): Promise<TestOrg> {
  if (kind === 'hub') {
    const existing = await store.query<{ id: string }>(sql`SELECT id FROM organisations WHERE kind = 'hub'`);
    if (existing.rows[0]) return { id: existing.rows[0].id, kind, country: null };
  }
  const country = overrides.country !== undefined ? overrides.country : kind === 'ncb' ? TEST_COUNTRIES[countryCursor++ % TEST_COUNTRIES.length] ?? null : null;
  const id = overrides.id ?? `${kind}-${unique()}`;
  if (kind === 'ncb' && country) await store.query(sql`DELETE FROM organisations WHERE kind = 'ncb' AND country = ${country} AND NOT EXISTS (SELECT 1 FROM users WHERE org_id = organisations.id) AND NOT EXISTS (SELECT 1 FROM records WHERE owner_org = organisations.id)`);
  await store.query(sql`INSERT INTO organisations (id, name, kind, country) VALUES (${id}, ${`Test ${kind} ${id}`}, ${kind}, ${country})`);
  return { id, kind, country };
}

export interface TestUser {
  id: string;
  username: string;
  displayName: string;
  org: TestOrg;
  role: Role;
  actor: Actor;
  /** A signed-in session token, for API tests. */
  token: string;
}

/** A user already signed in (password and second factor done), with a session token. */
export async function makeUser(store: Store, org: TestOrg, role: Role = 'officer'): Promise<TestUser> {
  const id = randomUUID();
  const username = `u-${unique()}`;
  const displayName = `Test ${role} ${username}`;
  await store.query(sql`INSERT INTO users (id, username, display_name, org_id, role, password_hash, totp_enabled)
    VALUES (${id}, ${username}, ${displayName}, ${org.id}, ${role}, 'not-a-password-hash', true)`);
  const token = newSessionToken();
  await store.query(sql`INSERT INTO sessions (token_hash, user_id, stage, expires_at)
    VALUES (${hashToken(token)}, ${id}, 'active', now() + interval '1 hour')`);
  const actor = userActor({ user_id: id, username, role, org_id: org.id, org_kind: org.kind });
  return { id, username, displayName, org, role, actor, token };
}

export function personInput(overrides: Partial<RecordCreateInput> = {}): RecordCreateInput {
  return {
    schema: 'Person',
    properties: { name: [`Test Person ${unique()}`], birthDate: ['1980-04-12'], nationality: ['fr'] },
    crimeArea: 'organised_crime',
    restriction: { mode: 'everyone', orgs: [] },
    handling: { code: 'H0' },
    evaluation: { source: 'B', information: 2 },
    ...overrides,
  };
}

export async function makeRecord(store: Store, owner: TestUser, overrides: Partial<RecordCreateInput> = {}): Promise<RecordView> {
  return new RecordsService(store, { defaultReviewYears: 5 }).create(owner.actor, personInput(overrides));
}
