import sql from 'sql-template-tag';
import { ROLE_PERMISSIONS, systemActor, type Role } from '../kernel/access/actor.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import type { Config } from '../kernel/config.ts';
import type { NewRecord } from '../kernel/records/record-writer.ts';
import { upsertRecords } from '../kernel/records/record-writer.ts';
import type { Queryable, Store } from '../kernel/store/store.ts';
import { insertOrganisation, insertUser } from '../orgs/index.ts';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS, demoOtpauthUrl, demoTotpSecret } from './demo-cast.ts';
import { seedDemoNotifications } from './demo-notifications.ts';
import { buildDemoRecords, DEMO_DATASET } from './demo-records.ts';
import { formatTable } from '../cli/table.ts';

/**
 * The demo dataset: organisations, a user of every role and ~400 multi-script records,
 * seeded in one transaction when the database has no organisations yet (or, with
 * `force`, whatever part of it is missing). Seeding twice seeds nothing the second time.
 *
 * @example
 *   const demo = await ensureDemoData(store, config, { log: console.error });
 *   console.log(formatDemoLogins(demo));
 */
export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  orgId: string;
  orgName: string;
  totpSecret: string | null;
  /** The otpauth:// URL an authenticator app reads (as a QR code or pasted). */
  otpauthUrl: string | null;
}

export interface DemoSummary {
  /** False when the database already had data and nothing was seeded. */
  seeded: boolean;
  /** Demo records in the database after the call. */
  records: number;
  logins: DemoLogin[];
}

export interface DemoOptions {
  log: (line: string) => void;
  /** Seed into a database that already has organisations: adds whatever demo organisation, user or record is missing. */
  force?: boolean;
  /** The day review dates count from (tests). */
  today?: Date;
}

// Any fixed number: two processes starting on an empty PostgreSQL database seed once.
const DEMO_LOCK = 7_214_010;

export async function ensureDemoData(store: Store, config: Pick<Config, 'defaultReviewYears'>, options: DemoOptions): Promise<DemoSummary> {
  return store.transaction(async (tx) => {
    await tx.query(sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK})`);
    // Every database starts with its hub (migration 007); anything else means someone's data.
    const existing = (await tx.query<{ n: number }>(sql`SELECT ((SELECT count(*) FROM organisations WHERE kind <> 'hub')
      + (SELECT count(*) FROM users) + (SELECT count(*) FROM records))::int AS n`)).rows[0]?.n ?? 0;
    if (existing > 0 && !options.force) {
      options.log('The database already has organisations, users or records: demo data not seeded (use `passerelle demo --force` to add it anyway).');
      return { seeded: false, records: await countDemoRecords(tx), logins: await currentLogins(tx, new Map()) };
    }
    const orgMap = await seedOrganisations(tx, options.log);
    const users = await seedUsers(tx, orgMap, options.log);
    const records = buildDemoRecords({ today: options.today ?? new Date(), reviewYears: config.defaultReviewYears });
    const today = options.today ?? new Date();
    const written = await seedRecords(tx, withReviewsDue(remapOrgs(records, orgMap), today), users);
    await seedDemoNotifications(tx, [...new Set(orgMap.values())], today);
    options.log(`Demo data seeded: ${orgMap.size} organisations, ${DEMO_USERS.length} users, ${written} records (dataset "${DEMO_DATASET}").`);
    return { seeded: true, records: await countDemoRecords(tx), logins: await currentLogins(tx, orgMap) };
  });
}

/**
 * Creates the demo organisations. A demo organisation whose place is already taken — the
 * one hub, or the NCB of its country under another id — is played by the existing one.
 */
async function seedOrganisations(tx: Queryable, log: (line: string) => void): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ id: string; kind: string; country: string | null }>(sql`SELECT id, kind, country FROM organisations`);
  const orgMap = new Map<string, string>();
  const created: string[] = [];
  for (const org of DEMO_ORGS) {
    const taken = rows.find((r) => r.id === org.id || (org.kind === 'hub' && r.kind === 'hub') || (org.kind === 'ncb' && r.kind === 'ncb' && r.country === org.country));
    if (taken) {
      if (taken.id !== org.id) log(`Demo organisation ${org.id} is played by the existing ${taken.id}.`);
      orgMap.set(org.id, taken.id);
      continue;
    }
    await insertOrganisation(tx, org);
    orgMap.set(org.id, org.id);
    created.push(org.id);
  }
  if (created.length) {
    await appendAudit(tx, systemActor(orgMap.get('hub') ?? 'hub'), { action: 'org.create', targetType: 'organisation', targetIds: created, details: { count: created.length, via: 'demo' } });
  }
  return orgMap;
}

/** Creates the demo users; returns the id of each organisation's first user who may write records. */
async function seedUsers(tx: Queryable, orgMap: Map<string, string>, log: (line: string) => void): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ id: string; username: string; org_id: string }>(sql`
    SELECT id, username, org_id FROM users WHERE username = ANY(${DEMO_USERS.map((u) => u.username)}::text[])`);
  const existing = new Map(rows.map((r) => [r.username, r]));
  const writers = new Map<string, string>();
  const created: string[] = [];
  for (const user of DEMO_USERS) {
    const orgId = orgMap.get(user.orgId) ?? user.orgId;
    let id = existing.get(user.username)?.id;
    if (id) log(`Demo user ${user.username} already exists: its password and second factor were left as they are.`);
    else {
      id = await insertUser(tx, { ...user, orgId, password: DEMO_PASSWORD, totpSecret: demoTotpSecret(user.username) });
      created.push(id);
    }
    if (!writers.has(orgId) && ROLE_PERMISSIONS[user.role].includes('records:write')) writers.set(orgId, id);
  }
  if (created.length) {
    await appendAudit(tx, systemActor(orgMap.get('hub') ?? 'hub'), { action: 'user.create', targetType: 'user', targetIds: created, details: { count: created.length, via: 'demo' } });
  }
  return writers;
}

/**
 * Every owner gets something to review on its home page: an owner whose generated records are
 * all reviewed far ahead has its first record made overdue by a week and its second due in two.
 */
function withReviewsDue(records: NewRecord[], today: Date): NewRecord[] {
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const soon = day(30);
  const hasDue = new Set(records.filter((r) => r.reviewDate <= soon).map((r) => r.ownerOrg));
  const adjusted = new Map<string, number>();
  return records.map((r) => {
    if (hasDue.has(r.ownerOrg)) return r;
    const n = adjusted.get(r.ownerOrg) ?? 0;
    if (n >= 2) return r;
    adjusted.set(r.ownerOrg, n + 1);
    return { ...r, reviewDate: day(n === 0 ? -7 : 14) };
  });
}

function remapOrgs(records: NewRecord[], orgMap: Map<string, string>): NewRecord[] {
  const map = (id: string) => orgMap.get(id) ?? id;
  return records.map((r) => ({ ...r, ownerOrg: map(r.ownerOrg), restriction: { mode: r.restriction.mode, orgs: r.restriction.orgs.map(map) } }));
}

/** Writes the records not yet present, each bureau's as its demo user; one audit entry for all. */
async function seedRecords(tx: Queryable, records: NewRecord[], writers: Map<string, string>): Promise<number> {
  const present = new Set(
    (await tx.query<{ id: string }>(sql`SELECT id FROM records WHERE id = ANY(${records.map((r) => r.id)}::uuid[])`)).rows.map((r) => r.id),
  );
  const byOwner = new Map<string, NewRecord[]>();
  for (const record of records.filter((r) => !present.has(r.id))) {
    const batch = byOwner.get(record.ownerOrg) ?? [];
    batch.push(record);
    byOwner.set(record.ownerOrg, batch);
  }
  const inserted: string[] = [];
  for (const [owner, batch] of byOwner) {
    const outcome = await upsertRecords(tx, batch, writers.get(owner) ?? `system:${owner}`);
    inserted.push(...outcome.inserted);
  }
  if (inserted.length) {
    await appendAudit(tx, systemActor('hub'), {
      action: 'record.create',
      targetType: 'record',
      targetIds: inserted,
      purpose: 'Demo dataset',
      details: { count: inserted.length, dataset: DEMO_DATASET },
    });
  }
  return inserted.length;
}

async function countDemoRecords(tx: Queryable): Promise<number> {
  return (await tx.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM records WHERE dataset = ${DEMO_DATASET}`)).rows[0]?.n ?? 0;
}

