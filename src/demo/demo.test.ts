import sql from 'sql-template-tag';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import type { Store } from '../kernel/store/store.ts';
import { ROLES, systemActor } from '../kernel/access/actor.ts';
import { foldName } from '../kernel/names/latin.ts';
import { searchReadable } from '../kernel/records/record-reader.ts';
import { readableRecords } from '../kernel/access/visibility.ts';
import { userActor } from '../auth/authenticate.ts';
import { ensureDemoData, formatDemoLogins, type DemoSummary } from './demo.ts';

const today = new Date('2025-07-01T00:00:00Z');
const quiet = { log: () => undefined, today };
let store: Store;
let first: DemoSummary;

beforeAll(async () => {
  store = await createTestStore();
  first = await ensureDemoData(store, { defaultReviewYears: 5 }, quiet);
});
afterAll(async () => store.close());

const count = async (query: ReturnType<typeof sql>) => (await store.query<{ n: number }>(query)).rows[0]?.n ?? 0;

describe('seeding the demo dataset', () => {
  it('creates the hub, several bureaus, a unit and a partner, and a user of every role', async () => {
    expect(first.seeded).toBe(true);
    const orgs = await store.query<{ id: string; kind: string }>(sql`SELECT id, kind FROM organisations`);
    expect(new Set(orgs.rows.map((o) => o.kind))).toEqual(new Set(['hub', 'ncb', 'unit', 'partner']));
    expect(orgs.rows.filter((o) => o.kind === 'ncb').length).toBeGreaterThanOrEqual(8);
    const roles = await store.query<{ role: string }>(sql`SELECT DISTINCT role FROM users`);
    expect(new Set(roles.rows.map((r) => r.role))).toEqual(new Set(ROLES));
    expect(await count(sql`SELECT count(*)::int AS n FROM users WHERE NOT totp_enabled`)).toBe(0);
  });

  it('writes at least 300 records owned by several bureaus, with every restriction mode and handling code', async () => {
    expect(first.records).toBeGreaterThanOrEqual(300);
    const modes = await store.query<{ restriction_mode: string }>(sql`SELECT DISTINCT restriction_mode FROM records WHERE dataset = 'demo'`);
    expect(new Set(modes.rows.map((m) => m.restriction_mode))).toEqual(new Set(['everyone', 'only_listed', 'all_except', 'owner_and_hub']));
    const codes = await store.query<{ handling_code: string }>(sql`SELECT DISTINCT handling_code FROM records`);
    expect(new Set(codes.rows.map((c) => c.handling_code))).toEqual(new Set(['H0', 'H1', 'H2', 'H3']));
    expect(await count(sql`SELECT count(DISTINCT owner_org)::int AS n FROM records`)).toBeGreaterThanOrEqual(6);
    expect(await count(sql`SELECT count(DISTINCT crime_area)::int AS n FROM records`)).toBeGreaterThanOrEqual(6);
    expect(await count(sql`SELECT count(*)::int AS n FROM records WHERE review_date < ${'2025-07-01'}::date`)).toBeGreaterThan(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM records WHERE created_by NOT IN (SELECT id FROM users)`)).toBe(0);
  });

  it('links records to one another: memberships, family, ownership and payments, every link resolving', async () => {
    const schemata = await store.query<{ schema: string }>(sql`SELECT DISTINCT schema FROM records`);
    expect(schemata.rows.map((s) => s.schema)).toEqual(expect.arrayContaining(['Person', 'Organization', 'Membership', 'Family', 'Ownership', 'Payment', 'Passport', 'Vehicle']));
    expect(await count(sql`SELECT count(*)::int AS n FROM records r, unnest(r.refs) AS ref WHERE NOT EXISTS (SELECT 1 FROM records t WHERE t.id = ref)`)).toBe(0);
  });

  it('names people in Arabic, Cyrillic, Han and Latin script', async () => {
    const { rows } = await store.query<{ caption: string }>(sql`SELECT caption FROM records WHERE schema = 'Person'`);
    for (const script of [/\p{Script=Arabic}/u, /\p{Script=Cyrillic}/u, /\p{Script=Han}/u, /\p{Script=Latin}/u]) {
      expect(rows.some((r) => script.test(r.caption)), String(script)).toBe(true);
    }
  });

  it('audits the records in one entry', async () => {
    const { rows } = await store.query<{ details: { count: number; dataset: string } }>(sql`SELECT details FROM audit_log WHERE action = 'record.create'`);
    expect(rows).toEqual([{ details: { count: first.records, dataset: 'demo' } }]);
  });

  it('lets the partner read only what was listed for it', async () => {
    const user = (await store.query<{ id: string }>(sql`SELECT id FROM users WHERE username = 'unodc.partner'`)).rows[0];
    const actor = userActor({ user_id: user?.id ?? '', username: 'unodc.partner', role: 'partner', org_id: 'partner-unodc', org_kind: 'partner' });
    const readable = await count(sql`SELECT count(*)::int AS n FROM ${readableRecords(actor)} AS r`);
    const listed = await count(sql`SELECT count(*)::int AS n FROM records WHERE owner_org = 'partner-unodc' OR 'partner-unodc' = ANY(restriction_orgs) AND restriction_mode = 'only_listed'`);
    expect(readable).toBe(listed);
    expect(readable).toBeLessThan(first.records);
  });

  it('returns logins whose TOTP secrets are the ones stored', async () => {
    expect(first.logins).toHaveLength(await count(sql`SELECT count(*)::int AS n FROM users`));
    const { rows } = await store.query<{ username: string; totp_secret: string }>(sql`SELECT username, totp_secret FROM users`);
    for (const login of first.logins) {
      const stored = rows.find((r) => r.username === login.username)?.totp_secret;
      expect(stored).toBe(login.totpSecret);
      const code = TOTP.generate({ secret: Secret.fromBase32(login.totpSecret ?? '') });
      expect(TOTP.validate({ token: code, secret: Secret.fromBase32(stored ?? '') })).toBe(0);
    }
  });

  it('prints the logins as a table with username, role, organisation, password and TOTP secret', () => {
    const text = formatDemoLogins(first);
    expect(text).toMatch(/USERNAME\s+ROLE\s+ORGANISATION\s+PASSWORD\s+TOTP SECRET/);
    const admin = first.logins.find((l) => l.username === 'gs.admin');
    expect(text).toContain(`gs.admin`);
    expect(text).toContain(admin?.totpSecret ?? 'missing');
    expect(text).toContain('otpauth://totp/');
  });

  it('seeds nothing the second time but still returns the logins', async () => {
    const audit = await count(sql`SELECT count(*)::int AS n FROM audit_log`);
    const again = await ensureDemoData(store, { defaultReviewYears: 5 }, quiet);
    expect(again.seeded).toBe(false);
    expect(again.records).toBe(first.records);
    expect(again.logins).toEqual(first.logins);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log`)).toBe(audit);
  });
});