async function currentLogins(tx: Queryable, orgMap: Map<string, string>): Promise<DemoLogin[]> {
  const { rows } = await tx.query<{ id: string; name: string }>(sql`SELECT id, name FROM organisations`);
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return DEMO_USERS.map((user) => {
    const orgId = orgMap.get(user.orgId) ?? user.orgId;
    return {
      username: user.username,
      password: DEMO_PASSWORD,
      role: user.role,
      orgId,
      orgName: names.get(orgId) ?? DEMO_ORGS.find((o) => o.id === user.orgId)?.name ?? orgId,
      totpSecret: demoTotpSecret(user.username),
      otpauthUrl: demoOtpauthUrl(user.username),
    };
  });
}

/** The logins as a readable table, then how to set up the second factor. */
export function formatDemoLogins(summary: DemoSummary): string {
  if (summary.logins.length === 0) return 'No demo logins.';
  const table = formatTable(
    summary.logins.map((l) => ({ ...l, organisation: `${l.orgName} [${l.orgId}]` })),
    [
      { key: 'username', title: 'USERNAME' },
      { key: 'role', title: 'ROLE' },
      { key: 'organisation', title: 'ORGANISATION' },
      { key: 'password', title: 'PASSWORD' },
      { key: 'totpSecret', title: 'TOTP SECRET' },
    ],
  );
  return [
    summary.seeded ? `Demo dataset ready: ${summary.records} records.` : `Demo dataset already present (${summary.records} records); these logins work unless someone changed them.`,
    '',
    table,
    '',
    'Every demo user needs a second factor: add the TOTP secret to an authenticator app',
    '(Google Authenticator, Aegis, 1Password…: "enter a setup key", time-based, 6 digits, 30 s),',
    'or open/scan its otpauth:// address:',
    ...summary.logins.filter((l) => l.otpauthUrl).map((l) => `  ${l.username.padEnd(14)} ${l.otpauthUrl ?? ''}`),
    '',
    'Demo accounts only: never keep them on a deployment holding real data.',
  ].join('\n');
}