describe('seeding with force into a database that has organisations', () => {
  it('lets the existing hub and bureaus play the demo ones and adds only what is missing', async () => {
    const other = await createTestStore();
    try {
      // Every database starts with a hub (migration 007); this one's administrators named theirs otherwise.
      await other.query(sql`UPDATE organisations SET id = 'gs', name = 'Existing hub' WHERE kind = 'hub'`);
      await other.query(sql`INSERT INTO organisations (id, name, kind, country) VALUES ('ncb-paris', 'Existing NCB', 'ncb', 'fr')`);
      expect((await ensureDemoData(other, { defaultReviewYears: 5 }, quiet)).seeded).toBe(false);
      const forced = await ensureDemoData(other, { defaultReviewYears: 5 }, { ...quiet, force: true });
      expect(forced.seeded).toBe(true);
      expect(forced.logins.find((l) => l.username === 'fr.officer')?.orgId).toBe('ncb-paris');
      const { rows } = await other.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM records WHERE owner_org IN ('hub', 'ncb-fr')`);
      expect(rows[0]?.n).toBe(0);
      const again = await ensureDemoData(other, { defaultReviewYears: 5 }, { ...quiet, force: true });
      expect(again.records).toBe(forced.records);
    } finally {
      await other.close();
    }
  });
});

describe('searching the demo dataset', () => {
  it('finds every named record, in every script, by its whole name as written and by its Latin folding', async () => {
    const hub = (await store.query<{ id: string }>(sql`SELECT id FROM organisations WHERE kind = 'hub'`)).rows[0]?.id ?? '';
    const actor = systemActor(hub);
    const named = await store.query<{ id: string; caption: string }>(sql`SELECT id, caption FROM records
      WHERE schema IN ('Person', 'Organization', 'Company', 'Passport', 'Vehicle', 'BankAccount') ORDER BY id`);
    expect(named.rows.length).toBeGreaterThan(100);
    const missed: string[] = [];
    for (const { id, caption } of named.rows) {
      for (const q of new Set([caption, foldName(caption)])) {
        const found = await searchReadable(store, actor, { q, status: 'any' }, { limit: 200, offset: 0 });
        if (!found.items.some((r) => r.id === id)) missed.push(q);
      }
    }
    expect(missed).toEqual([]);
  });
});
